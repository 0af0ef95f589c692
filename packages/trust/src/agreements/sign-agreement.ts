import * as vc from '@digitalbazaar/vc';
import { MpliError } from '@mpli/core';
import { defaultTrustContexts } from '../contexts/bundled-contexts';
import { createTrustDocumentLoader } from '../document-loader';
import { issueCredential, type IssueOptions } from '../credentials/issue-credential';
import { signingSuite } from '../credentials/suites';
import type { SigningKey } from '../keys/signing-key';
import { agreementCredential, readAgreementTerms, type AgreementInput } from './agreement-terms';
import { verifyAgreement, type AgreementVerifyOptions } from './verify-agreement';

/**
 * The consumer's side of an order: the agreement credential, issued and signed by the consumer
 * (`key` must be the consumer's). The provider countersigns it with {@link countersignAgreement}.
 *
 * @example
 * const proposal = await proposeAgreement({ consumer: consumerKey.controller, provider: 'did:web:scaldis.example',
 *   offering: 'https://scaldis.example/.well-known/mpli#vm-s2', price: { amount: '0.021', currency: 'EUR', model: 'PayAsYouGo', per: 'h' },
 *   terms: { url: 'https://scaldis.example/terms', hash: '…64 hex…' }, validFrom: '2026-12-01T00:00:00Z' }, consumerKey);
 */
export async function proposeAgreement(input: AgreementInput, key: SigningKey, options: IssueOptions = {}): Promise<Record<string, unknown>> {
  if (input.consumer !== key.controller) throw new MpliError('SIGNING_FAILED', `The agreement's consumer ${input.consumer} is not the key's controller ${key.controller}`);
  return issueCredential(agreementCredential(input), key, options);
}

/**
 * The provider's acceptance: checks the consumer's proposal (its form and the consumer's
 * signature), then adds the provider's proof beside the consumer's (a Data Integrity proof set:
 * each proof signs the same unsigned credential). `key` must be the agreement's provider's.
 */
export async function countersignAgreement(proposal: Record<string, unknown>, key: SigningKey, options: AgreementVerifyOptions & { readonly now?: Date } = {}): Promise<Record<string, unknown>> {
  const terms = readAgreementTerms(proposal);
  if (terms.provider !== key.controller) throw new MpliError('SIGNING_FAILED', `The agreement names the provider ${terms.provider}, not the key's controller ${key.controller}`);
  const proofs = ([] as unknown[]).concat(proposal.proof ?? []);
  if (proofs.length !== 1) throw new MpliError('SIGNING_FAILED', `A proposal carries the consumer's proof alone, not ${proofs.length} proofs`);
  // An agreement may be signed before it starts: its proposal is checked as of its start if that is later.
  const now = options.now ?? new Date();
  const starts = new Date(terms.validFrom);
  const checked = await verifyAgreement(proposal, { ...options, now: starts > now ? starts : now, proposal: true });
  if (!checked.verified) throw new MpliError('SIGNING_FAILED', `The proposal does not verify: ${checked.errors.join('; ')}`);
  const contexts = options.contexts ?? defaultTrustContexts();
  try {
    return await vc.issue({ credential: structuredClone(proposal), suite: signingSuite(key, options.now), documentLoader: createTrustDocumentLoader({ contexts }), ...(options.now ? { now: options.now } : {}) });
  } catch (error) {
    throw new MpliError('SIGNING_FAILED', `Cannot countersign the agreement: ${(error as Error).message}`, { cause: error });
  }
}
