import type { RdfFormat } from '../rdf/formats';

/** A manifest as fetched or read, before any trust is placed in it. */
export interface ManifestDocument {
  readonly text: string;
  readonly format: RdfFormat;
  /** The file or URL it came from. */
  readonly source: string;
}

/** Whether a manifest's signature holds, and who signed. */
export interface ManifestVerdict {
  readonly verified: boolean;
  /** The DID that signed, when the signature verifies. */
  readonly signer?: string;
  /** Every failed check, for people. */
  readonly errors: readonly string[];
}

/**
 * Verifies a manifest's detached signature (a document published beside it). `@mpli/core` never
 * verifies signatures itself: `@mpli/trust` implements this (`createManifestVerifier`), and
 * discovery and catalogs take it as an option, so core stays free of cryptography.
 */
export interface ManifestVerifier {
  verifyManifest(manifest: ManifestDocument, signature: unknown): Promise<ManifestVerdict>;
}
