import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { MpliError } from '@mpli/core';
import type { DidDocument } from './did-document';

/**
 * Resolves a did:key for an Ed25519 public key (`did:key:z6Mk…`) to its document, offline: the
 * key is the identifier. Other key types are refused with `DID_UNSUPPORTED`.
 */
export async function resolveDidKey(did: string): Promise<DidDocument> {
  const multibase = did.slice('did:key:'.length);
  if (!did.startsWith('did:key:z6Mk')) {
    throw new MpliError('DID_UNSUPPORTED', `${did} is not an Ed25519 did:key (z6Mk…): MPLI resolves only those offline`, { details: { did } });
  }
  try {
    await Ed25519Multikey.from({ type: 'Multikey', publicKeyMultibase: multibase, controller: did, id: `${did}#${multibase}` });
  } catch (error) {
    throw new MpliError('DID_INVALID', `${did} does not hold a valid Ed25519 public key`, { cause: error, details: { did } });
  }
  const id = `${did}#${multibase}`;
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did,
    verificationMethod: [{ id, type: 'Multikey', controller: did, publicKeyMultibase: multibase }],
    assertionMethod: [id],
    authentication: [id],
  };
}
