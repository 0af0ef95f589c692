import { generateSigningKey, issueCredential, type SigningKey } from '@mpli/trust';

export const NOW = new Date('2026-12-01T12:00:00Z');
export const CONTEXTS = ['https://www.w3.org/ns/credentials/v2', 'https://w3id.org/mpli/context/v1'];

let counter = 0;
const nextId = () => `urn:uuid:00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

/** Signs a credential of an MPLI type from `issuer` about `subject`. */
export function credential(issuer: SigningKey, type: string, subject: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return issueCredential({
    '@context': CONTEXTS,
    id: nextId(),
    type: ['VerifiableCredential', type],
    issuer: issuer.controller,
    validFrom: '2026-01-01T00:00:00Z',
    validUntil: '2028-01-01T00:00:00Z',
    credentialSubject: subject,
    ...extra,
  }, issuer, { now: NOW });
}

/** An accreditation: `body` accredits `party` for the schemes or credential types given. */
export const accreditation = (body: SigningKey, party: SigningKey, accreditedFor: string[], extra: Record<string, unknown> = {}) =>
  credential(body, 'AccreditationCredential', { id: party.controller, accreditedFor }, extra);

/** An ISO/IEC 27001 (or other scheme) certificate from `auditor` for `provider`. */
export const certificate = (auditor: SigningKey, provider: string, scheme = 'ISO27001', extra: Record<string, unknown> = {}) =>
  credential(auditor, 'CertificationCredential', {
    id: provider,
    certification: { type: 'Certification', scheme, certificationScope: 'IaaS operated from the Brussels data centres' },
  }, extra);

/** A legal identity credential for an organisation. */
export const legalIdentity = (notary: SigningKey, organisation: string) =>
  credential(notary, 'LegalIdentityCredential', {
    id: organisation,
    name: 'Scaldis Cloud NV',
    registrationNumber: { type: 'VatID', vatID: 'BE0123456789' },
    headquartersAddress: { type: 'Address', countryCode: 'BE' },
  });

export async function keys<N extends string>(...names: N[]): Promise<Record<N, SigningKey>> {
  const entries = await Promise.all(names.map(async (name) => [name, await generateSigningKey()] as const));
  return Object.fromEntries(entries) as Record<N, SigningKey>;
}
