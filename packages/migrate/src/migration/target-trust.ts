import { checkPrerequisites, type Consumer, type CurrencyRates, type EvidenceVerifier, type Manifest } from '@mpli/core';
import { verifyAgreement, type AgreementTerms, type AgreementVerifyOptions } from '@mpli/trust';
import type { PreflightCheck } from './plan';

/**
 * The trust side of a migration: the target provider's manifest (its prerequisites for doing
 * business, and those of the offering the VM moves to) and the consumer, with its credentials.
 * With `evidence` (from `@mpli/trust`: verified credentials under the consumer's trust policy), a
 * credential counts only when it is backed; without, as declared.
 */
export interface MigrationTrust {
  readonly target: Manifest;
  /** The target offering's IRI (its own prerequisites are checked too). */
  readonly offering?: string;
  readonly consumer: Consumer;
  readonly evidence?: EvidenceVerifier;
  /** The day the check is made for (dated memberships, validity). Default today. */
  readonly asOf?: string;
  readonly rates?: CurrencyRates;
  /**
   * The consumer's agreement (a ServiceAgreementCredential): the one it holds with the source
   * provider naming the target as a successor, or one the target countersigned (a succession).
   * It is verified before anything moves, and travels with the target's order.
   */
  readonly agreement?: Readonly<Record<string, unknown>>;
  /** How the agreement is verified (DID resolver, moment). */
  readonly verify?: AgreementVerifyOptions;
}

/**
 * Checks the agreement a migration carries: it verifies (both parties' signatures, in force),
 * and binds the target provider (the target's manifest DID) or names it as a successor provider.
 * Gives the terms when it passes, for the order to carry the consumer's DID.
 */
export async function targetAgreementCheck(trust: MigrationTrust): Promise<PreflightCheck & { readonly terms?: AgreementTerms }> {
  const fail = (explanation: string) => ({ id: 'target.agreement', severity: 'error' as const, passed: false, explanation });
  if (!trust.agreement) return { id: 'target.agreement', severity: 'warning', passed: true, explanation: 'no agreement travels with this migration' };
  const result = await verifyAgreement(trust.agreement as Record<string, unknown>, trust.verify ?? {});
  if (!result.verified || !result.terms) return fail(`the agreement does not verify: ${result.errors.join('; ')}`);
  const { terms } = result;
  const target = trust.target.provider.did;
  if (!target) return fail(`${trust.target.provider.name} declares no DID, so no agreement can name it`);
  if (terms.provider !== target && !terms.successors.includes(target)) return fail(`the agreement ${terms.id} binds ${terms.provider} and names no successor ${target}`);
  return {
    id: 'target.agreement', severity: 'error', passed: true, terms,
    explanation: terms.provider === target ? `the agreement ${terms.id} binds ${target}` : `the agreement ${terms.id} with ${terms.provider} names ${target} as its successor: the same terms go along`,
  };
}

/** Checks the target's prerequisites against the consumer: the same check a match makes, before anything moves. */
export function targetPrerequisitesCheck(trust: MigrationTrust): PreflightCheck {
  const offering = trust.offering ? trust.target.offerings.find((o) => o.id === trust.offering) : undefined;
  const prerequisites = [...trust.target.prerequisites, ...(offering?.prerequisites ?? [])];
  const actions = checkPrerequisites(prerequisites, trust.consumer, trust.target.provider, {
    asOf: trust.asOf ?? new Date().toISOString().slice(0, 10), rates: trust.rates, ...(trust.evidence ? { evidence: trust.evidence } : {}),
  });
  return {
    id: 'target.prerequisites', severity: 'error', passed: actions.length === 0,
    explanation: actions.length === 0
      ? `${trust.consumer.name} meets the ${prerequisites.length} prerequisite(s) of ${trust.target.provider.name}`
      : `${trust.consumer.name} must first: ${actions.map((a) => a.action).join('; ')}`,
  };
}
