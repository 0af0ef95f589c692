import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { inspectDisk, type DiskFormat } from './qemu-img';
import { dataWindows, windowCount, windowLength, WINDOW_BYTES, type DiskWindow } from './windows';

/** The name of the digest scheme, the prefix of every digest string. */
export const DISK_DIGEST_SCHEME = 'mpli-disk-v1';

/**
 * Blocks of the digest. A block of zeros digests as 32 zero bytes, without hashing: the digest
 * costs time in proportion to the data, not to the size of the disk.
 */
export const DIGEST_BLOCK_BYTES = 64 * 1024;
const ZERO_MARK = Buffer.alloc(32);
const ZERO_BLOCK = Buffer.alloc(DIGEST_BLOCK_BYTES);
const zeroWindows = new Map<number, Buffer>();

/** A stored piece of a window, guest offset and length; its bytes follow the previous piece's in the data buffer. */
export interface PieceSpan {
  readonly guestOffset: number;
  readonly length: number;
}

const blockMark = (block: Buffer): Buffer => (block.equals(ZERO_BLOCK.subarray(0, block.length)) ? ZERO_MARK : createHash('sha256').update(block).digest());

/** The digest of a window that holds only zeros. */
export function zeroWindowDigest(length: number): Buffer {
  let digest = zeroWindows.get(length);
  if (!digest) {
    const hash = createHash('sha256');
    for (let at = 0; at < length; at += DIGEST_BLOCK_BYTES) hash.update(ZERO_MARK);
    zeroWindows.set(length, (digest = hash.digest()));
  }
  return digest;
}

/**
 * A window's digest from its stored pieces (`data` holds their bytes one after the other; the rest
 * of the window is zeros): SHA-256 over the marks of its 64 KiB blocks, each mark the SHA-256 of
 * the block's content, or 32 zero bytes for a block of zeros. Content decides it, not layout.
 */
export function windowDigest(start: number, length: number, pieces: readonly PieceSpan[], data: Buffer): Buffer {
  const hash = createHash('sha256');
  let piece = 0;
  let dataAt = 0;
  for (let block = start; block < start + length; block += DIGEST_BLOCK_BYTES) {
    const blockEnd = Math.min(block + DIGEST_BLOCK_BYTES, start + length);
    while (piece < pieces.length && pieces[piece]!.guestOffset + pieces[piece]!.length <= block) dataAt += pieces[piece++]!.length;
    const first = pieces[piece];
    if (!first || first.guestOffset >= blockEnd) {
      hash.update(ZERO_MARK);
    } else if (first.guestOffset <= block && first.guestOffset + first.length >= blockEnd) {
      const from = dataAt + (block - first.guestOffset);
      hash.update(blockMark(data.subarray(from, from + (blockEnd - block))));
    } else {
      hash.update(blockMark(assembleBlock(block, blockEnd, pieces, piece, dataAt, data)));
    }
  }
  return hash.digest();
}

/** A block partly covered by pieces, put together with zeros in the gaps. */
function assembleBlock(block: number, blockEnd: number, pieces: readonly PieceSpan[], piece: number, dataAt: number, data: Buffer): Buffer {
  const content = Buffer.alloc(blockEnd - block);
  for (let p = piece, at = dataAt; p < pieces.length && pieces[p]!.guestOffset < blockEnd; at += pieces[p]!.length, p += 1) {
    const { guestOffset, length } = pieces[p]!;
    const from = Math.max(guestOffset, block);
    const to = Math.min(guestOffset + length, blockEnd);
    data.copy(content, from - block, at + (from - guestOffset), at + (to - guestOffset));
  }
  return content;
}

/**
 * Reads a window's stored pieces from the image file, one after the other, into `into` (reused
 * across windows: a fresh 4 MiB buffer per window keeps the garbage collector busy) or a new buffer.
 */
export async function readPieces(file: FileHandle, window: DiskWindow, into?: Buffer): Promise<Buffer> {
  const size = window.pieces.reduce((n, p) => n + p.length, 0);
  const data = into && into.length >= size ? into.subarray(0, size) : Buffer.allocUnsafe(size);
  let at = 0;
  for (const piece of window.pieces) {
    for (let done = 0; done < piece.length; ) {
      const { bytesRead } = await file.read(data, at + done, piece.length - done, piece.fileOffset + done);
      if (bytesRead === 0) throw new Error(`the image ends before byte ${piece.fileOffset + done}`);
      done += bytesRead;
    }
    at += piece.length;
  }
  return data;
}

/**
 * Combines window digests into the disk digest: SHA-256 over a header (scheme, size, window and
 * block sizes) and every window's digest in order, windows absent from `digests` counting as zeros.
 */
export function combineWindowDigests(virtualSize: number, digests: ReadonlyMap<number, Buffer>): string {
  const hash = createHash('sha256').update(`${DISK_DIGEST_SCHEME} ${virtualSize} ${WINDOW_BYTES} ${DIGEST_BLOCK_BYTES}\n`);
  const windows = windowCount(virtualSize);
  for (let index = 0; index < windows; index += 1) hash.update(digests.get(index) ?? zeroWindowDigest(windowLength(virtualSize, index)));
  return `${DISK_DIGEST_SCHEME}:${hash.digest('hex')}`;
}

/**
 * A digest of what the guest sees on a disk, the same for the same content in qcow2, raw or vmdk,
 * however sparse: the check that a migrated disk is the disk that left. Reads only stored data.
 *
 * @example
 * expect(await guestDigest('target.raw')).toBe(await guestDigest('source.qcow2'));
 */
export async function guestDigest(path: string, options: { format?: DiskFormat; signal?: AbortSignal } = {}): Promise<string> {
  const layout = await inspectDisk(path, options);
  const file = await open(path, 'r');
  try {
    const digests = new Map<number, Buffer>();
    const buffer = Buffer.allocUnsafe(WINDOW_BYTES);
    for (const window of dataWindows(layout)) {
      if (options.signal?.aborted) throw options.signal.reason;
      digests.set(window.index, windowDigest(window.start, window.length, window.pieces, await readPieces(file, window, buffer)));
    }
    return combineWindowDigests(layout.virtualSize, digests);
  } finally {
    await file.close();
  }
}
