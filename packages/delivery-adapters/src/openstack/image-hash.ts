import { createHash, getHashes, type Hash } from 'node:crypto';
import { pipeline, Transform, type Readable } from 'node:stream';
import { DeliveryError } from '../delivery-error';
import type { GlanceImage } from './glance';

/** Glance's default `os_hash_algo`: the algorithm an upload is hashed with on its way out. */
export const GLANCE_HASH_ALGORITHM = 'sha512';

/** What Glance recorded of an image's data: its multihash (`os_hash_algo`, `os_hash_value`). */
export interface GlanceHash {
  readonly algorithm: string;
  readonly value: string;
}

/** The image's multihash when Glance recorded one in an algorithm this Node.js can compute. */
export function recordedHash(image: GlanceImage): GlanceHash | undefined {
  const { os_hash_algo: algorithm, os_hash_value: value } = image;
  return algorithm && value && getHashes().includes(algorithm) ? { algorithm, value } : undefined;
}

/**
 * Passes a stream through unchanged while hashing it: the upload's own hash, to compare with what
 * Glance says it stored (an image Glance stored differently must not boot a customer's server).
 */
export function hashedStream(source: Readable, algorithm = GLANCE_HASH_ALGORITHM): { stream: Readable; hash: Hash } {
  const hash = createHash(algorithm);
  const through = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  // pipeline carries an error of the source to the stream the upload reads (and so to the upload).
  pipeline(source, through, () => undefined);
  return { stream: through, hash };
}

/** Throws when Glance's record of an image's data differs from the hash of the bytes that went or came. */
export function checkHash(imageId: string, what: 'uploaded' | 'downloaded', recorded: GlanceHash, computed: string): void {
  if (computed !== recorded.value) {
    throw new DeliveryError('TOOL_FAILED', `glance: image ${imageId} ${what} with ${recorded.algorithm} ${computed.slice(0, 16)}…, but glance recorded ${recorded.value.slice(0, 16)}…`);
  }
}
