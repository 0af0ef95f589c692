import { createHash } from 'node:crypto';
import { createTrustDocumentLoader, credentialDateTime as second, issueCredential, manifestDigest, type SigningKey, type TrustPolicy } from '@mpli/trust';
import type { LevelDecision } from './label-levels';

/** Options for {@link issueLabel}. */
export interface LabelOptions {
  readonly key: SigningKey;
  readonly policy: TrustPolicy;
  readonly subject: string;
  readonly decision: Required<Pick<LevelDecision, 'level'>> & LevelDecision;
  /** Every credential checked, labelled by their digests. */
  readonly inputs: readonly (Record<string, unknown> | string)[];
  readonly now: Date;
  /** The longest a label lasts; it also ends with the first credential it stands on. */
  readonly validityDays: number;
}

const loader = createTrustDocumentLoader();

/**
 * The compliance label credential: level, policy, validity (no longer than the credentials that
 * earned it), and the digest of every input credential (VC 2.0 relatedResource), so anyone can
 * check which credentials the house saw.
 */
export async function issueLabel(options: LabelOptions): Promise<Record<string, unknown>> {
  const ends = options.decision.claims.flatMap((claim) => (claim.validUntil ? [Date.parse(claim.validUntil)] : []));
  const validUntil = new Date(Math.min(options.now.getTime() + options.validityDays * 86_400_000, ...ends));
  const relatedResource = await Promise.all(options.inputs.map(async (input, i) => {
    if (typeof input === 'string') return { id: `urn:mpli:jwt:${createHash('sha256').update(input).digest('hex')}`, digestSRI: `sha384-${createHash('sha384').update(input).digest('base64')}` };
    const { digestMultibase } = await manifestDigest(JSON.stringify(input), { format: 'application/ld+json', documentLoader: loader, source: `input ${i}` });
    return { id: typeof input.id === 'string' ? input.id : `urn:mpli:input:${i}`, digestMultibase };
  }));
  return issueCredential({
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://w3id.org/mpli/context/v1'],
    id: `urn:uuid:${crypto.randomUUID()}`,
    type: ['VerifiableCredential', 'ComplianceLabelCredential'],
    issuer: options.key.controller,
    validFrom: second(options.now),
    validUntil: second(validUntil),
    credentialSubject: { id: options.subject, complianceLabel: { type: 'ComplianceLabel', labelLevel: options.decision.level, compliancePolicy: options.policy.id } },
    relatedResource,
  }, options.key, { now: options.now });
}
