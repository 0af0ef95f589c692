import type { EvidenceClaim, EvidenceVerifier } from '@mpli/core';
import { NS } from '@mpli/shapes';
import type { EstablishedClaim, PolicyOutcome } from './policy-outcome';

const CERTIFICATION = `${NS.mpli}CertificationCredential`;
const SLA = `${NS.mpli}SlaCredential`;

/**
 * The evidence verifier `@mpli/core`'s resolver takes, from a policy outcome: a certification, an
 * SLA or a held identity credential counts as evidence only when the credential it names
 * established a claim under the policy, about the offering or its provider, of the right kind
 * (and, for a certification, of the right scheme).
 *
 * @example
 * const outcome = await verifyWithPolicy(credentials, consumerPolicy);
 * const result = await resolve(requirements, catalog, { evidence: policyEvidence(outcome) });
 */
export function policyEvidence(outcome: PolicyOutcome): EvidenceVerifier {
  const byCredential = new Map<string, EstablishedClaim[]>();
  for (const claim of outcome.established) byCredential.set(claim.credential, [...(byCredential.get(claim.credential) ?? []), claim]);
  return {
    isEvidenced(credential: string, claim: EvidenceClaim): boolean {
      return (byCredential.get(credential) ?? []).some((established) => backs(established, claim));
    },
  };
}

function backs(established: EstablishedClaim, claim: EvidenceClaim): boolean {
  if (claim.kind === 'identity') {
    return established.types.includes(claim.credentialType) && (claim.holder === undefined || claim.holder.startsWith('_:') || claim.holder === established.subject);
  }
  const about = [claim.offering, claim.provider?.id, claim.provider?.did].filter((s): s is string => s !== undefined);
  if (!about.includes(established.subject)) return false;
  if (claim.kind === 'sla') return established.types.includes(SLA);
  // The resolver names schemes by local name (ISO27001); credentials by IRI.
  return established.types.includes(CERTIFICATION) && (claim.scheme === undefined || (established.schemes ?? []).some((s) => s === claim.scheme || s === `${NS.mpli}${claim.scheme}`));
}
