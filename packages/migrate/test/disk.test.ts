import { execFileSync } from 'node:child_process';
import { mkdtempSync, openSync, rmSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dataWindows, guestDigest, inspectDisk, WINDOW_BYTES } from '@mpli/migrate';
import { buildDisk } from './disk-images';

const dir = mkdtempSync(join(tmpdir(), 'mpli-disk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// 40 MiB: data at 0–3 MiB, 9–10 MiB (inside window 2), and the last 2 MiB; holes elsewhere.
const disk = buildDisk(dir, 'mixed', 40, [[0, 3], [9, 1], [38, 2]]);

describe('disk layout and the guest digest', () => {
  it('reads format, size and data extents, and groups data into 4 MiB windows', async () => {
    const layout = await inspectDisk(disk.qcow2);
    expect(layout).toMatchObject({ format: 'qcow2', virtualSize: 40 << 20, dataBytes: disk.dataBytes });
    const windows = dataWindows(layout);
    expect(windows.map((w) => w.index)).toEqual([0, 2, 9]);
    expect(windows[1]!.pieces.reduce((n, p) => n + p.length, 0)).toBe(1 << 20);
    expect(windows.every((w) => w.length === WINDOW_BYTES)).toBe(true);
    expect((await inspectDisk(disk.raw, { format: 'raw' })).dataBytes).toBe(disk.dataBytes);
  });

  it('gives the same digest for the same content in raw, qcow2 and vmdk, and another after one byte changes', async () => {
    const digest = await guestDigest(disk.raw, { format: 'raw' });
    expect(digest).toMatch(/^mpli-disk-v1:[0-9a-f]{64}$/);
    expect(await guestDigest(disk.qcow2)).toBe(digest);
    expect(await guestDigest(disk.vmdk)).toBe(digest);
    const changed = join(dir, 'changed.raw');
    execFileSync('cp', ['--sparse=always', disk.raw, changed]);
    const fd = openSync(changed, 'r+');
    writeSync(fd, Buffer.from([1]), 0, 1, 20 << 20); // one byte in a hole
    closeSync(fd);
    expect(await guestDigest(changed, { format: 'raw' })).not.toBe(digest);
  });

  it('counts stored zeros as zeros: a disk written with zeros digests like an empty one', async () => {
    const zeros = join(dir, 'zeros.raw');
    const fd = openSync(zeros, 'w');
    writeSync(fd, Buffer.alloc(8 << 20), 0, 8 << 20, 0);
    closeSync(fd);
    const empty = join(dir, 'empty.qcow2');
    execFileSync('qemu-img', ['create', '-f', 'qcow2', empty, '8M']);
    expect(await guestDigest(zeros, { format: 'raw' })).toBe(await guestDigest(empty));
  });

  it('refuses compressed images and backing chains, naming what to do', async () => {
    // Random data does not compress (qemu stores it plainly): text does.
    const text = join(dir, 'text.raw');
    const fd = openSync(text, 'w');
    writeSync(fd, Buffer.alloc(2 << 20, 'all work and no play '), 0, 2 << 20, 0);
    closeSync(fd);
    const compressed = join(dir, 'compressed.qcow2');
    execFileSync('qemu-img', ['convert', '-c', '-f', 'raw', '-O', 'qcow2', text, compressed]);
    await expect(inspectDisk(compressed)).rejects.toMatchObject({ code: 'UNSUPPORTED_DISK', message: expect.stringContaining('compressed') as string });
    const overlay = join(dir, 'overlay.qcow2');
    execFileSync('qemu-img', ['create', '-f', 'qcow2', '-b', disk.qcow2, '-F', 'qcow2', overlay]);
    await expect(inspectDisk(overlay)).rejects.toMatchObject({ code: 'UNSUPPORTED_DISK', message: expect.stringContaining('backing file') as string });
  });
});
