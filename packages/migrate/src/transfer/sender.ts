import { open } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { crc32 } from 'node:zlib';
import { request, type Dispatcher } from 'undici';
import { combineWindowDigests, readPieces, windowDigest } from '../disk/guest-digest';
import { inspectDisk, type DiskFormat, type DiskLayout } from '../disk/qemu-img';
import { dataWindows, WINDOW_BYTES, type DiskWindow } from '../disk/windows';
import { MigrationError } from '../migration-error';
import { formatPieces } from './pieces';

/** Progress of a transfer, after each window. */
export interface TransferProgress {
  /** Data bytes the target holds (sent now or before a resume). */
  readonly doneBytes: number;
  /** Data bytes the disk has. */
  readonly totalBytes: number;
  /** Bytes sent by this call, resends included. */
  readonly sentBytes: number;
}

/** Options of {@link sendDisk}. */
export interface SendDiskOptions {
  /** The disk image to send, read-only. */
  readonly path: string;
  readonly format?: DiskFormat;
  /** The receiver's base URL (directly, or a relay in front of it). */
  readonly url: string;
  /** The transfer's id at the receiver; the same id resumes. */
  readonly id: string;
  readonly token?: string;
  /** Windows in flight at once. Default 4. */
  readonly concurrency?: number;
  /** Attempts per window after a checksum mismatch or a broken connection. Default 3. */
  readonly retries?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: TransferProgress) => void;
  readonly dispatcher?: Dispatcher;
  /**
   * Whether the receiver reads the disk back for the final digest (the default: what is really on
   * its disk), or combines the window digests it recorded (faster; each window's bytes were still
   * checked on arrival). A migration reads the imported disk back in its own verify step.
   */
  readonly readBack?: boolean;
  /** Per request. Default 60 s. */
  readonly timeoutMs?: number;
}

/** What a finished transfer did. */
export interface SendDiskResult {
  /** The disk digest, as the receiver read it back, equal to the source's. */
  readonly digest: string;
  readonly layout: DiskLayout;
  readonly sentBytes: number;
  /** Windows the receiver already had (a resumed transfer). */
  readonly skippedWindows: number;
}

/**
 * Sends a disk's guest-visible data to a receiver ({@link createDiskReceiver}) window by window:
 * only stored data travels (never zeros), several windows in flight, never the whole disk in memory. Each window carries a CRC-32 of its bytes (checked on
 * arrival: a link that damages data is caught, the window sent again) and its digest. Asks the receiver first what it already has and sends
 * only the rest, so a transfer broken by a kill or a network cut resumes where it stopped. Ends by
 * comparing the receiver's read-back digest with the source's: CORRUPTION when they differ.
 *
 * @example
 * const { digest } = await sendDisk({ path: 'vm.qcow2', url: 'http://relay.example:8700', id: 'migration-42-disk0' });
 */
export async function sendDisk(options: SendDiskOptions): Promise<SendDiskResult> {
  const layout = await inspectDisk(options.path, { ...(options.format ? { format: options.format } : {}), ...(options.signal ? { signal: options.signal } : {}) });
  const call = caller(options);
  const status = (await call('PUT', `/transfers/${options.id}`, JSON.stringify({ virtualSize: layout.virtualSize, dataBytes: layout.dataBytes }), { 'content-type': 'application/json' })) as { received: Record<string, string> };
  const digests = new Map<number, Buffer>(Object.entries(status.received).map(([index, sha]) => [Number(index), Buffer.from(sha, 'hex')]));
  const windows = dataWindows(layout);
  const todo = windows.filter((w) => !digests.has(w.index));
  const bytesOf = (w: DiskWindow) => w.pieces.reduce((n, p) => n + p.length, 0);
  let doneBytes = layout.dataBytes - todo.reduce((n, w) => n + bytesOf(w), 0);
  let sentBytes = 0;
  const file = await open(options.path, 'r');
  try {
    let next = 0;
    const worker = async () => {
      // One buffer per worker, reused for every window it sends.
      const buffer = Buffer.allocUnsafe(WINDOW_BYTES);
      while (next < todo.length) {
        const window = todo[next++]!;
        const body = await readPieces(file, window, buffer);
        const sha = windowDigest(window.start, window.length, window.pieces, body);
        const sent = await sendWindow(call, options, window, body, sha.toString('hex'));
        sentBytes += sent;
        digests.set(window.index, sha);
        doneBytes += body.length;
        options.onProgress?.({ doneBytes, totalBytes: layout.dataBytes, sentBytes });
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  } finally {
    await file.close();
  }
  const expected = combineWindowDigests(layout.virtualSize, digests);
  const { digest } = (await call('POST', `/transfers/${options.id}/complete${options.readBack === false ? '?readBack=false' : ''}`)) as { digest: string };
  if (digest !== expected) throw new MigrationError('CORRUPTION', `the target read back ${digest}, the source is ${expected}`);
  return { digest, layout, sentBytes, skippedWindows: windows.length - todo.length };
}

/** Sends one window, retrying a checksum mismatch or a broken connection; returns the bytes sent. */
async function sendWindow(call: ReturnType<typeof caller>, options: SendDiskOptions, window: DiskWindow, body: Buffer, sha: string): Promise<number> {
  let sent = 0;
  for (let attempt = 0; ; attempt += 1) {
    try {
      sent += body.length;
      await call('PUT', `/transfers/${options.id}/windows/${window.index}`, body, { 'x-mpli-sha256': sha, 'x-mpli-crc32': crc32(body).toString(16), 'x-mpli-pieces': formatPieces(window.pieces), 'content-type': 'application/octet-stream' });
      return sent;
    } catch (error) {
      const retryable = !(error instanceof MigrationError) || error.code === 'CORRUPTION' || error.code === 'TRANSFER_FAILED';
      if (!retryable || options.signal?.aborted || attempt >= (options.retries ?? 3)) throw error;
      await sleep(Math.min(2_000, 100 * 2 ** attempt));
    }
  }
}

/** Calls the receiver; problem answers become MigrationErrors with the receiver's code. */
function caller(options: SendDiskOptions) {
  const base = options.url.replace(/\/$/, '');
  return async (method: 'GET' | 'PUT' | 'POST', path: string, body?: Buffer | string, headers: Record<string, string> = {}): Promise<unknown> => {
    if (options.signal?.aborted) throw new MigrationError('CANCELLED', 'the transfer was cancelled');
    let response: Dispatcher.ResponseData;
    try {
      response = await request(`${base}${path}`, {
        method, headers: { ...headers, ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) }, ...(body !== undefined ? { body } : {}),
        headersTimeout: options.timeoutMs ?? 60_000, bodyTimeout: options.timeoutMs ?? 60_000, ...(options.signal ? { signal: options.signal } : {}), ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
      });
    } catch (error) {
      if (options.signal?.aborted) throw new MigrationError('CANCELLED', 'the transfer was cancelled');
      throw new MigrationError('TRANSFER_FAILED', `${method} ${path}: ${(error as Error).message}`, { cause: error });
    }
    const text = await response.body.text().catch((error: Error) => {
      throw new MigrationError('TRANSFER_FAILED', `${method} ${path}: ${error.message}`, { cause: error });
    });
    if (response.statusCode < 300) return text ? (JSON.parse(text) as unknown) : undefined;
    const problem = (() => {
      try {
        return JSON.parse(text) as { code?: string; detail?: string };
      } catch {
        return {};
      }
    })();
    const code = problem.code === 'CORRUPTION' || problem.code === 'DISK_FULL' || problem.code === 'BAD_INPUT' ? problem.code : response.statusCode >= 500 ? 'TRANSFER_FAILED' : 'TARGET_REFUSED';
    throw new MigrationError(code, `the receiver answered ${response.statusCode} to ${method} ${path}: ${problem.detail ?? text.slice(0, 200)}`);
  };
}
