import { expandCurie, valuesAt } from '../credentials/credential-graph';
import { defaultTrustContexts } from '../contexts/bundled-contexts';
import { verifyCredential, type VerifyOptions } from '../credentials/verify-credential';
import { AccreditationIndex } from './accreditation-chains';
import { examine, validUntilOf, type ExaminedCredential } from './examined-credential';
import type { EstablishedClaim, FailedCredential, PolicyOutcome } from './policy-outcome';
import { conditionProblems, issuerChain, whereMismatches } from './rule-evaluation';
import type { TrustPolicy } from './trust-policy';

/** Options for {@link verifyWithPolicy}. */
export interface PolicyOptions extends VerifyOptions {
  /** Establish only claims about this subject (a DID or IRI); credentials about others fail. */
  readonly subject?: string;
}

/**
 * Verifies credentials (JSON-LD with Data Integrity proofs, or vc+jwt strings and enveloped
 * credentials) and judges them under a trust policy. Each credential is verified (proof,
 * dates, issuer binding, status when it has one) and read as RDF (its shape is checked); each rule
 * whose type and conditions it meets then asks for a chain of trust from its issuer to an anchor
 * of the policy, directly or through accreditation credentials found among the inputs. Returns
 * the claims established, each with its chain of evidence, and the credentials that failed, each
 * with every reason. Never throws for bad credentials.
 *
 * @example
 * const outcome = await verifyWithPolicy([certificate, accreditation], policy);
 * for (const claim of outcome.established) console.log(claim.claim, claim.chain.map((l) => l.reason));
 * for (const failure of outcome.failed) console.log(failure.credential, failure.reasons);
 */
export async function verifyWithPolicy(credentials: readonly (Record<string, unknown> | string)[], policy: TrustPolicy, options: PolicyOptions = {}): Promise<PolicyOutcome> {
  const now = options.now ?? new Date();
  const contexts = options.contexts ?? defaultTrustContexts();
  // X.509 anchors are the roots JOSE credentials' certificate chains must end at.
  const trustedRoots = [...(options.trustedRoots ?? []), ...policy.anchors.flatMap((anchor) => (anchor.x509 ? [anchor.x509] : []))];
  const examined = await Promise.all(credentials.map(async (input, index) => {
    const verification = await verifyCredential(input, { ...options, now, contexts, trustedRoots });
    const credential = verification.credential ?? (typeof input === 'string' ? { id: `credential #${index}` } : input);
    return examine(index, credential, verification, contexts);
  }));
  const accreditations = new AccreditationIndex(examined, policy);
  const established: EstablishedClaim[] = [];
  const failed: FailedCredential[] = [];
  const unused: { credential: string; reason: string }[] = [];
  for (const entry of examined) {
    const judged = judge(entry, policy, accreditations, now, options.subject);
    if (judged.kind === 'unused') {
      if (!accreditations.isAccreditation(entry)) unused.push({ credential: entry.id, reason: judged.reason });
    } else if (judged.kind === 'established') established.push(...judged.claims);
    else failed.push(judged.failure);
  }
  // The accreditations that chains of established claims stand on.
  const supporting = [...new Set(established.flatMap((claim) => claim.chain.slice(1).flatMap((link) => (link.credential ? [link.credential] : []))))];
  // Accreditations no chain needed and no rule covers are reported as unused, with why.
  for (const entry of examined) {
    if (accreditations.isAccreditation(entry) && !supporting.includes(entry.id) && !established.some((c) => c.credential === entry.id) && !failed.some((f) => f.credential === entry.id)) {
      unused.push({ credential: entry.id, reason: entry.problems.length ? `an accreditation that does not verify: ${entry.problems.join('; ')}` : 'an accreditation no chain of evidence needed' });
    }
  }
  return { policy: policy.id, established, failed, unused, supporting, verifications: examined.map((entry) => entry.verification) };
}

type Judgement =
  | { kind: 'established'; claims: EstablishedClaim[] }
  | { kind: 'failed'; failure: FailedCredential }
  | { kind: 'unused'; reason: string };

function judge(entry: ExaminedCredential, policy: TrustPolicy, accreditations: AccreditationIndex, now: Date, subjectFilter: string | undefined): Judgement {
  const types = entry.graph?.types ?? ([] as string[]).concat((entry.credential.type as string[] | string | undefined) ?? []);
  const base = { credential: entry.id, types, ...(entry.issuer ? { issuer: entry.issuer } : {}) };
  if (!entry.graph) return { kind: 'failed', failure: { ...base, reasons: entry.problems } };
  const rules = policy.rules.map((rule, index) => ({ rule, index })).filter(({ rule }) => types.includes(expandCurie(rule.credentialType)));
  if (!rules.length) return { kind: 'unused', reason: `no rule of the policy covers its types (${types.join(', ')})` };
  const claims: EstablishedClaim[] = [];
  const reasons: string[] = [];
  let claim: string | undefined;
  for (const subject of entry.graph.subjects) {
    if (subjectFilter && subject.value !== subjectFilter) {
      reasons.push(`policy: it is about ${subject.value}, not about ${subjectFilter}`);
      continue;
    }
    const judged = rules.map((candidate) => ({ ...candidate, mismatches: whereMismatches(entry, subject, candidate.rule) }));
    const applicable = judged.filter((candidate) => candidate.mismatches.length === 0);
    if (!applicable.length) reasons.push(...judged.flatMap((candidate) => candidate.mismatches.map((m) => `policy: ${m}`)));
    for (const { rule, index } of applicable) {
      claim = rule.claim;
      const { chain, reason } = issuerChain(entry, rule, policy, accreditations);
      const problems = [...entry.problems, ...(reason ? [`policy: ${reason}`] : []), ...conditionProblems(entry, rule, now)];
      if (problems.length || !chain) {
        reasons.push(...problems);
        continue;
      }
      const validUntil = validUntilOf(entry.credential);
      const schemes = valuesAt(entry.graph.dataset, subject, 'mpli:certification/mpli:scheme').map((term) => term.value);
      claims.push({
        claim: rule.claim, rule: index, credential: entry.id, types, subject: subject.value, issuer: entry.issuer!,
        ...(validUntil ? { validUntil } : {}), ...(schemes.length ? { schemes } : {}),
        chain: [{ credential: entry.id, issuer: entry.issuer!, subject: subject.value, reason: `${compactType(types)} verified` }, ...chain],
      });
    }
  }
  if (claims.length) return { kind: 'established', claims };
  return { kind: 'failed', failure: { ...base, ...(claim ? { claim } : {}), reasons: [...new Set(reasons)] } };
}

function compactType(types: readonly string[]): string {
  const own = types.find((type) => !type.endsWith('#VerifiableCredential')) ?? 'credential';
  return own.slice(Math.max(own.lastIndexOf('#'), own.lastIndexOf('/')) + 1);
}
