import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { DigestPool, sharedWindowBuffer } from '../src/disk/digest-pool';
import { windowDigest } from '../src/disk/guest-digest';
import { WINDOW_BYTES, type DiskWindow } from '../src/disk/windows';

const pool = new DigestPool(2);
afterAll(() => pool.close());

/** A window with pieces at uneven places, holes and a partly covered block among them. */
function windowWith(index: number): { window: DiskWindow; data: Buffer } {
  const start = index * WINDOW_BYTES;
  const pieces = [
    { guestOffset: start, fileOffset: 0, length: 200_000 },
    { guestOffset: start + 1_048_576 + 1_000, fileOffset: 200_000, length: 70_000 },
    { guestOffset: start + 3 * 1_048_576, fileOffset: 270_000, length: 1_048_576 },
  ];
  return { window: { index, start, length: WINDOW_BYTES, pieces }, data: randomBytes(pieces.reduce((n, p) => n + p.length, 0)) };
}

describe('the digest worker pool', () => {
  it('gives windowDigest\'s digests, computed on its threads from shared memory', async () => {
    const windows = Array.from({ length: 6 }, (_, i) => windowWith(i));
    const digests = await Promise.all(windows.map(({ window, data }) => {
      const shared = sharedWindowBuffer(WINDOW_BYTES).subarray(0, data.length);
      data.copy(shared);
      return pool.digest(window, shared);
    }));
    for (const [i, { window, data }] of windows.entries()) expect(digests[i]!.equals(windowDigest(window.start, window.length, window.pieces, data))).toBe(true);
    expect(pool.threadJobs).toBe(6);
    // A different window gives a different digest: the workers read the bytes, not a constant.
    expect(digests[0]!.equals(digests[1]!)).toBe(false);
  });

  it('digests a buffer outside shared memory on the calling thread, with the same result', async () => {
    const { window, data } = windowWith(3);
    const before = pool.threadJobs;
    expect((await pool.digest(window, data)).equals(windowDigest(window.start, window.length, window.pieces, data))).toBe(true);
    expect(pool.threadJobs).toBe(before);
  });
});
