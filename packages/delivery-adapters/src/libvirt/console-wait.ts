import { open } from 'node:fs/promises';
import { DeliveryError } from '../delivery-error';

/**
 * Waits until a guest's serial console log (the file QEMU writes for `<serial type='file'>`)
 * contains `marker`. Reads only what was appended since the last look, so a chatty guest costs
 * nothing extra; keeps the last `marker.length - 1` bytes across reads so a marker split between
 * two writes is still found.
 */
export async function waitForConsole(path: string, marker: string, options: { timeoutMs: number; signal: AbortSignal; pollMs?: number }): Promise<void> {
  const wanted = Buffer.from(marker, 'latin1');
  const until = Date.now() + options.timeoutMs;
  let offset = 0;
  let carry = Buffer.alloc(0);
  for (;;) {
    if (options.signal.aborted) throw new DeliveryError('CANCELLED', 'cancelled');
    const fresh = await readFrom(path, offset);
    if (fresh.length > 0) {
      offset += fresh.length;
      const window = Buffer.concat([carry, fresh]);
      if (window.includes(wanted)) return;
      carry = window.subarray(Math.max(0, window.length - (wanted.length - 1)));
    }
    if (Date.now() > until) throw new DeliveryError('TIMEOUT', `the guest did not print "${marker}" on its serial console within ${options.timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 100));
  }
}

/** What the file holds from `offset` on (nothing when it does not exist yet: QEMU makes it at start). */
async function readFrom(path: string, offset: number): Promise<Buffer> {
  const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!handle) return Buffer.alloc(0);
  try {
    const { size } = await handle.stat();
    if (size <= offset) return Buffer.alloc(0);
    const buffer = Buffer.alloc(Math.min(size - offset, 1 << 20));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, offset);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
