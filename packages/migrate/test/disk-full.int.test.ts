import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { guestDigest, sendDisk } from '@mpli/migrate';
import { buildDisk } from './disk-images';
import { startReceiver } from './receiver-server';

// A full disk at the target, for real: the receiver writes to a small tmpfs mounted for the test
// (root is needed to mount; CI runs as root, and MPLI_REQUIRE_SERVICES=1 makes its absence an error).
const root = process.getuid?.() === 0;
if (!root && process.env.MPLI_REQUIRE_SERVICES === '1') throw new Error('the disk-full tests need root to mount a tmpfs (MPLI_REQUIRE_SERVICES=1)');
const dir = mkdtempSync(join(tmpdir(), 'mpli-full-'));
const mounts: string[] = [];
afterAll(() => {
  for (const m of mounts) execFileSync('umount', [m]);
  rmSync(dir, { recursive: true, force: true });
});
const disk = buildDisk(dir, 'source', 32, [[0, 6], [16, 6]]);
const smallDisk = (name: string, mib: number) => {
  const path = join(dir, name);
  mkdirSync(path);
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${mib}m`, 'tmpfs', path]);
  mounts.push(path);
  return path;
};

describe.runIf(root)('a full disk at the target', () => {
  it('is refused before anything is written when the data cannot fit', async () => {
    const receiving = await startReceiver(smallDisk('tiny', 4));
    try {
      await expect(sendDisk({ path: disk.qcow2, url: receiving.url, id: 'full-1' })).rejects.toMatchObject({ code: 'DISK_FULL', message: expect.stringContaining('the disk needs 12582912') as string });
    } finally {
      await receiving.close();
    }
  });

  it('stops the transfer with DISK_FULL when the space runs out part way, the source untouched, and resumes once there is room', async () => {
    const target = smallDisk('shrinking', 16);
    const receiving = await startReceiver(target);
    const before = readFileSync(disk.qcow2);
    try {
      let filled = false;
      // After the first window, something else takes the target's free space.
      const fill = () => {
        if (filled) return;
        filled = true;
        try {
          writeFileSync(join(target, 'filler'), Buffer.alloc(15 << 20));
        } catch {
          // The tmpfs is full now, as intended.
        }
      };
      await expect(sendDisk({ path: disk.qcow2, url: receiving.url, id: 'full-2', concurrency: 1, onProgress: fill })).rejects.toMatchObject({ code: 'DISK_FULL' });
      expect(readFileSync(disk.qcow2).equals(before)).toBe(true);
      rmSync(join(target, 'filler'));
      const result = await sendDisk({ path: disk.qcow2, url: receiving.url, id: 'full-2' });
      expect(result.digest).toBe(await guestDigest(disk.qcow2));
    } finally {
      await receiving.close();
    }
  });
});
