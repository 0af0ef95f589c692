import type { DeliveryAdapter, DeliveryOrder } from '@mpli/delivery-adapters';
import type { DiskFormat } from '../disk/qemu-img';
import type { SendDiskOptions, SendDiskResult } from '../transfer/sender';
import type { MigrationTrust } from './target-trust';

/** What to migrate, from where, to where. */
export interface MigrationRequest {
  /** The migration's id: its journal's name, and the prefix of its transfers. */
  readonly id: string;
  /** The provider the VM leaves: its adapter and the order that delivered the VM. */
  readonly source: { readonly adapter: DeliveryAdapter; readonly orderId: string };
  /**
   * The provider it goes to: its adapter, the order to deliver there (its parameters may add a
   * `waitForConsole` marker, which is how the boot is verified), and the disk format it takes.
   */
  readonly target: { readonly adapter: DeliveryAdapter; readonly order: DeliveryOrder; readonly format?: DiskFormat };
  /** Where the journal and the staged disks live (the runner's side). */
  readonly workDir: string;
  /**
   * How disks reach the target: a receiver (`createDiskReceiver`) the target runs, through a relay
   * when the networks are apart, and the folder where that receiver writes (readable by the
   * import). Without it, the runner receives into `workDir` itself.
   */
  readonly transfer?: {
    readonly url: string;
    readonly token?: string;
    readonly receivedDir: string;
    /**
     * Sends a staged disk (default: `sendDisk` in this process). Give another to send from
     * elsewhere, such as a process inside the source's network.
     */
    readonly send?: (options: SendDiskOptions) => Promise<SendDiskResult>;
  };
  /**
   * The target provider's manifest and the consumer: its prerequisites are checked against the
   * consumer's credentials before anything moves, and the consumer's identity goes with the order.
   */
  readonly trust?: MigrationTrust;
  /**
   * Read each disk back from the target's storage after its upload and compare digests, before
   * the VM boots there (default true). Costs one more read of the disk; turn off only where the
   * target's storage is checked some other way.
   */
  readonly verifyStored?: boolean;
  /** After the target is verified, destroy the source (default: leave it stopped, untouched). */
  readonly destroySource?: boolean;
}
