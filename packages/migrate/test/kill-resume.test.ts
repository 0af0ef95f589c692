import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { guestDigest, sendDisk, WINDOW_BYTES } from '@mpli/migrate';
import { buildDisk } from './disk-images';
import { startReceiver } from './receiver-server';

const dir = mkdtempSync(join(tmpdir(), 'mpli-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const disk = buildDisk(dir, 'source', 96, [[0, 20], [30, 12], [60, 30]]);
const sourceDigest = await guestDigest(disk.qcow2);
const tsx = (script: string, args: string[]) => spawn(process.execPath, ['--import', 'tsx', '--conditions=mpli-source', fileURLToPath(new URL(script, import.meta.url)), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
// The child may be gone already: 'exit' fired before anyone listened.
const killed = (child: ChildProcess) => new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve(undefined) : child.once('exit', resolve)));

describe('kill -9 during a transfer', () => {
  it('of the sender: the resumed transfer sends only what the target did not have', async () => {
    mkdirSync(join(dir, 'sender-killed'));
    const receiving = await startReceiver(join(dir, 'sender-killed'));
    try {
      const sender = tsx('sender-process.ts', [disk.qcow2, receiving.url, 'k-1']);
      for await (const line of createInterface({ input: sender.stdout! })) {
        if ((JSON.parse(line) as { doneBytes: number }).doneBytes >= disk.dataBytes / 2) break;
      }
      sender.kill('SIGKILL');
      await killed(sender);
      const result = await sendDisk({ path: disk.qcow2, url: receiving.url, id: 'k-1' });
      expect(result.digest).toBe(sourceDigest);
      expect(result.skippedWindows).toBeGreaterThan(0);
      expect(receiving.receiver.receivedBytes()).toBeLessThan(disk.dataBytes + 2 * WINDOW_BYTES);
    } finally {
      await receiving.close();
    }
  });

  it('of the receiver: restarted on the same folder, it keeps what its journal holds and the disk ends whole', { timeout: 60_000 }, async () => {
    const target = join(dir, 'receiver-killed');
    mkdirSync(target);
    // 45 windows of data: enough for the receiver to have made some durable in the background.
    const large = buildDisk(dir, 'large', 184, [[0, 180]]);
    const start = async () => {
      const child = tsx('receiver-process.ts', [target]);
      const first = await createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next();
      return { child, url: `http://127.0.0.1:${(JSON.parse(first.value as string) as { port: number }).port}` };
    };
    const first = await start();
    // Killed right after its 40th window. It flushes behind the writes, and makes the sender wait
    // when more than 32 windows are written but not yet durable: at least 8 are in its journal.
    let windows = 0;
    await expect(sendDisk({ path: large.qcow2, url: first.url, id: 'k-2', concurrency: 1, retries: 0, readBack: false, onProgress: () => ++windows === 40 && first.child.kill('SIGKILL') })).rejects.toMatchObject({ code: 'TRANSFER_FAILED' });
    await killed(first.child);
    const journal = readFileSync(join(target, 'k-2.journal'), 'utf8');
    expect(journal.endsWith('\n')).toBe(true);
    const durable = journal.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { type: string; windows?: unknown[] }).reduce((n, r) => n + (r.type === 'windows' ? r.windows!.length : 0), 0);
    expect(durable).toBeGreaterThanOrEqual(8);
    expect(durable).toBeLessThanOrEqual(40);
    const second = await start();
    try {
      const result = await sendDisk({ path: large.qcow2, url: second.url, id: 'k-2' });
      expect(result.digest).toBe(await guestDigest(large.qcow2));
      expect(result.skippedWindows).toBe(durable);
      expect(await guestDigest(join(target, 'k-2.raw'), { format: 'raw' })).toBe(result.digest);
    } finally {
      second.child.kill('SIGKILL');
      await killed(second.child);
    }
  });
});
