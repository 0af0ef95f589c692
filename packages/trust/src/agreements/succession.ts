import { MpliError } from '@mpli/core';
import type { IssueOptions } from '../credentials/issue-credential';
import type { Check } from '../credentials/verification-result';
import type { SigningKey } from '../keys/signing-key';
import { readAgreementTerms, type AgreementTerms } from './agreement-terms';
import { proposeAgreement } from './sign-agreement';

/**
 * The consumer's proposal to continue an agreement with one of its named successor providers,
 * under the same price, terms, SLA and end date: the same contract at another provider (EU Data
 * Act portability). The successor countersigns it as any agreement.
 */
export async function proposeSuccession(previous: Record<string, unknown>, next: { readonly provider: string; readonly offering: string; readonly validFrom?: string; readonly id?: string }, key: SigningKey, options: IssueOptions = {}): Promise<Record<string, unknown>> {
  const terms = readAgreementTerms(previous);
  if (!terms.successors.includes(next.provider)) throw new MpliError('INVALID_INPUT', `The agreement ${terms.id} does not name ${next.provider} as a successor provider (it names ${terms.successors.join(', ') || 'none'})`);
  const { id: _id, provider: _provider, offering: _offering, successors, ...kept } = terms;
  return proposeAgreement({
    ...kept, ...(next.id ? { id: next.id } : {}), provider: next.provider, offering: next.offering,
    validFrom: next.validFrom ?? (options.now ?? new Date()).toISOString(), successors: successors.filter((s) => s !== next.provider), succeeds: terms.id,
  }, key, options);
}

/**
 * Whether `next` continues `previous` as the successor clause allows: it names `previous`, the
 * same consumer, a provider `previous` names as a successor, and the same price, terms and SLA.
 * Both agreements' signatures are {@link verifyAgreement}'s to check.
 */
export function checkSuccession(next: AgreementTerms, previous: AgreementTerms): Check {
  const problems = [
    ...(next.succeeds === previous.id ? [] : [`it continues ${next.succeeds ?? 'no agreement'}, not ${previous.id}`]),
    ...(next.consumer === previous.consumer ? [] : [`its consumer ${next.consumer} is not ${previous.consumer}`]),
    ...(previous.successors.includes(next.provider) ? [] : [`${previous.id} does not name ${next.provider} as a successor`]),
    ...(['price', 'terms', 'sla'] as const).filter((f) => JSON.stringify(next[f]) !== JSON.stringify(previous[f])).map((f) => `its ${f} differs`),
  ];
  return problems.length
    ? { name: 'policy', ok: false, message: `not a succession of ${previous.id}: ${problems.join('; ')}` }
    : { name: 'policy', ok: true, message: `continues ${previous.id} with ${next.provider} under the same terms` };
}
