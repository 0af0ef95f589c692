import { setTimeout as sleep } from 'node:timers/promises';
import { crc32 } from 'node:zlib';
import { request, type Dispatcher } from 'undici';
import type { DiskWindow } from '../disk/windows';
import { MigrationError } from '../migration-error';
import { formatPieces, receivedDigests } from './pieces';
import { pushWindows, type PushOptions, type TransferResult } from './push-windows';
import type { WindowSink } from './window-sink';

export type { TransferProgress } from './push-windows';

/** Options of {@link sendDisk}. */
export interface SendDiskOptions extends PushOptions {
  /** The receiver's base URL (directly, or a relay in front of it). */
  readonly url: string;
  /** The transfer's id at the receiver; the same id resumes. */
  readonly id: string;
  readonly token?: string;
  /** Attempts per window after a checksum mismatch or a broken connection. Default 3. */
  readonly retries?: number;
  readonly dispatcher?: Dispatcher;
  /** Per request. Default 60 s. */
  readonly timeoutMs?: number;
}

/** What a finished transfer did. */
export type SendDiskResult = TransferResult;

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
export function sendDisk(options: SendDiskOptions): Promise<SendDiskResult> {
  return pushWindows(options, httpSink(options));
}

/** The receiver over HTTP as a window sink. */
function httpSink(options: SendDiskOptions): WindowSink {
  const call = caller(options);
  return {
    async begin(layout) {
      const status = (await call('PUT', `/transfers/${options.id}`, JSON.stringify({ virtualSize: layout.virtualSize, dataBytes: layout.dataBytes }), { 'content-type': 'application/json' })) as { received: Record<string, string> };
      return receivedDigests(status.received);
    },
    put: (window, body, sha) => sendWindow(call, options, window, body, sha.toString('hex')),
    async complete(readBack) {
      return ((await call('POST', `/transfers/${options.id}/complete${readBack ? '' : '?readBack=false'}`)) as { digest: string }).digest;
    },
  };
}

/** Sends one window, retrying a checksum mismatch or a broken connection; returns the bytes sent. */
async function sendWindow(call: ReturnType<typeof caller>, options: SendDiskOptions, window: DiskWindow, body: Buffer, sha: string): Promise<number> {
  let sent = 0;
  const headers = { 'x-mpli-sha256': sha, 'x-mpli-crc32': crc32(body).toString(16), 'x-mpli-pieces': formatPieces(window.pieces), 'content-type': 'application/octet-stream' };
  for (let attempt = 0; ; attempt += 1) {
    try {
      sent += body.length;
      await call('PUT', `/transfers/${options.id}/windows/${window.index}`, body, headers);
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
