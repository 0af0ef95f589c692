import type { Term } from '@rdfjs/types';
import { X509Certificate } from 'node:crypto';
import { expandCurie, valuesAt } from '../credentials/credential-graph';
import { anchorLink, compact, type AccreditationIndex } from './accreditation-chains';
import { validFromOf, type ExaminedCredential } from './examined-credential';
import type { ChainLink } from './policy-outcome';
import type { PolicyRule, TrustAnchor, TrustPolicy } from './trust-policy';

const DAY_MS = 86_400_000;

/** Whether the rule's `where` conditions hold for a subject; the mismatches when not. */
export function whereMismatches(entry: ExaminedCredential, subject: Term, rule: PolicyRule): string[] {
  if (!entry.graph) return ['the credential could not be read'];
  const mismatches: string[] = [];
  for (const [path, expected] of Object.entries(rule.where)) {
    const wanted = expandCurie(expected);
    const values = valuesAt(entry.graph.dataset, subject, path);
    if (!values.some((value) => value.value === wanted || value.value === expected)) {
      mismatches.push(`${path} is ${values.length ? values.map((v) => compact(v.value)).join(', ') : 'absent'}, the rule "${rule.claim}" needs ${expected}`);
    }
  }
  return mismatches;
}

/** The chain of trust from the credential's issuer to an anchor the rule accepts, or why there is none. */
export function issuerChain(entry: ExaminedCredential, rule: PolicyRule, policy: TrustPolicy, accreditations: AccreditationIndex): { chain?: ChainLink[]; reason?: string } {
  const issuer = entry.issuer;
  if (!issuer) return { reason: 'the credential names no issuer' };
  const anchors = policy.anchors.filter((anchor) => rule.issuers.anchors.includes(anchor.name));
  const direct = anchors.find((anchor) => anchor.did === issuer);
  if (direct) return { chain: [anchorLink(direct)] };
  const x509 = entry.verification.x509Root ? anchors.find((anchor) => anchor.x509 && fingerprint(anchor) === entry.verification.x509Root) : undefined;
  if (x509) return { chain: [{ issuer, subject: issuer, reason: `its certificate chains to the root of anchor "${x509.name}"` }, anchorLink(x509)] };
  if (rule.issuers.accreditedBy.length) {
    const scope = expandCurie(rule.issuers.accreditedFor ?? rule.credentialType);
    const chain = accreditations.chain(issuer, scope, rule.issuers.accreditedBy);
    if (chain) return { chain };
    return { reason: `issuer ${issuer} is not trusted for "${rule.claim}": ${accreditations.explainMissing(issuer, scope, rule.issuers.accreditedBy)}` };
  }
  return { reason: `issuer ${issuer} is not an anchor the rule "${rule.claim}" trusts (${rule.issuers.anchors.join(', ')})` };
}

/** The rule's own conditions beyond the issuer: age, status, evidence. */
export function conditionProblems(entry: ExaminedCredential, rule: PolicyRule, now: Date): string[] {
  const problems: string[] = [];
  const from = validFromOf(entry.credential);
  if (rule.maxAgeDays !== undefined) {
    const age = from ? (now.getTime() - Date.parse(from)) / DAY_MS : Number.NaN;
    if (!(age <= rule.maxAgeDays)) problems.push(`policy: ${from ? `valid since ${from}, ${Math.floor(age)} days ago` : 'no validFrom'}; the rule "${rule.claim}" accepts credentials at most ${rule.maxAgeDays} days old`);
  }
  if (rule.requireStatus && !entry.verification.checks.some((check) => check.name === 'status' && check.ok)) {
    problems.push(`policy: the rule "${rule.claim}" requires a status entry (credentialStatus), checked and not revoked`);
  }
  const evidence = ([] as unknown[]).concat(entry.credential.evidence ?? []) as { type?: unknown }[];
  const evidenceTypes = new Set(evidence.flatMap((item) => ([] as unknown[]).concat(item.type ?? [])));
  for (const type of rule.requiredEvidence) {
    if (!evidenceTypes.has(type)) problems.push(`policy: the rule "${rule.claim}" requires evidence of type ${type}`);
  }
  return problems;
}

const fingerprints = new WeakMap<TrustAnchor, string>();

/** The SHA-256 fingerprint of an anchor's root certificate, as node:crypto writes it. */
export function fingerprint(anchor: TrustAnchor): string | undefined {
  if (!anchor.x509) return undefined;
  let value = fingerprints.get(anchor);
  if (!value) {
    value = new X509Certificate(anchor.x509).fingerprint256;
    fingerprints.set(anchor, value);
  }
  return value;
}
