import type { ContextMap } from '@mpli/core';
import { DidResolver } from '../did/did-resolver';
import { createTrustDocumentLoader } from '../document-loader';
import type { EddsaVerifier } from './eddsa-rdfc-2022';
import { ProofConfigCanonicalizer } from './proof-config-canon';
import { VerificationKeyCache } from './verification-keys';

const DEFAULT_RESOLVER = new DidResolver();
const verifiers = new WeakMap<ContextMap, WeakMap<DidResolver, EddsaVerifier>>();

/**
 * The eddsa-rdfc-2022 verifier for a set of contexts and a DID resolver, made once and reused,
 * so its key cache and proof-configuration templates last across calls.
 */
export function eddsaVerifierFor(contexts: ContextMap, didResolver: DidResolver = DEFAULT_RESOLVER): EddsaVerifier {
  let byResolver = verifiers.get(contexts);
  if (!byResolver) verifiers.set(contexts, (byResolver = new WeakMap()));
  let verifier = byResolver.get(didResolver);
  if (!verifier) {
    const documentLoader = createTrustDocumentLoader({ contexts, didResolver });
    verifier = { documentLoader, proofConfigs: new ProofConfigCanonicalizer(documentLoader), keys: new VerificationKeyCache(didResolver) };
    byResolver.set(didResolver, verifier);
  }
  return verifier;
}
