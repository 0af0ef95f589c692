import { open, statfs, unlink, type FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { join } from 'node:path';
import { combineWindowDigests, guestDigest } from '../disk/guest-digest';
import { WINDOW_BYTES, windowCount } from '../disk/windows';
import { openJournal, type Journal } from '../journal';
import { MigrationError } from '../migration-error';
import { receivedDigests, type WirePiece } from './pieces';

type ReceiverRecord =
  | { type: 'transfer'; id: string; virtualSize: number; windowBytes: number }
  | { type: 'windows'; windows: [number, string][] }
  | { type: 'complete'; digest: string };

/** Where a transfer stands, as the receiver knows it. */
export interface ReceivingStatus {
  readonly id: string;
  readonly virtualSize: number;
  /** Windows written and made durable, with the SHA-256 (hex) of their content. */
  readonly received: Readonly<Record<string, string>>;
  /** The disk digest read back from the file, once complete. */
  readonly digest?: string;
}

/** Windows kept written but not yet durable before a flush: what a crash of the receiver can cost. */
const FLUSH_EVERY = 16;

/**
 * The receiving end of one disk transfer: a sparse raw file the size of the guest's disk, written
 * window by window after each window's checksum matched, and a journal of the windows made
 * durable (data synced first, then recorded), so a restarted receiver knows exactly what it has.
 */
export class ReceivingDisk {
  private readonly pending = new Map<number, string>();
  private flushing: Promise<void> = Promise.resolve();
  private flushRunning = false;
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    readonly id: string,
    readonly path: string,
    readonly virtualSize: number,
    private readonly file: FileHandle,
    private readonly journal: Journal<ReceiverRecord>,
  ) {}

  /**
   * Opens a transfer's files in `dir`, or creates them when `create` gives the disk's size (and
   * the data bytes to expect, checked against the free space).
   */
  static async open(dir: string, id: string, create?: { virtualSize: number; dataBytes: number }): Promise<ReceivingDisk | undefined> {
    const journal = await openJournal<ReceiverRecord>(join(dir, `${id}.journal`));
    const head = journal.records[0];
    if (!head && !create) return void (await journal.close());
    if (head?.type === 'transfer' && create && head.virtualSize !== create.virtualSize) {
      await journal.close();
      throw new MigrationError('BAD_INPUT', `transfer ${id} exists with a disk of ${head.virtualSize} bytes, not ${create.virtualSize}`);
    }
    const path = join(dir, `${id}.raw`);
    if (!head) {
      const { bavail, bsize } = await statfs(dir);
      if (bavail * bsize < create!.dataBytes) {
        await journal.close();
        throw new MigrationError('DISK_FULL', `the target has ${bavail * bsize} bytes free, the disk needs ${create!.dataBytes}`);
      }
    }
    const file = await open(path, head ? 'r+' : 'w+');
    const virtualSize = head?.type === 'transfer' ? head.virtualSize : create!.virtualSize;
    if (!head) {
      await file.truncate(virtualSize);
      await journal.append({ type: 'transfer', id, virtualSize, windowBytes: WINDOW_BYTES });
    }
    return new ReceivingDisk(id, path, virtualSize, file, journal);
  }

  status(): ReceivingStatus {
    const received: Record<string, string> = {};
    let digest: string | undefined;
    for (const record of this.journal.records) {
      if (record.type === 'windows') for (const [index, sha] of record.windows) received[index] = sha;
      if (record.type === 'complete') digest = record.digest;
    }
    return { id: this.id, virtualSize: this.virtualSize, received, ...(digest ? { digest } : {}) };
  }

  /**
   * Checks a window's bytes against their CRC-32 (what a faulty link would change; absent when the
   * bytes crossed no link) and writes its pieces; records the window's digest as the sender
   * computed it. A mismatch throws CORRUPTION and writes nothing.
   */
  async putWindow(index: number, pieces: readonly WirePiece[], body: Buffer, check: { crc32?: number; sha256: string }): Promise<void> {
    if (!Number.isInteger(index) || index < 0 || index >= windowCount(this.virtualSize)) throw new MigrationError('BAD_INPUT', `window ${index} is outside the disk`);
    const actual = check.crc32 === undefined ? undefined : crc32(body);
    if (actual !== check.crc32) throw new MigrationError('CORRUPTION', `window ${index} arrived with CRC-32 ${actual!.toString(16)}, sent as ${check.crc32!.toString(16)}`);
    // One write at a time: writers of one file queue on its inode lock, and spin there, which
    // costs more CPU than the writes themselves.
    const turn = this.writing.then(async () => {
      let at = 0;
      for (const piece of pieces) {
        await this.write(body.subarray(at, at + piece.length), piece.guestOffset);
        at += piece.length;
      }
    });
    this.writing = turn.catch(() => undefined);
    await turn;
    this.pending.set(index, check.sha256);
    // The flush runs behind the writes (the sender is not kept waiting on the disk), unless the
    // disk falls behind by more than two flushes: then the sender waits, so what a crash can cost
    // stays bounded.
    if (this.pending.size >= FLUSH_EVERY && !this.flushRunning) void this.flush().catch(() => undefined);
    if (this.pending.size >= 2 * FLUSH_EVERY) await this.flush();
  }

  /** Makes the written windows durable, then records them; a failure of a background flush surfaces here. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.pending.size === 0) return;
      const windows = [...this.pending.entries()];
      this.pending.clear();
      this.flushRunning = true;
      try {
        await this.file.datasync();
        await this.journal.append({ type: 'windows', windows });
      } finally {
        this.flushRunning = false;
      }
    });
    return this.flushing;
  }

  /**
   * Flushes, and returns the disk's digest: read back from the file (`readBack`, the default: what
   * is really on disk), or combined from the window digests recorded as they arrived.
   */
  async complete(options: { readBack?: boolean } = {}): Promise<string> {
    await this.flush();
    if (options.readBack === false) {
      const recorded = receivedDigests(this.status().received);
      return combineWindowDigests(this.virtualSize, recorded);
    }
    const done = this.status().digest;
    if (done) return done;
    const digest = await guestDigest(this.path, { format: 'raw' });
    await this.journal.append({ type: 'complete', digest });
    return digest;
  }

  async close(): Promise<void> {
    await this.flush();
    await this.file.close();
    await this.journal.close();
  }

  /** Removes the transfer's files (a rollback, or after the disk was imported). */
  async remove(dir: string): Promise<void> {
    await this.file.close().catch(() => undefined);
    await this.journal.close().catch(() => undefined);
    await unlink(this.path).catch(() => undefined);
    await unlink(join(dir, `${this.id}.journal`)).catch(() => undefined);
  }

  private async write(data: Buffer, position: number): Promise<void> {
    try {
      let done = 0;
      while (done < data.length) done += (await this.file.write(data, done, data.length - done, position + done)).bytesWritten;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG') throw new MigrationError('DISK_FULL', `the target's disk is full (${code}) at byte ${position} of ${this.id}`, { cause: error });
      throw error;
    }
  }
}
