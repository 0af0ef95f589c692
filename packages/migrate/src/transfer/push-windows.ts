import { open } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { sharedDigestPool, sharedWindowBuffer } from '../disk/digest-pool';
import { combineWindowDigests, readPieces } from '../disk/guest-digest';
import { inspectDisk, type DiskFormat, type DiskLayout } from '../disk/qemu-img';
import { dataWindows, WINDOW_BYTES, type DiskWindow } from '../disk/windows';
import { MigrationError } from '../migration-error';
import type { WindowSink } from './window-sink';

/** Progress of a transfer, after each window. */
export interface TransferProgress {
  /** Data bytes the target holds (sent now or before a resume). */
  readonly doneBytes: number;
  /** Data bytes the disk has. */
  readonly totalBytes: number;
  /** Bytes sent by this call, resends included. */
  readonly sentBytes: number;
}

/** What every transfer takes, whatever carries it. */
export interface PushOptions {
  /** The disk image to send, read-only. */
  readonly path: string;
  readonly format?: DiskFormat;
  /** Windows in flight at once. Default 4. */
  readonly concurrency?: number;
  /**
   * Worker threads that digest windows beside the reads and writes. Default: one less than the
   * machine's cores, at most 3; 0 digests on the calling thread. Small disks never start any.
   */
  readonly digestThreads?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: TransferProgress) => void;
  /**
   * Whether the target reads its disk back for the final digest (the default: what is really on
   * its disk), or combines the window digests it recorded (faster; each window's bytes were still
   * checked on arrival).
   */
  readonly readBack?: boolean;
}

/** What a finished transfer did. */
export interface TransferResult {
  /** The disk digest as the target has it, equal to the source's. */
  readonly digest: string;
  readonly layout: DiskLayout;
  readonly sentBytes: number;
  /** Windows the target already had (a resumed transfer). */
  readonly skippedWindows: number;
}

const MIN_WINDOWS_FOR_THREADS = 8;

/**
 * Reads a disk's stored data window by window (never the whole disk in memory, several windows in
 * flight) and hands each to the sink with its digest, skipping the windows the sink already
 * holds; ends by comparing the target's digest with the source's: CORRUPTION when they differ.
 */
export async function pushWindows(options: PushOptions, sink: WindowSink): Promise<TransferResult> {
  const layout = await inspectDisk(options.path, { ...(options.format ? { format: options.format } : {}), ...(options.signal ? { signal: options.signal } : {}) });
  const held = new Map(await sink.begin(layout));
  const windows = dataWindows(layout);
  const todo = windows.filter((w) => !held.has(w.index));
  const bytesOf = (w: DiskWindow) => w.pieces.reduce((n, p) => n + p.length, 0);
  let doneBytes = layout.dataBytes - todo.reduce((n, w) => n + bytesOf(w), 0);
  let sentBytes = 0;
  // Threads cost time to start: worth it from a few windows on (and they stay for the next transfer).
  const threads = todo.length >= MIN_WINDOWS_FOR_THREADS ? (options.digestThreads ?? Math.min(3, availableParallelism() - 1)) : 0;
  const digests = sharedDigestPool(threads);
  const file = await open(options.path, 'r');
  try {
    let next = 0;
    const worker = async () => {
      // One buffer per worker, reused for every window it sends, shared with the digest threads.
      const buffer = threads > 0 ? sharedWindowBuffer(WINDOW_BYTES) : Buffer.allocUnsafe(WINDOW_BYTES);
      while (next < todo.length) {
        if (options.signal?.aborted) throw new MigrationError('CANCELLED', 'the transfer was cancelled');
        const window = todo[next++]!;
        const body = await readPieces(file, window, buffer);
        const sha = await digests.digest(window, body);
        const sent = await sink.put(window, body, sha);
        sentBytes += sent;
        held.set(window.index, sha);
        doneBytes += body.length;
        options.onProgress?.({ doneBytes, totalBytes: layout.dataBytes, sentBytes });
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  } finally {
    await file.close();
  }
  const expected = combineWindowDigests(layout.virtualSize, held);
  const digest = await sink.complete(options.readBack !== false);
  if (digest !== expected) throw new MigrationError('CORRUPTION', `the target has ${digest}, the source is ${expected}`);
  return { digest, layout, sentBytes, skippedWindows: windows.length - todo.length };
}
