import { WINDOW_BYTES } from '../disk/windows';
import { MigrationError } from '../migration-error';

/** A stored piece of a window on the wire: guest offset and length. */
export interface WirePiece {
  readonly guestOffset: number;
  readonly length: number;
}

/** The `x-mpli-pieces` header: `offset+length` pairs, comma-separated, in guest order. */
export const formatPieces = (pieces: readonly WirePiece[]): string => pieces.map((p) => `${p.guestOffset}+${p.length}`).join(',');

/**
 * Reads and checks an `x-mpli-pieces` header against window `index` of a disk of `virtualSize`:
 * pieces inside the window, in order, not overlapping, adding up to `bodyLength`.
 */
export function parsePieces(header: string | undefined, index: number, virtualSize: number, bodyLength: number): WirePiece[] {
  const start = index * WINDOW_BYTES;
  const end = Math.min(start + WINDOW_BYTES, virtualSize);
  if (!header || !/^\d+\+\d+(,\d+\+\d+)*$/.test(header)) throw new MigrationError('BAD_INPUT', 'x-mpli-pieces must list offset+length pairs');
  let at = start;
  let total = 0;
  const pieces = header.split(',').map((pair) => {
    const [offset, length] = pair.split('+').map(Number) as [number, number];
    if (offset < at || length === 0 || offset + length > end) throw new MigrationError('BAD_INPUT', `piece ${pair} is outside window ${index} or out of order`);
    at = offset + length;
    total += length;
    return { guestOffset: offset, length };
  });
  if (total !== bodyLength) throw new MigrationError('BAD_INPUT', `the pieces add up to ${total} bytes, the body has ${bodyLength}`);
  return pieces;
}

/** The `received` map of a transfer's status (window index → hex SHA-256) as digests by window. */
export const receivedDigests = (received: Readonly<Record<string, string>>): Map<number, Buffer> =>
  new Map(Object.entries(received).map(([index, sha]) => [Number(index), Buffer.from(sha, 'hex')]));
