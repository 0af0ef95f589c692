import { receivedDigests } from './pieces';
import { pushWindows, type PushOptions, type TransferResult } from './push-windows';
import { ReceivingDisk } from './receiving-disk';

/** Options of {@link copyDisk}. */
export interface CopyDiskOptions extends PushOptions {
  /** The folder the raw copy and its journal go to (`{id}.raw`, `{id}.journal`). */
  readonly dir: string;
  /** The copy's id; the same id resumes. */
  readonly id: string;
}

/**
 * Copies a disk's guest-visible data into a raw file on this machine, as {@link sendDisk} would
 * send it to a receiver, without the network: the same windows, digests and journal (a killed
 * copy resumes from its last durable window), none of the HTTP. For moves where source and target
 * share a machine or a file system.
 *
 * @example
 * const { digest } = await copyDisk({ path: 'vm.qcow2', dir: '/var/lib/mpli/incoming', id: 'migration-42-disk0' });
 * // the guest's disk is now /var/lib/mpli/incoming/migration-42-disk0.raw
 */
export async function copyDisk(options: CopyDiskOptions): Promise<TransferResult> {
  let disk: ReceivingDisk | undefined;
  try {
    return await pushWindows(options, {
      async begin(layout) {
        disk = (await ReceivingDisk.open(options.dir, options.id, { virtualSize: layout.virtualSize, dataBytes: layout.dataBytes }))!;
        return receivedDigests(disk.status().received);
      },
      async put(window, body, sha) {
        await disk!.putWindow(window.index, window.pieces, body, { sha256: sha.toString('hex') });
        return body.length;
      },
      complete: (readBack) => disk!.complete({ readBack }),
    });
  } finally {
    await disk?.close();
  }
}
