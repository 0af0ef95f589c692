import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import dataIntegrityContext from '@digitalbazaar/data-integrity-context';
import multikeyContext from '@digitalbazaar/multikey-context';
import didContext from 'did-context';
import ed25519Signature2020Context from 'ed25519-signature-2020-context';
import { bundledContexts as coreContexts } from '@mpli/core';
import { packageFile } from '../package-files';

/** The IRI Gaia-X 25.11 credentials name in `@context`; MPLI bundles its own context for it. */
export const GAIA_X_2511_CONTEXT_URL = 'https://w3id.org/gaia-x/2511#';

/** The JSON Web Signature 2020 suite context (JsonWebKey2020 keys). */
export const JWS_2020_CONTEXT_URL = 'https://w3id.org/security/suites/jws-2020/v1';

const readJson = (url: URL) => JSON.parse(readFileSync(url, 'utf8')) as unknown;
const require = createRequire(import.meta.url);

/**
 * Every JSON-LD context MPLI's trust layer bundles, by URL: VC Data Model v1 and v2, Data
 * Integrity v1 and v2, Multikey, DID v1, Ed25519Signature2020, JWS 2020, the MPLI context, and
 * MPLI's own context for the Gaia-X 25.11 vocabulary (the `gx:` terms MPLI reads; not Gaia-X's
 * published document). Nothing else is ever loaded: verification never fetches a context.
 */
export function trustContexts(): Map<string, unknown> {
  const contexts = coreContexts();
  for (const [url, document] of credentialsContexts) contexts.set(url, document);
  for (const [url, document] of dataIntegrityContext.contexts) contexts.set(url, document);
  contexts.set(multikeyContext.CONTEXT_URL, multikeyContext.CONTEXT);
  contexts.set(didContext.CONTEXT_URL, didContext.CONTEXT);
  contexts.set(ed25519Signature2020Context.CONTEXT_URL, ed25519Signature2020Context.CONTEXT);
  contexts.set(JWS_2020_CONTEXT_URL, JSON.parse(readFileSync(require.resolve('@transmute/security-context/contexts/suites/jws-2020-v1.json'), 'utf8')) as unknown);
  const gaiaX = readJson(packageFile('contexts/gaia-x-2511.jsonld'));
  contexts.set(GAIA_X_2511_CONTEXT_URL, gaiaX);
  contexts.set(GAIA_X_2511_CONTEXT_URL.slice(0, -1), gaiaX);
  return contexts;
}

let shared: ReadonlyMap<string, unknown> | undefined;

/**
 * The bundled contexts as one shared map, for the defaults of verification: caches keyed by the
 * map (processed contexts, keys, proof templates) then last across calls. Do not modify it; build
 * your own with `new Map([...trustContexts(), [url, document]])`.
 */
export function defaultTrustContexts(): Map<string, unknown> {
  shared ??= trustContexts();
  return shared as Map<string, unknown>;
}
