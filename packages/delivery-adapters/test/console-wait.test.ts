import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waitForConsole } from '@mpli/delivery-adapters/libvirt';

const dir = mkdtempSync(join(tmpdir(), 'mpli-console-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('waitForConsole', () => {
  it('finds a marker written in pieces, across reads, in a file that did not exist at first', async () => {
    const path = join(dir, 'split.log');
    const waiting = waitForConsole(path, 'MARKER booted', { timeoutMs: 5_000, signal: new AbortController().signal, pollMs: 10 });
    let settled = false;
    void waiting.then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 40));
    appendFileSync(path, 'SeaBIOS noise\r\nMARK');
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(settled).toBe(false);
    appendFileSync(path, 'ER boo');
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(settled).toBe(false);
    appendFileSync(path, 'ted\r\n');
    await expect(waiting).resolves.toBeUndefined();
  });

  it('times out with TIMEOUT naming the marker, and stops with CANCELLED when aborted', async () => {
    const path = join(dir, 'quiet.log');
    appendFileSync(path, 'nothing of interest\n');
    await expect(waitForConsole(path, 'never', { timeoutMs: 50, signal: new AbortController().signal, pollMs: 10 })).rejects.toMatchObject({ code: 'TIMEOUT', message: expect.stringContaining('"never"') as string });
    const controller = new AbortController();
    const waiting = waitForConsole(path, 'never', { timeoutMs: 5_000, signal: controller.signal, pollMs: 10 });
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
