import { join } from 'node:path';
import type { ExportedDisk } from '@mpli/delivery-adapters';
import { convertDisk, type DiskFormat } from '../disk/qemu-img';
import { guestDigest } from '../disk/guest-digest';
import type { Journal } from '../journal';
import { MigrationError } from '../migration-error';
import { copyDisk } from '../transfer/local-copy';
import type { TransferProgress } from '../transfer/push-windows';
import { sendDisk } from '../transfer/sender';
import type { MigrationEvent } from './events';
import { lastRecord, type MigrationRecord } from './journal-records';
import type { MigrationRequest } from './request';
import { stageDisk } from './stage';

/** What the disk steps share. */
export interface DiskStepContext {
  readonly request: MigrationRequest;
  readonly journal: Journal<MigrationRecord>;
  readonly signal?: AbortSignal;
  readonly emit: (event: MigrationEvent) => void;
}

/** Stages a disk from the source (resuming from its last durable stretch) and records its digest. */
export async function stageStep(c: DiskStepContext, disk: ExportedDisk): Promise<{ path: string; digest: string; format: DiskFormat }> {
  const done = lastRecord(c.journal.records, 'staged', disk.id);
  if (done) return (c.emit({ type: 'step', step: 'stage', message: `disk ${disk.id} already staged`, resumed: true }), done);
  const path = join(c.request.workDir, `${c.request.id}-${disk.id}.source.${disk.format}`);
  const from = lastRecord(c.journal.records, 'staged-bytes', disk.id)?.offset ?? 0;
  c.emit({ type: 'step', step: 'stage', message: `reading disk ${disk.id} from the source${from ? ` from byte ${from}` : ''}`, ...(from ? { resumed: true } : {}) });
  await stageDisk(disk, path, {
    from, ...(c.signal ? { signal: c.signal } : {}),
    record: (offset) => c.journal.append({ type: 'staged-bytes', disk: disk.id, offset }),
    onBytes: (offset) => c.emit({ type: 'bytes', step: 'stage', disk: disk.id, doneBytes: offset, totalBytes: disk.bytes ?? offset }),
  });
  const digest = await guestDigest(path, { format: disk.format, ...(c.signal ? { signal: c.signal } : {}) });
  await c.journal.append({ type: 'staged', disk: disk.id, path, format: disk.format, digest });
  return { path, digest, format: disk.format };
}

/** Sends a staged disk to the target's receiver; resumes a broken transfer; the digests must agree. */
export async function transferStep(c: DiskStepContext, disk: string, staged: { path: string; digest: string; format: DiskFormat }): Promise<{ path: string; sentBytes: number }> {
  const done = lastRecord(c.journal.records, 'transferred', disk);
  if (done) return (c.emit({ type: 'step', step: 'transfer', message: `disk ${disk} already at the target`, resumed: true }), done);
  const transferId = `${c.request.id}-${disk}`;
  const receiver = c.request.transfer;
  const common = {
    path: staged.path, format: staged.format, ...(c.signal ? { signal: c.signal } : {}),
    onProgress: (p: TransferProgress) => c.emit({ type: 'bytes', step: 'transfer', disk, doneBytes: p.doneBytes, totalBytes: p.totalBytes }),
  };
  // Without a receiver of the target's, the disk is copied into the work folder on this machine:
  // the same windows, digests and journal as over the network, without a loopback HTTP hop.
  c.emit({ type: 'step', step: 'transfer', message: receiver ? `sending disk ${disk} to ${receiver.url}` : `copying disk ${disk} into ${c.request.workDir}` });
  const result = receiver
    ? await (receiver.send ?? sendDisk)({ ...common, url: receiver.url, id: transferId, ...(receiver.token ? { token: receiver.token } : {}) })
    : await copyDisk({ ...common, dir: c.request.workDir, id: transferId });
  if (result.digest !== staged.digest) throw new MigrationError('CORRUPTION', `disk ${disk} reached the target as ${result.digest}, it left as ${staged.digest}`);
  const path = join(receiver?.receivedDir ?? c.request.workDir, `${transferId}.raw`);
  await c.journal.append({ type: 'transferred', disk, path, sentBytes: result.sentBytes });
  return { path, sentBytes: result.sentBytes };
}

/** Converts a received raw disk to the target's format with qemu-img, and checks the digest again. */
export async function convertStep(c: DiskStepContext, disk: string, received: string, digest: string): Promise<{ path: string; format: DiskFormat }> {
  const format = c.request.target.format ?? 'raw';
  if (format === 'raw') return { path: received, format };
  const done = lastRecord(c.journal.records, 'converted', disk);
  if (done) return done;
  const path = join(c.request.workDir, `${c.request.id}-${disk}.target.${format}`);
  c.emit({ type: 'step', step: 'convert', message: `converting disk ${disk} to ${format}` });
  await convertDisk({ path: received, format: 'raw' }, { path, format }, c.signal ? { signal: c.signal } : {});
  const converted = await guestDigest(path, { format });
  if (converted !== digest) throw new MigrationError('CORRUPTION', `disk ${disk} converted to ${format} reads ${converted}, not ${digest}`);
  await c.journal.append({ type: 'converted', disk, path, format });
  return { path, format };
}
