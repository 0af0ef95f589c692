import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportedDisk } from '@mpli/delivery-adapters';
import { guestDigest } from '../disk/guest-digest';
import { MigrationError } from '../migration-error';
import type { DiskStepContext } from './disk-steps';
import { stageDisk } from './stage';

/**
 * The import's `verifyStored`: reads each disk back from the target's storage into the work
 * folder, and compares its guest digest with the digest the disk left the source with. The
 * runner's copies were checked at every hop; this checks the copy the target will boot.
 */
export function storedDiskCheck(c: DiskStepContext, digests: Readonly<Record<string, string>>): StoredDiskCheck {
  let failure: MigrationError | undefined;
  const check = async (disk: ExportedDisk): Promise<void> => {
    const expected = digests[disk.id];
    if (!expected) throw new MigrationError('BAD_INPUT', `the target stored a disk ${disk.id} that the source did not export`);
    const path = join(c.request.workDir, `${c.request.id}-${disk.id}.stored.${disk.format}`);
    try {
      await stageDisk(disk, path, { from: 0, record: async () => undefined, ...(c.signal ? { signal: c.signal } : {}) });
      const stored = await guestDigest(path, { format: disk.format, ...(c.signal ? { signal: c.signal } : {}) });
      if (stored !== expected) throw (failure = new MigrationError('CORRUPTION', `disk ${disk.id} as the target stored it reads ${stored}, not ${expected}`));
      c.emit({ type: 'step', step: 'verify', message: `disk ${disk.id} read back from the target's storage: the same content` });
    } finally {
      await rm(path, { force: true });
    }
  };
  return { verify: check, failure: () => failure };
}

/** A check to hand an import, and what it found wrong (the import reports only a message). */
export interface StoredDiskCheck {
  readonly verify: (disk: ExportedDisk) => Promise<void>;
  readonly failure: () => MigrationError | undefined;
}
