import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyDisk, guestDigest, MigrationError, WINDOW_BYTES } from '@mpli/migrate';
import { buildDisk, newFolder } from './disk-images';

const dir = mkdtempSync(join(tmpdir(), 'mpli-local-copy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// 48 MiB with 20 MiB of data in regions that cross window edges.
const disk = buildDisk(dir, 'source', 48, [[0, 5], [11, 3], [20, 8], [40, 4]]);
const sourceDigest = await guestDigest(disk.qcow2);
const target = (name: string) => newFolder(dir, name);

describe('copyDisk (a move on one machine)', () => {
  it('writes the raw disk qemu-img convert would, reads it back for the digest, and keeps it sparse', async () => {
    const out = target('plain');
    const result = await copyDisk({ path: disk.qcow2, dir: out, id: 'plain-1' });
    expect(result).toMatchObject({ digest: sourceDigest, sentBytes: disk.dataBytes, skippedWindows: 0 });
    const converted = join(dir, 'by-qemu-img.raw');
    execFileSync('qemu-img', ['convert', '-f', 'qcow2', '-O', 'raw', disk.qcow2, converted]);
    expect(readFileSync(join(out, 'plain-1.raw')).equals(readFileSync(converted))).toBe(true);
    const stored = Number(execFileSync('du', ['-B1', join(out, 'plain-1.raw')]).toString().split('\t')[0]);
    expect(stored).toBeLessThan(disk.dataBytes * 1.1);
  });

  it('resumes a cancelled copy from its journal, writing again only what was not yet durable', async () => {
    const out = target('resumed');
    const controller = new AbortController();
    let firstBytes = 0;
    await expect(copyDisk({
      path: disk.vmdk, dir: out, id: 'resume-1', concurrency: 1, signal: controller.signal,
      onProgress: (p) => {
        firstBytes = p.sentBytes;
        if (p.doneBytes >= disk.dataBytes / 2) controller.abort();
      },
    })).rejects.toMatchObject({ code: 'CANCELLED' });
    const resumed = await copyDisk({ path: disk.vmdk, dir: out, id: 'resume-1' });
    expect(resumed.digest).toBe(sourceDigest);
    expect(resumed.skippedWindows).toBeGreaterThan(0);
    // Everything copied twice is at most what was written but not yet flushed when it stopped.
    expect(firstBytes + resumed.sentBytes).toBeLessThan(disk.dataBytes + 16 * WINDOW_BYTES);
    expect(firstBytes + resumed.sentBytes).toBeGreaterThanOrEqual(disk.dataBytes);
  });

  it('refuses to resume a copy of a different disk under the same id, and leaves the first copy alone', async () => {
    const out = target('clash');
    await copyDisk({ path: disk.qcow2, dir: out, id: 'clash-1', readBack: false });
    const other = buildDisk(dir, 'other', 32, [[0, 2]]);
    const error = await copyDisk({ path: other.qcow2, dir: out, id: 'clash-1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect(error).toMatchObject({ code: 'BAD_INPUT' });
    expect(existsSync(join(out, 'clash-1.raw'))).toBe(true);
    expect(await guestDigest(join(out, 'clash-1.raw'), { format: 'raw' })).toBe(sourceDigest);
  });
});
