import type { PieceSpan } from './guest-digest';

/** A window to digest: where it lies on the disk, its pieces, and its bytes in shared memory. */
export interface DigestJob {
  readonly id: number;
  readonly start: number;
  readonly length: number;
  readonly pieces: readonly PieceSpan[];
  readonly memory: SharedArrayBuffer;
  readonly bytes: number;
}

/** A worker's answer: the window's digest, or why it could not be computed. */
export type DigestAnswer = { readonly id: number; readonly digest: ArrayBuffer; readonly error?: undefined } | { readonly id: number; readonly error: string; readonly digest?: undefined };
