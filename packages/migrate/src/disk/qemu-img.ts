import { runTool } from '@mpli/delivery-adapters';
import { MigrationError } from '../migration-error';

/** The disk formats a migration reads and writes. */
export type DiskFormat = 'qcow2' | 'raw' | 'vmdk';
export const DISK_FORMATS: readonly DiskFormat[] = ['qcow2', 'raw', 'vmdk'];

/** A run of guest-visible bytes, from `qemu-img map`: data stored at `offset` in the file, or zeros. */
export interface DiskExtent {
  /** Where it starts in the guest's view of the disk. */
  readonly start: number;
  readonly length: number;
  /** Whether the guest reads stored bytes here (false: zeros, whether a hole or a zero cluster). */
  readonly data: boolean;
  /** Where those bytes are in the image file, when they can be read from it directly. */
  readonly offset?: number;
}

/** What a disk image is and where its data lies. */
export interface DiskLayout {
  readonly path: string;
  readonly format: DiskFormat;
  /** The size the guest sees. */
  readonly virtualSize: number;
  /** Bytes the guest reads that are stored (not zero): what a transfer has to move. */
  readonly dataBytes: number;
  readonly extents: readonly DiskExtent[];
}

interface QemuInfo { 'virtual-size': number; format: string; encrypted?: boolean; 'backing-filename'?: string }
interface QemuMapEntry { start: number; length: number; depth: number; zero: boolean; data: boolean; offset?: number }

const qemuImg = (args: string[], signal?: AbortSignal) =>
  runTool({ command: 'qemu-img', args, debianPackage: 'qemu-utils', timeoutMs: 600_000, ...(signal ? { signal } : {}) });

/**
 * Reads a disk image's format, size and data extents with `qemu-img info` and `qemu-img map`.
 * Throws UNSUPPORTED_DISK for layouts whose bytes cannot be read straight from the file
 * (compressed or encrypted clusters, a backing chain): flatten those with {@link convertDisk} first.
 *
 * @example
 * const layout = await inspectDisk('/srv/images/debian.qcow2');
 * console.log(layout.format, layout.virtualSize, layout.dataBytes);
 */
export async function inspectDisk(path: string, options: { format?: DiskFormat; signal?: AbortSignal } = {}): Promise<DiskLayout> {
  const formatArgs = options.format ? ['-f', options.format] : [];
  const info = JSON.parse((await qemuImg(['info', '--output=json', ...formatArgs, path], options.signal)).stdout) as QemuInfo;
  const format = info.format as DiskFormat;
  if (!DISK_FORMATS.includes(format)) throw new MigrationError('UNSUPPORTED_DISK', `${path}: format ${info.format} is not one of ${DISK_FORMATS.join(', ')}`);
  if (info.encrypted) throw new MigrationError('UNSUPPORTED_DISK', `${path}: the image is encrypted`);
  if (info['backing-filename']) throw new MigrationError('UNSUPPORTED_DISK', `${path}: the image has a backing file (${info['backing-filename']}); flatten it first`);
  const map = JSON.parse((await qemuImg(['map', '--output=json', '-f', format, path], options.signal)).stdout) as QemuMapEntry[];
  const extents: DiskExtent[] = [];
  let dataBytes = 0;
  for (const entry of map) {
    const data = entry.data && !entry.zero;
    if (data && entry.offset === undefined) throw new MigrationError('UNSUPPORTED_DISK', `${path}: the data at guest offset ${entry.start} is compressed; convert the image without compression first`);
    if (data) dataBytes += entry.length;
    extents.push({ start: entry.start, length: entry.length, data, ...(data ? { offset: entry.offset! } : {}) });
  }
  return { path, format, virtualSize: info['virtual-size'], dataBytes, extents };
}

/**
 * Converts a disk image between formats with `qemu-img convert` (sparse: zeros are not written).
 * Writes to `to` only; the source is opened read-only.
 */
export async function convertDisk(from: { path: string; format: DiskFormat }, to: { path: string; format: DiskFormat }, options: { signal?: AbortSignal } = {}): Promise<void> {
  await qemuImg(['convert', '-f', from.format, '-O', to.format, from.path, to.path], options.signal);
}
