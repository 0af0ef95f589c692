import { generateSigningKey, issueCredential, parseTrustPolicy, verifyCredential, verifyWithPolicy } from '@mpli/trust';

// An accreditation body accredits an auditor for ISO/IEC 27001; the auditor certifies a provider.
const belac = await generateSigningKey();
const auditor = await generateSigningKey();
const context = ['https://www.w3.org/ns/credentials/v2', 'https://w3id.org/mpli/context/v1'];
const certificate = await issueCredential({
  '@context': context, id: 'urn:uuid:0b7e3a52-8f3c-4c3e-b1a0-2f6d7e8c9a10',
  type: ['VerifiableCredential', 'CertificationCredential'], issuer: auditor.controller,
  validFrom: '2026-01-01T00:00:00Z', validUntil: '2028-03-31T23:59:59Z',
  credentialSubject: { id: 'did:web:scaldis.example', certification: { type: 'Certification', scheme: 'ISO27001', certificationScope: 'IaaS in Gent' } },
}, auditor);
const accreditation = await issueCredential({
  '@context': context, type: ['VerifiableCredential', 'AccreditationCredential'], issuer: belac.controller,
  validFrom: '2026-01-01T00:00:00Z', validUntil: '2029-12-31T23:59:59Z',
  credentialSubject: { id: auditor.controller, accreditedFor: ['ISO27001'] },
}, belac);

// Each credential verifies on its own: every check named.
const checked = await verifyCredential(certificate);
console.log(checked.verified, checked.checks.map((c) => c.name).join(' '));

// A tampered copy fails, and says where.
const tampered = await verifyCredential({ ...certificate, validUntil: '2099-12-31T23:59:59Z' });
console.log(tampered.verified, tampered.errors[0]?.slice(0, 6));

// The consumer's policy: ISO/IEC 27001 certificates count when the auditor is accredited by BELAC.
const policy = parseTrustPolicy({
  id: 'https://hospital.example/policies/trust',
  anchors: [{ name: 'belac', did: belac.controller }],
  rules: [{ claim: 'ISO/IEC 27001', credentialType: 'mpli:CertificationCredential', issuers: { accreditedBy: ['belac'], accreditedFor: 'mpli:ISO27001' } }],
});
const outcome = await verifyWithPolicy([certificate, accreditation], policy);
for (const claim of outcome.established) {
  console.log(`${claim.claim} of ${claim.subject}:`, claim.chain.map((link) => link.reason.split(' ')[0]).join(' <- '));
}
