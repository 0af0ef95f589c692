import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A 1 GiB test disk in qcow2, data and sparse regions mixed: in each 16 MiB stretch, 6 MiB of data,
 * four scattered 64 KiB pieces, and holes; about 412 MiB of data in all. Returns its path.
 */
export function buildBenchDisk(dir: string): { qcow2: string; raw: string } {
  const raw = join(dir, 'bench-source.raw');
  const noise = randomBytes(8 << 20);
  const fd = openSync(raw, 'w');
  try {
    ftruncateSync(fd, 1 << 30);
    for (let stretch = 0; stretch < 64; stretch += 1) {
      const base = stretch * (16 << 20);
      // Each stretch differs from the others: its number is stamped into its data.
      noise.writeUInt32LE(stretch, 0);
      writeSync(fd, noise, 0, 6 << 20, base);
      for (let piece = 0; piece < 4; piece += 1) writeSync(fd, noise, (piece + 1) << 20, 64 << 10, base + (7 << 20) + piece * (2 << 20) + stretch * 4096);
    }
  } finally {
    closeSync(fd);
  }
  const qcow2 = join(dir, 'bench-source.qcow2');
  execFileSync('qemu-img', ['convert', '-f', 'raw', '-O', 'qcow2', raw, qcow2]);
  return { qcow2, raw };
}
