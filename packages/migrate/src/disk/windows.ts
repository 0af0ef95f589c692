import type { DiskLayout } from './qemu-img';

/**
 * The unit of transfer and of the disk digest: 4 MiB of the guest's view of the disk. Fixed, so a
 * digest means the same thing everywhere and a resumed transfer lines up with the first try.
 */
export const WINDOW_BYTES = 4 * 1024 * 1024;

/** Stored bytes inside a window: `length` guest bytes from `guestOffset`, found at `fileOffset` in the image file. */
export interface DiskPiece {
  readonly guestOffset: number;
  readonly length: number;
  readonly fileOffset: number;
}

/** A window of the disk that holds data (windows of zeros only are never sent). */
export interface DiskWindow {
  readonly index: number;
  /** The window's first guest byte. */
  readonly start: number;
  /** Its guest length: WINDOW_BYTES, or less for the last window. */
  readonly length: number;
  readonly pieces: readonly DiskPiece[];
}

/** How many windows a disk of this size has. */
export const windowCount = (virtualSize: number): number => Math.ceil(virtualSize / WINDOW_BYTES);

/** The guest length of window `index`. */
export const windowLength = (virtualSize: number, index: number): number => Math.min(WINDOW_BYTES, virtualSize - index * WINDOW_BYTES);

/** The windows that hold data, in order, each with the pieces of the image file to read into it. */
export function dataWindows(layout: DiskLayout): DiskWindow[] {
  const windows = new Map<number, DiskPiece[]>();
  for (const extent of layout.extents) {
    if (!extent.data) continue;
    let at = extent.start;
    const end = extent.start + extent.length;
    while (at < end) {
      const index = Math.floor(at / WINDOW_BYTES);
      const until = Math.min(end, (index + 1) * WINDOW_BYTES);
      const pieces = windows.get(index) ?? [];
      pieces.push({ guestOffset: at, length: until - at, fileOffset: extent.offset! + (at - extent.start) });
      windows.set(index, pieces);
      at = until;
    }
  }
  return [...windows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([index, pieces]) => ({ index, start: index * WINDOW_BYTES, length: windowLength(layout.virtualSize, index), pieces }));
}
