import { createHash } from 'node:crypto';
import { MpliError, parseRdf, serializeRdf, type CompactDataset, type RdfFormat } from '@mpli/core';
import { canonize } from 'rdf-canonize';
import type { DocumentLoader } from 'jsonld';

/** Options for {@link manifestDigest}. */
export interface DigestOptions {
  readonly format?: RdfFormat;
  readonly source?: string;
  /** Canonicalization's time limit: a graph built to be costly to canonicalize is refused. Default 10 s. */
  readonly timeoutMs?: number;
  /** For JSON-LD: the loader of its contexts (default: core's bundled contexts only). */
  readonly documentLoader?: DocumentLoader;
}

/** A manifest's digest, with the dataset it was computed from. */
export interface ManifestDigest {
  /** Multibase (base64url, `u`) of the SHA-256 multihash of the RDFC-1.0 canonical N-Quads. */
  readonly digestMultibase: string;
  readonly dataset: CompactDataset;
}

/**
 * The digest of what a manifest says, not of how it is written: the SHA-256 of its RDFC-1.0
 * canonical N-Quads, as a multibase multihash (the form of VC 2.0's digestMultibase). Turtle and
 * JSON-LD renderings of the same manifest have the same digest, so one signature covers every
 * format a provider serves. It digests any RDF document the same way (a credential, say, with
 * `documentLoader: createTrustDocumentLoader()`).
 */
export async function manifestDigest(text: string, options: DigestOptions = {}): Promise<ManifestDigest> {
  const { store } = await parseRdf(text, { ...(options.format ? { format: options.format } : {}), ...(options.source ? { source: options.source } : {}), ...(options.documentLoader ? { documentLoader: options.documentLoader } : {}) });
  const nquads = await serializeRdf(store, 'application/n-quads');
  let canonical: string;
  try {
    // maxWorkFactor 1 bounds the work on blank-node-heavy graphs; the signal bounds the time.
    canonical = await canonize(nquads, { algorithm: 'RDFC-1.0', inputFormat: 'application/n-quads', format: 'application/n-quads', maxWorkFactor: 1, signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
  } catch (error) {
    throw new MpliError('INVALID_INPUT', `${options.source ?? 'The manifest'} cannot be canonicalized: ${(error as Error).message}`, { cause: error });
  }
  const hash = createHash('sha256').update(canonical, 'utf8').digest();
  // Multihash: 0x12 (sha2-256), 0x20 (32 bytes), then the digest.
  return { digestMultibase: `u${Buffer.concat([Buffer.from([0x12, 0x20]), hash]).toString('base64url')}`, dataset: store };
}
