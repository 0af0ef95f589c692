import { randomBytes } from 'node:crypto';
import * as vc from '@digitalbazaar/vc';
import { MpliError, type ContextMap } from '@mpli/core';
import { defaultTrustContexts } from '../contexts/bundled-contexts';
import { assertBundledContexts, createTrustDocumentLoader } from '../document-loader';
import type { SigningKey } from '../keys/signing-key';
import { signingSuite } from '../credentials/suites';

/** Options for {@link signPresentation}. */
export interface PresentOptions {
  /** The verifier's challenge, echoed in the proof so the presentation cannot be replayed elsewhere. */
  readonly challenge: string;
  /** The verifier's domain (its origin or DID), bound into the proof. */
  readonly domain?: string;
  /** The holder; default the key's controller. */
  readonly holder?: string;
  readonly id?: string;
  /** The moment the proof is created. Default: now. */
  readonly now?: Date;
  readonly contexts?: ContextMap;
}

/**
 * A fresh challenge for a verifier to hand to a holder: 128 random bits, base64url. Keep it until
 * the presentation arrives and use it once.
 */
export function createChallenge(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * Wraps credentials in a VC 2.0 presentation and signs it for authentication with an
 * eddsa-rdfc-2022 proof that carries the verifier's challenge and domain.
 *
 * @example
 * const challenge = createChallenge(); // the verifier's
 * const vp = await signPresentation([identityCredential], holderKey, { challenge, domain: 'https://market.example' });
 */
export async function signPresentation(credentials: readonly Record<string, unknown>[], key: SigningKey, options: PresentOptions): Promise<Record<string, unknown>> {
  if (typeof options.challenge !== 'string' || options.challenge.length === 0) throw new TypeError('signPresentation needs the verifier\'s challenge');
  const contexts = options.contexts ?? defaultTrustContexts();
  for (const credential of credentials) assertBundledContexts(credential, contexts);
  const holder = options.holder ?? key.controller;
  if (holder !== key.controller) throw new MpliError('SIGNING_FAILED', `The holder ${holder} is not the key's controller ${key.controller}`);
  const presentation = {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiablePresentation'],
    ...(options.id ? { id: options.id } : {}),
    holder,
    ...(credentials.length ? { verifiableCredential: credentials.map((c) => structuredClone(c)) } : {}),
  };
  try {
    return await vc.signPresentation({
      presentation,
      suite: signingSuite(key, options.now),
      challenge: options.challenge,
      ...(options.domain !== undefined ? { domain: options.domain } : {}),
      documentLoader: createTrustDocumentLoader({ contexts }),
    });
  } catch (error) {
    throw new MpliError('SIGNING_FAILED', `Cannot sign the presentation: ${(error as Error).message}`, { cause: error });
  }
}
