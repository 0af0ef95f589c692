import { MpliError, type RdfFormat } from '@mpli/core';
import { credentialDateTime as second } from '../credentials/date-time';
import { issueCredential } from '../credentials/issue-credential';
import type { SigningKey } from '../keys/signing-key';
import { manifestDigest } from './manifest-digest';
import { manifestParties } from './manifest-parties';

/** Options for {@link signManifest}. */
export interface SignManifestOptions {
  readonly format?: RdfFormat;
  readonly source?: string;
  readonly now?: Date;
  /** When the signature stops vouching for the manifest. Default: 90 days after `now`. */
  readonly validUntil?: string;
}

/**
 * Signs a provider manifest: a `ManifestCredential` (VC 2.0, eddsa-rdfc-2022) whose subject is the
 * manifest node, with the digest of the manifest's canonical RDF. Publish it beside the manifest;
 * it is a detached signature, valid for every serialisation of the same manifest. The key must
 * belong to the DID the manifest's provider declares (mpli:did).
 *
 * @example
 * const signature = await signManifest(turtle, providerKey, { format: 'text/turtle' });
 */
export async function signManifest(text: string, key: SigningKey, options: SignManifestOptions = {}): Promise<Record<string, unknown>> {
  const { digestMultibase, dataset } = await manifestDigest(text, options);
  const { manifest, did } = manifestParties(dataset);
  if (!manifest || manifest.termType !== 'NamedNode') throw new MpliError('SIGNING_FAILED', `${options.source ?? 'The document'} has no mpli:Manifest with an IRI to sign`);
  if (did !== key.controller) throw new MpliError('SIGNING_FAILED', `The manifest's provider declares ${did ? `the DID ${did}` : 'no DID (mpli:did)'}; the key belongs to ${key.controller}`);
  const now = options.now ?? new Date();
  return issueCredential({
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://w3id.org/mpli/context/v1'],
    type: ['VerifiableCredential', 'ManifestCredential'],
    issuer: key.controller,
    validFrom: second(now),
    validUntil: options.validUntil ?? second(new Date(now.getTime() + 90 * 86_400_000)),
    credentialSubject: { id: manifest.value, digestMultibase },
  }, key, { now });
}
