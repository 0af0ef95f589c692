import { open } from 'node:fs/promises';
import type { ExportedDisk } from '@mpli/delivery-adapters';

/** How often staging makes its progress durable and records it. */
const RECORD_EVERY = 64 * 1024 * 1024;

/**
 * Copies an exported disk's bytes into a local file, streamed (a chunk at a time), resuming from
 * `from` (the last offset recorded durable: what lies beyond it in the file is cut off and read
 * again). `record(offset)` is called after each stretch is synced to disk.
 */
export async function stageDisk(disk: ExportedDisk, path: string, options: { from: number; signal?: AbortSignal; record: (offset: number) => Promise<void>; onBytes?: (offset: number) => void }): Promise<number> {
  const file = await open(path, options.from > 0 ? 'r+' : 'w');
  try {
    await file.truncate(options.from);
    let offset = options.from;
    let recorded = offset;
    for await (const chunk of disk.read({ offset, ...(options.signal ? { signal: options.signal } : {}) })) {
      for (let done = 0; done < chunk.length; ) done += (await file.write(chunk, done, chunk.length - done, offset + done)).bytesWritten;
      offset += chunk.length;
      options.onBytes?.(offset);
      if (offset - recorded >= RECORD_EVERY) {
        await file.datasync();
        await options.record(offset);
        recorded = offset;
      }
    }
    await file.datasync();
    return offset;
  } finally {
    await file.close();
  }
}
