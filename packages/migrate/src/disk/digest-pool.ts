import { Worker } from 'node:worker_threads';
import { workerEntry } from '@mpli/core';
import { windowDigest } from './guest-digest';
import type { DigestAnswer, DigestJob } from './digest-messages';
import type { DiskWindow } from './windows';

/** A window buffer in shared memory: a worker thread can digest it while it stays here. */
export const sharedWindowBuffer = (bytes: number): Buffer => Buffer.from(new SharedArrayBuffer(bytes));

/**
 * Window digests computed on worker threads, so that hashing (the costliest part of a transfer's
 * CPU) runs beside the reads and writes instead of holding up the event loop. The window's bytes
 * must live in shared memory ({@link sharedWindowBuffer}); any other buffer is digested here.
 */
export class DigestPool {
  private readonly workers: Worker[] = [];
  private readonly inFlight: number[] = [];
  private readonly pending = new Map<number, { resolve: (digest: Buffer) => void; reject: (error: Error) => void }>();
  private nextId = 0;
  private turn = 0;
  /** Windows digested on the worker threads so far (the rest were digested on the calling thread). */
  threadJobs = 0;

  constructor(threads: number) {
    for (let i = 0; i < threads; i += 1) {
      // In the built package the worker is dist/digest-worker.js beside this module's chunk.
      const entry = workerEntry(import.meta.url, 'digest-worker');
      const worker = new Worker(entry.url, { execArgv: entry.execArgv });
      const slot = i;
      worker.on('message', (answer: DigestAnswer) => {
        // An idle worker must not keep the process alive.
        if (--this.inFlight[slot]! === 0) worker.unref();
        const waiting = this.pending.get(answer.id);
        this.pending.delete(answer.id);
        if (answer.error !== undefined) waiting?.reject(new Error(`a digest worker failed: ${answer.error}`));
        else {
          this.threadJobs += 1;
          waiting?.resolve(Buffer.from(answer.digest));
        }
      });
      worker.on('error', (error) => {
        for (const waiting of this.pending.values()) waiting.reject(error);
        this.pending.clear();
      });
      worker.unref();
      this.workers.push(worker);
      this.inFlight.push(0);
    }
  }

  /** The digest of a window whose stored bytes are `body` (see {@link windowDigest}). */
  digest(window: DiskWindow, body: Buffer): Promise<Buffer> {
    if (!(body.buffer instanceof SharedArrayBuffer) || body.byteOffset !== 0 || this.workers.length === 0) return Promise.resolve(windowDigest(window.start, window.length, window.pieces, body));
    const id = this.nextId++;
    const job: DigestJob = { id, start: window.start, length: window.length, pieces: window.pieces.map((p) => ({ guestOffset: p.guestOffset, length: p.length })), memory: body.buffer, bytes: body.length };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const slot = this.turn++ % this.workers.length;
      if (this.inFlight[slot]!++ === 0) this.workers[slot]!.ref();
      this.workers[slot]!.postMessage(job);
    });
  }

  /** Stops the worker threads (pools from {@link sharedDigestPool} are never closed). */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

const shared = new Map<number, DigestPool>();

/**
 * A pool of `threads` digest workers kept for the life of the process (idle, they do not keep it
 * alive): starting threads for every transfer would cost more than many small transfers save.
 */
export function sharedDigestPool(threads: number): DigestPool {
  let pool = shared.get(threads);
  if (!pool) shared.set(threads, (pool = new DigestPool(threads)));
  return pool;
}
