import { createDocumentLoader, MpliError, type ContextMap } from '@mpli/core';
import type { DocumentLoader } from 'jsonld';
import { defaultTrustContexts } from './contexts/bundled-contexts';
import type { VerificationMethod } from './did/did-document';
import { DidResolver } from './did/did-resolver';

/** Options for {@link createTrustDocumentLoader}. */
export interface TrustLoaderOptions {
  /** Contexts by URL; default `trustContexts()`. Add your own with `new Map([...trustContexts(), [url, doc]])`. */
  readonly contexts?: ContextMap;
  /** Resolves the DIDs that proofs name; default: did:key only. */
  readonly didResolver?: DidResolver;
}

/**
 * The JSON-LD document loader for verifying and signing: bundled contexts only (any other
 * context URL is refused with `REMOTE_CONTEXT_REFUSED`, never fetched), and DID documents and
 * verification methods through the DID resolver.
 */
export function createTrustDocumentLoader(options: TrustLoaderOptions = {}): DocumentLoader {
  const contexts = createDocumentLoader({ contexts: options.contexts ?? defaultTrustContexts() });
  const dids = options.didResolver ?? new DidResolver();
  return async (url: string) => {
    if (!url.startsWith('did:')) return contexts(url);
    const document = url.includes('#') ? withContext(await dids.verificationMethod(url)) : await dids.resolve(url);
    return { contextUrl: null, documentUrl: url, document };
  };
}

// A verification method read out of its DID document needs the context of its type to be JSON-LD again.
const METHOD_CONTEXTS: Readonly<Record<string, string>> = {
  Multikey: 'https://w3id.org/security/multikey/v1',
  Ed25519VerificationKey2020: 'https://w3id.org/security/suites/ed25519-2020/v1',
  JsonWebKey2020: 'https://w3id.org/security/suites/jws-2020/v1',
};

function withContext(method: VerificationMethod): Record<string, unknown> {
  return { '@context': METHOD_CONTEXTS[method.type] ?? 'https://w3id.org/security/multikey/v1', ...method };
}

/** The contexts a document names by URL at its top, and those of them that are not bundled. */
export function unbundledContexts(document: Record<string, unknown>, contexts: ContextMap): { named: string[]; missing: string[] } {
  const named = ([] as unknown[]).concat(document['@context'] ?? []).filter((c): c is string => typeof c === 'string');
  return { named, missing: named.filter((url) => !contexts.has(url)) };
}

/** Throws `REMOTE_CONTEXT_REFUSED` unless every context a document names by URL is bundled. */
export function assertBundledContexts(document: Record<string, unknown>, contexts: ContextMap): void {
  const missing = unbundledContexts(document, contexts).missing;
  if (missing.length) {
    throw new MpliError('REMOTE_CONTEXT_REFUSED', `Context ${missing.join(', ')} is not bundled; MPLI never fetches contexts`, { details: { url: missing[0] } });
  }
}
