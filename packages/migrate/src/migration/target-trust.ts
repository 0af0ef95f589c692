import { checkPrerequisites, type Consumer, type CurrencyRates, type EvidenceVerifier, type Manifest } from '@mpli/core';
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
