import type { ManifestDocument, ManifestVerdict, ManifestVerifier, RdfFormat } from '@mpli/core';
import { issuerOf } from '../credentials/issuer-of';
import { verifyCredential, type VerifyOptions } from '../credentials/verify-credential';
import { verification, type Check, type Verification } from '../credentials/verification-result';
import { manifestDigest } from './manifest-digest';
import { manifestParties } from './manifest-parties';

/** A manifest signature's verification: the credential's checks, then digest and provider. */
export interface ManifestVerification extends Verification {
  /** The DID that signed, when the signature is the provider's. */
  readonly signer?: string;
}

/**
 * Verifies a manifest against its detached signature (a ManifestCredential): the credential
 * verifies, its digest is that of the manifest's canonical RDF (digest check), and its issuer is
 * the DID the manifest's provider declares (provider check).
 *
 * @example
 * const result = await verifyManifest(turtle, signature, { format: 'text/turtle' });
 * if (!result.verified) console.log(result.errors);
 */
export async function verifyManifest(text: string, signature: Record<string, unknown>, options: VerifyOptions & { format?: RdfFormat; source?: string } = {}): Promise<ManifestVerification> {
  const credential = await verifyCredential(signature, options);
  const types = ([] as unknown[]).concat(signature.type ?? []);
  const checks: Check[] = [...credential.checks];
  if (!types.includes('ManifestCredential')) checks.push({ name: 'form', ok: false, message: 'the signature is not a ManifestCredential' });
  let digest: Awaited<ReturnType<typeof manifestDigest>> | undefined;
  try {
    digest = await manifestDigest(text, { ...(options.format ? { format: options.format } : {}), ...(options.source ? { source: options.source } : {}) });
  } catch (error) {
    checks.push({ name: 'digest', ok: false, message: `the manifest cannot be read: ${(error as Error).message}` });
  }
  if (digest) checks.push(...digestChecks(digest, signature));
  const result = verification(checks, credential.warnings);
  const issuer = issuerOf(signature);
  return { ...result, ...(result.verified && issuer ? { signer: issuer } : {}) };
}

// The signed digest is the manifest's, and the signer is the DID its provider declares.
function digestChecks(digest: Awaited<ReturnType<typeof manifestDigest>>, signature: Record<string, unknown>): Check[] {
  const subject = (signature.credentialSubject ?? {}) as { id?: unknown; digestMultibase?: unknown };
  const { manifest, did } = manifestParties(digest.dataset);
  const issuer = issuerOf(signature);
  return [
    digest.digestMultibase === subject.digestMultibase
      ? { name: 'digest', ok: true, message: 'the manifest is the one signed' }
      : { name: 'digest', ok: false, message: `the manifest's canonical digest ${digest.digestMultibase} differs from the signed ${String(subject.digestMultibase)}: it changed after signing` },
    manifest?.value === subject.id && did !== undefined && did === issuer
      ? { name: 'provider', ok: true, message: `signed by ${did}, the DID the provider declares` }
      : { name: 'provider', ok: false, message: `signed by ${String(issuer)} for ${String(subject.id)}; the manifest ${manifest?.value ?? '(none)'} declares ${did ? `the DID ${did}` : 'no DID'}` },
  ];
}

/**
 * The `ManifestVerifier` that `@mpli/core`'s discovery and catalogs take: manifests count only
 * with a signature that verifies.
 */
export function createManifestVerifier(options: VerifyOptions = {}): ManifestVerifier {
  return {
    async verifyManifest(manifest: ManifestDocument, signature: unknown): Promise<ManifestVerdict> {
      if (!signature || typeof signature !== 'object') return { verified: false, errors: ['no signature'] };
      const result = await verifyManifest(manifest.text, signature as Record<string, unknown>, { ...options, format: manifest.format, source: manifest.source });
      return { verified: result.verified, ...(result.signer ? { signer: result.signer } : {}), errors: result.errors };
    },
  };
}
