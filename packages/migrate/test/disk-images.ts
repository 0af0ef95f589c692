import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, ftruncateSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Builds a test disk: a sparse raw file of `virtualMiB` with random data in `dataRegions`
 * ([start MiB, length MiB]) and holes elsewhere, then the same content in qcow2 and vmdk with
 * qemu-img. Returns the paths.
 */
export function buildDisk(dir: string, name: string, virtualMiB: number, dataRegions: readonly (readonly [number, number])[]): { raw: string; qcow2: string; vmdk: string; dataBytes: number } {
  const raw = join(dir, `${name}.raw`);
  const fd = openSync(raw, 'w');
  let dataBytes = 0;
  try {
    ftruncateSync(fd, virtualMiB << 20);
    for (const [start, length] of dataRegions) {
      for (let mib = 0; mib < length; mib += 1) writeSync(fd, randomBytes(1 << 20), 0, 1 << 20, (start + mib) << 20);
      dataBytes += length << 20;
    }
  } finally {
    closeSync(fd);
  }
  const qcow2 = join(dir, `${name}.qcow2`);
  const vmdk = join(dir, `${name}.vmdk`);
  execFileSync('qemu-img', ['convert', '-f', 'raw', '-O', 'qcow2', raw, qcow2]);
  execFileSync('qemu-img', ['convert', '-f', 'raw', '-O', 'vmdk', raw, vmdk]);
  return { raw, qcow2, vmdk, dataBytes };
}

/** A new empty folder `name` in `dir` (a target's storage). */
export function newFolder(dir: string, name: string): string {
  const path = join(dir, name);
  mkdirSync(path);
  return path;
}
