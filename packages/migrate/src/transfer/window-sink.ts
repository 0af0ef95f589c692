import type { DiskLayout } from '../disk/qemu-img';
import type { DiskWindow } from '../disk/windows';

/**
 * Where a disk's windows go: a receiver over HTTP ({@link sendDisk}) or a raw file on this machine
 * ({@link copyDisk}). The same push loop drives both, so resume, progress and digests behave alike.
 */
export interface WindowSink {
  /** Starts the transfer, or finds it: the windows the target already holds, with their digests. */
  begin(layout: DiskLayout): Promise<ReadonlyMap<number, Buffer>>;
  /** Delivers one window's stored bytes and digest; returns the bytes that went out (resends included). */
  put(window: DiskWindow, body: Buffer, sha256: Buffer): Promise<number>;
  /** Ends the transfer: the target's disk digest, read back from its disk or combined from the recorded windows. */
  complete(readBack: boolean): Promise<string>;
}
