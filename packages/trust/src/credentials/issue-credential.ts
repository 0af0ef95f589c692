import * as vc from '@digitalbazaar/vc';
import { MpliError, type ContextMap } from '@mpli/core';
import { defaultTrustContexts } from '../contexts/bundled-contexts';
import { assertBundledContexts, createTrustDocumentLoader } from '../document-loader';
import type { SigningKey } from '../keys/signing-key';
import { issuerOf } from './issuer-of';
import { signingSuite } from './suites';

/** Options for {@link issueCredential}. */
export interface IssueOptions {
  /** The moment the proof is created. Default: now. */
  readonly now?: Date;
  readonly contexts?: ContextMap;
}

/**
 * Signs a credential with an eddsa-rdfc-2022 Data Integrity proof (VC Data Model 2.0). The
 * credential's `issuer` must be the key's controller; its contexts must be bundled.
 *
 * @example
 * const signed = await issueCredential({
 *   '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'],
 *   issuer: key.controller, credentialSubject: { id: 'did:web:cloud.example' },
 * }, key);
 */
export async function issueCredential(credential: Record<string, unknown>, key: SigningKey, options: IssueOptions = {}): Promise<Record<string, unknown>> {
  const contexts = options.contexts ?? defaultTrustContexts();
  assertBundledContexts(credential, contexts);
  const issuer = issuerOf(credential);
  if (issuer !== key.controller) throw new MpliError('SIGNING_FAILED', `The credential's issuer ${issuer ?? '(none)'} is not the key's controller ${key.controller}`);
  try {
    return await vc.issue({ credential: structuredClone(credential), suite: signingSuite(key, options.now), documentLoader: createTrustDocumentLoader({ contexts }), ...(options.now ? { now: options.now } : {}) });
  } catch (error) {
    throw new MpliError('SIGNING_FAILED', `Cannot sign the credential: ${(error as Error).message}`, { cause: error });
  }
}
