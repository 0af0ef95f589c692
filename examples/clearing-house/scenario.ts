// The parties of the clearing-house example and their credentials: an accreditation body (BELAC)
// accredits an auditor for ISO/IEC 27001; the auditor certifies Scaldis Cloud; a notary attests
// its legal identity; Scaldis signs its SLA and accepts the house's terms. All keys are did:key,
// so the example needs no network.
import { generateSigningKey, issueCredential, parseTrustPolicy, type SigningKey, type TrustPolicy } from '@mpli/trust';
import type { LevelRequirement } from './label-levels';

export const PROVIDER = 'did:web:scaldis.example';
const CONTEXTS = ['https://www.w3.org/ns/credentials/v2', 'https://w3id.org/mpli/context/v1'];
export const TERMS = { url: 'https://clearing.example/terms/v1.pdf', hash: '3b9c358f36f0a31b6ad2a4c5b3a1e6a51e0a2c3a8f4b9d7e6c5b4a3f2e1d0c9b' };

export interface Parties {
  readonly belac: SigningKey;
  readonly auditor: SigningKey;
  readonly notary: SigningKey;
  readonly house: SigningKey;
}

export async function makeParties(): Promise<Parties> {
  const [belac, auditor, notary, house] = await Promise.all([generateSigningKey(), generateSigningKey(), generateSigningKey(), generateSigningKey()]);
  return { belac: belac!, auditor: auditor!, notary: notary!, house: house! };
}

/** The house's policy: whom it trusts for what. */
export function housePolicy(parties: Parties): TrustPolicy {
  return parseTrustPolicy({
    id: 'https://clearing.example/policies/2026',
    name: 'Example clearing house, 2026',
    anchors: [
      { name: 'belac', did: parties.belac.controller, description: 'Belgian accreditation body' },
      { name: 'notaries', did: parties.notary.controller, description: 'Notary federation' },
    ],
    rules: [
      { claim: 'legal identity', credentialType: 'mpli:LegalIdentityCredential', issuers: { anchors: ['notaries'] } },
      { claim: 'terms accepted', credentialType: 'mpli:TermsAcceptanceCredential', where: { 'mpli:acceptsTerms/gx:hash': TERMS.hash }, issuers: { anchors: ['notaries'] } },
      { claim: 'ISO/IEC 27001 certification', credentialType: 'mpli:CertificationCredential', where: { 'mpli:certification/mpli:scheme': 'mpli:ISO27001' }, issuers: { accreditedBy: ['belac'], accreditedFor: 'mpli:ISO27001' } },
    ],
  });
}

/** Standard compliance needs identity and terms; level 1 adds an accredited ISO/IEC 27001 certificate. */
export const LEVELS: readonly LevelRequirement[] = [
  { level: 'LabelStandard', requires: ['legal identity', 'terms accepted'] },
  { level: 'LabelLevel1', requires: ['legal identity', 'terms accepted', 'ISO/IEC 27001 certification'] },
];

const issue = (key: SigningKey, type: string, subject: Record<string, unknown>, validUntil = '2028-03-31T23:59:59Z') => issueCredential({
  '@context': CONTEXTS, id: `urn:uuid:${crypto.randomUUID()}`, type: ['VerifiableCredential', type], issuer: key.controller,
  validFrom: '2026-01-01T00:00:00Z', validUntil, credentialSubject: subject,
}, key);

/** What Scaldis Cloud sends the house. */
export async function providerCredentials(parties: Parties): Promise<Record<string, unknown>[]> {
  return Promise.all([
    issue(parties.notary, 'LegalIdentityCredential', { id: PROVIDER, name: 'Scaldis Cloud SRL', registrationNumber: { type: 'VatID', vatID: 'BE0712345678' }, headquartersAddress: { type: 'Address', countryCode: 'BE' } }),
    issue(parties.notary, 'TermsAcceptanceCredential', { id: PROVIDER, acceptsTerms: { type: 'TermsAndConditions', url: TERMS.url, hash: TERMS.hash }, acceptedAt: '2026-11-30T10:00:00Z' }),
    issue(parties.auditor, 'CertificationCredential', { id: PROVIDER, certification: { type: 'Certification', scheme: 'ISO27001', certificationScope: 'IaaS operated from Gent and Liège' } }),
    issue(parties.belac, 'AccreditationCredential', { id: parties.auditor.controller, accreditedFor: ['ISO27001'] }, '2029-12-31T23:59:59Z'),
  ]);
}
