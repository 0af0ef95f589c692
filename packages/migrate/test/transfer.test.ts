import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { guestDigest, sendDisk, startRelay, WINDOW_BYTES, type TransferProgress } from '@mpli/migrate';
import { buildDisk, newFolder } from './disk-images';
import { startReceiver } from './receiver-server';
import { startTamperingProxy } from './tampering-proxy';

const dir = mkdtempSync(join(tmpdir(), 'mpli-transfer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// 64 MiB with 28 MiB of data in six regions, some across window edges.
const disk = buildDisk(dir, 'source', 64, [[0, 5], [7, 2], [14, 6], [30, 1], [40, 10], [60, 4]]);
const sourceDigest = await guestDigest(disk.qcow2);
const target = (name: string) => newFolder(dir, name);

describe('disk transfer', () => {
  it('moves a qcow2 disk through a relay into a raw file identical to qemu-img convert\'s, sending only data', async () => {
    const receiving = await startReceiver(target('plain'));
    const relay = await startRelay({ listen: { host: '127.0.0.1', port: 0 }, target: { host: '127.0.0.1', port: receiving.port } });
    try {
      const progress: TransferProgress[] = [];
      const result = await sendDisk({ path: disk.qcow2, url: `http://127.0.0.1:${relay.address.port}`, id: 'plain-1', onProgress: (p) => progress.push(p) });
      expect(result).toMatchObject({ digest: sourceDigest, sentBytes: disk.dataBytes, skippedWindows: 0 });
      expect(progress.at(-1)).toEqual({ doneBytes: disk.dataBytes, totalBytes: disk.dataBytes, sentBytes: disk.dataBytes });
      expect(relay.bytes().forward).toBeGreaterThan(disk.dataBytes);
      expect(relay.bytes().forward).toBeLessThan(disk.dataBytes * 1.01);
      const converted = join(dir, 'by-qemu-img.raw');
      execFileSync('qemu-img', ['convert', '-f', 'qcow2', '-O', 'raw', disk.qcow2, converted]);
      expect(readFileSync(receiving.receiver.pathOf('plain-1')!).equals(readFileSync(converted))).toBe(true);
      // The target stays sparse: it stores about the data, not the whole disk.
      const stored = Number(execFileSync('du', ['-B1', receiving.receiver.pathOf('plain-1')!]).toString().split('\t')[0]);
      expect(stored).toBeLessThan(disk.dataBytes * 1.1);
    } finally {
      await relay.close();
      await receiving.close();
    }
  });

  it('resumes a cancelled transfer without sending again what the target already holds', async () => {
    const receiving = await startReceiver(target('resume'));
    try {
      const controller = new AbortController();
      await expect(sendDisk({ path: disk.qcow2, url: receiving.url, id: 'resume-1', concurrency: 2, signal: controller.signal, onProgress: (p) => p.doneBytes > disk.dataBytes / 2 && controller.abort() })).rejects.toMatchObject({ code: 'CANCELLED' });
      const first = receiving.receiver.receivedBytes();
      expect(first).toBeLessThan(disk.dataBytes);
      const result = await sendDisk({ path: disk.qcow2, url: receiving.url, id: 'resume-1' });
      expect(result.digest).toBe(sourceDigest);
      expect(result.skippedWindows).toBeGreaterThan(0);
      // In total, at most the windows that were in flight at the cancel travel twice.
      expect(receiving.receiver.receivedBytes()).toBeLessThanOrEqual(disk.dataBytes + 2 * WINDOW_BYTES);
    } finally {
      await receiving.close();
    }
  });

  it('detects a window damaged in transit, sends it again, and ends with the right disk', async () => {
    const receiving = await startReceiver(target('damaged-once'));
    const proxy = await startTamperingProxy(receiving.url, 1);
    try {
      const result = await sendDisk({ path: disk.qcow2, url: proxy.url, id: 'damaged-1' });
      expect(proxy.damaged()).toBe(1);
      expect(result.digest).toBe(sourceDigest);
      expect(result.sentBytes).toBeGreaterThan(disk.dataBytes);
    } finally {
      await proxy.close();
      await receiving.close();
    }
  });

  it('stops with CORRUPTION when the link keeps damaging data, writing nothing damaged and leaving the source as it was', async () => {
    const receiving = await startReceiver(target('damaged-always'));
    const proxy = await startTamperingProxy(receiving.url, Infinity);
    const before = readFileSync(disk.qcow2);
    try {
      await expect(sendDisk({ path: disk.qcow2, url: proxy.url, id: 'damaged-2', retries: 2 })).rejects.toMatchObject({ code: 'CORRUPTION', message: expect.stringContaining('arrived with CRC-32') as string });
      const status = (await (await request(`${receiving.url}/transfers/damaged-2`)).body.json()) as { received: Record<string, string> };
      expect(status.received).toEqual({});
      expect(readFileSync(disk.qcow2).equals(before)).toBe(true);
    } finally {
      await proxy.close();
      await receiving.close();
    }
  });

  it('fails with TRANSFER_FAILED when the network between relay and target is cut, and resumes over a new relay', async () => {
    const receiving = await startReceiver(target('cut'));
    const relay = await startRelay({ listen: { host: '127.0.0.1', port: 0 }, target: { host: '127.0.0.1', port: receiving.port } });
    try {
      await expect(sendDisk({ path: disk.qcow2, url: `http://127.0.0.1:${relay.address.port}`, id: 'cut-1', retries: 1, concurrency: 1, onProgress: (p) => p.doneBytes > disk.dataBytes / 3 && void relay.close() })).rejects.toMatchObject({ code: 'TRANSFER_FAILED' });
      const again = await startRelay({ listen: { host: '127.0.0.1', port: 0 }, target: { host: '127.0.0.1', port: receiving.port } });
      try {
        const result = await sendDisk({ path: disk.qcow2, url: `http://127.0.0.1:${again.address.port}`, id: 'cut-1' });
        expect(result.digest).toBe(sourceDigest);
        expect(result.skippedWindows).toBeGreaterThan(0);
      } finally {
        await again.close();
      }
    } finally {
      await receiving.close();
    }
  });

  it('refuses malformed window uploads and wrong tokens with problem+json', async () => {
    const receiving = await startReceiver(target('bad'), 'right-token');
    const put = (path: string, body: string | Buffer, headers: Record<string, string>) => request(`${receiving.url}${path}`, { method: 'PUT', body, headers: { authorization: 'Bearer right-token', ...headers } });
    try {
      expect((await put('/transfers/bad-1', '{}', { authorization: 'Bearer wrong' })).statusCode).toBe(401);
      expect((await put('/transfers/bad-1', JSON.stringify({ virtualSize: 8 << 20, dataBytes: 1 }), {})).statusCode).toBe(200);
      const outside = await put('/transfers/bad-1/windows/0', Buffer.alloc(10), { 'x-mpli-sha256': '0'.repeat(64), 'x-mpli-crc32': '0', 'x-mpli-pieces': `${5 << 20}+10` });
      expect(outside.statusCode).toBe(400);
      expect(outside.headers['content-type']).toBe('application/problem+json');
      expect(await outside.body.json()).toMatchObject({ code: 'BAD_INPUT', detail: expect.stringContaining('outside window 0') as string });
      const beyond = await put('/transfers/bad-1/windows/2', Buffer.alloc(10), { 'x-mpli-sha256': '0'.repeat(64), 'x-mpli-crc32': '0', 'x-mpli-pieces': '0+10' });
      expect(beyond.statusCode).toBe(400);
      await beyond.body.dump();
      const mismatch = await put('/transfers/bad-1/windows/0', Buffer.alloc(10), { 'x-mpli-sha256': '0'.repeat(64), 'x-mpli-crc32': '0', 'x-mpli-pieces': '0+9' });
      expect(await mismatch.body.json()).toMatchObject({ detail: 'the pieces add up to 9 bytes, the body has 10' });
      const resized = await put('/transfers/bad-1', JSON.stringify({ virtualSize: 16 << 20, dataBytes: 1 }), {});
      expect(resized.statusCode).toBe(400);
      await resized.body.dump();
    } finally {
      await receiving.close();
    }
  });
});
