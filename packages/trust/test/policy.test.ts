import { describe, expect, it } from 'vitest';
import { parseTrustPolicy, verifyWithPolicy, type SigningKey, type TrustPolicy } from '@mpli/trust';
import { accreditation, certificate, credential, keys, legalIdentity, NOW } from './support/credentials';

const PROVIDER = 'did:web:scaldis.example';

function policyFor(k: Record<'belac' | 'notary' | 'ea', SigningKey>, overrides: Record<string, unknown> = {}): TrustPolicy {
  return parseTrustPolicy({
    id: 'https://hospital.example/policies/cloud',
    anchors: [
      { name: 'belac', did: k.belac.controller, description: 'Belgian accreditation body' },
      { name: 'ea', did: k.ea.controller, description: 'European co-operation for Accreditation' },
      { name: 'notaries', did: k.notary.controller },
    ],
    rules: [
      { claim: 'ISO/IEC 27001 certification', credentialType: 'mpli:CertificationCredential', where: { 'mpli:certification/mpli:scheme': 'mpli:ISO27001' }, issuers: { accreditedBy: ['belac', 'ea'], accreditedFor: 'mpli:ISO27001' } },
      { claim: 'legal identity', credentialType: 'mpli:LegalIdentityCredential', issuers: { anchors: ['notaries'] } },
    ],
    ...overrides,
  }, { source: 'test-policy.json' });
}

describe('verifyWithPolicy', () => {
  it('establishes a certification through an accreditation chain, and an identity from an anchor', async () => {
    const k = await keys('belac', 'notary', 'ea', 'auditor');
    const outcome = await verifyWithPolicy([
      await certificate(k.auditor, PROVIDER),
      await accreditation(k.belac, k.auditor, ['ISO27001']),
      await legalIdentity(k.notary, PROVIDER),
    ], policyFor(k), { now: NOW });
    expect(outcome.failed).toEqual([]);
    expect(outcome.established.map((c) => c.claim)).toEqual(['ISO/IEC 27001 certification', 'legal identity']);
    const [iso, identity] = outcome.established;
    expect(iso).toMatchObject({ subject: PROVIDER, issuer: k.auditor.controller, validUntil: '2028-01-01T00:00:00Z' });
    expect(iso!.chain.map((link) => link.issuer)).toEqual([k.auditor.controller, k.belac.controller, k.belac.controller]);
    expect(iso!.chain[1]!.reason).toContain('accredited by');
    expect(iso!.chain[2]!.reason).toContain('anchor "belac"');
    expect(identity!.chain).toHaveLength(2);
    expect(outcome.supporting).toHaveLength(1);
    expect(outcome.unused).toEqual([]);
  });

  it('follows a two-step chain (EA accredits BELAC, BELAC the auditor), bounded by maxChainLength', async () => {
    const k = await keys('belac', 'notary', 'ea', 'auditor', 'nationalBody');
    const inputs = [
      await certificate(k.auditor, PROVIDER),
      await accreditation(k.nationalBody, k.auditor, ['ISO27001']),
      await accreditation(k.ea, k.nationalBody, ['ISO27001']),
    ];
    const outcome = await verifyWithPolicy(inputs, policyFor(k), { now: NOW });
    expect(outcome.established[0]!.chain.map((l) => l.issuer)).toEqual([k.auditor.controller, k.nationalBody.controller, k.ea.controller, k.ea.controller]);
    const short = await verifyWithPolicy(inputs, policyFor(k, { maxChainLength: 1 }), { now: NOW });
    expect(short.established).toEqual([]);
    expect(short.failed[0]!.reasons.join(' ')).toContain('within 1 step(s)');
  });

  it('fails an auditor nobody accredited, or accredited for another scheme, saying so', async () => {
    const k = await keys('belac', 'notary', 'ea', 'auditor');
    const alone = await verifyWithPolicy([await certificate(k.auditor, PROVIDER)], policyFor(k), { now: NOW });
    expect(alone.failed[0]).toMatchObject({ claim: 'ISO/IEC 27001 certification', issuer: k.auditor.controller });
    expect(alone.failed[0]!.reasons[0]).toMatch(/^policy: issuer did:key:\S+ is not trusted for "ISO\/IEC 27001 certification": .* holds no accreditation for mpli:ISO27001/);
    const otherScope = await verifyWithPolicy([await certificate(k.auditor, PROVIDER), await accreditation(k.belac, k.auditor, ['ISO27017'])], policyFor(k), { now: NOW });
    expect(otherScope.failed[0]!.reasons[0]).toContain('covers mpli:ISO27017, not mpli:ISO27001');
    expect(otherScope.unused[0]!.reason).toBe('an accreditation no chain of evidence needed');
  });

  it('does not count an expired accreditation, and says why', async () => {
    const k = await keys('belac', 'notary', 'ea', 'auditor');
    const expired = await accreditation(k.belac, k.auditor, ['ISO27001'], { validFrom: '2020-01-01T00:00:00Z', validUntil: '2025-01-01T00:00:00Z' });
    const outcome = await verifyWithPolicy([await certificate(k.auditor, PROVIDER), expired], policyFor(k), { now: NOW });
    expect(outcome.established).toEqual([]);
    expect(outcome.failed[0]!.reasons[0]).toContain('does not verify (validity: expired on 2025-01-01T00:00:00Z');
  });

  it('fails a credential whose issuer is an anchor for another claim only', async () => {
    const k = await keys('belac', 'notary', 'ea');
    const outcome = await verifyWithPolicy([await certificate(k.notary, PROVIDER)], policyFor(k), { now: NOW });
    expect(outcome.failed[0]!.reasons[0]).toContain('is not trusted for "ISO/IEC 27001 certification"');
  });

  it('explains a certificate no rule accepts, a malformed one, and one of a type no rule covers', async () => {
    const k = await keys('belac', 'notary', 'ea', 'auditor');
    const accredited = await accreditation(k.belac, k.auditor, ['ISO27001', 'SecNumCloud']);
    const secnum = await certificate(k.auditor, PROVIDER, 'SecNumCloud');
    const noScope = await credential(k.auditor, 'CertificationCredential', { id: PROVIDER, certification: { type: 'Certification', scheme: 'ISO27001' } });
    const sla = await credential(k.auditor, 'SlaCredential', { id: 'https://scaldis.example/offerings/vm', sla: { type: 'ServiceLevelAgreement', availability: 99.9 } });
    const outcome = await verifyWithPolicy([secnum, noScope, sla, accredited], policyFor(k), { now: NOW });
    expect(outcome.established).toEqual([]);
    expect(outcome.failed[0]!.reasons).toEqual(['policy: mpli:certification/mpli:scheme is mpli:SecNumCloud, the rule "ISO/IEC 27001 certification" needs mpli:ISO27001']);
    expect(outcome.failed[1]!.reasons[0]).toMatch(/^shape: mplish:CertificationCredential-subject/);
    expect(outcome.unused).toEqual([
      { credential: sla.id, reason: expect.stringContaining('no rule of the policy covers its types') as string },
      { credential: accredited.id, reason: 'an accreditation no chain of evidence needed' },
    ]);
  });

  it('applies the rule\'s age, status and evidence conditions', async () => {
    const k = await keys('belac', 'notary', 'ea');
    const strict = policyFor(k, { rules: [{ claim: 'recent identity', credentialType: 'mpli:LegalIdentityCredential', issuers: { anchors: ['notaries'] }, maxAgeDays: 90, requireStatus: true, requiredEvidence: ['DocumentVerification'] }] });
    const outcome = await verifyWithPolicy([await legalIdentity(k.notary, PROVIDER)], strict, { now: NOW });
    expect(outcome.failed[0]!.reasons).toEqual([
      expect.stringMatching(/^policy: valid since 2026-01-01T00:00:00Z, 334 days ago; the rule "recent identity" accepts credentials at most 90 days old$/),
      'policy: the rule "recent identity" requires a status entry (credentialStatus), checked and not revoked',
      'policy: the rule "recent identity" requires evidence of type DocumentVerification',
    ]);
  });

  it('establishes claims only about the subject asked for, and reports tampering with its check name', async () => {
    const k = await keys('belac', 'notary', 'ea');
    const other = await legalIdentity(k.notary, 'did:web:someone-else.example');
    const tampered = { ...(await legalIdentity(k.notary, PROVIDER)), validUntil: '2099-01-01T00:00:00Z' };
    const outcome = await verifyWithPolicy([other, tampered], policyFor(k), { now: NOW, subject: PROVIDER });
    expect(outcome.failed.map((f) => f.reasons[0])).toEqual([
      `policy: it is about did:web:someone-else.example, not about ${PROVIDER}`,
      expect.stringMatching(/^proof: /),
    ]);
  });
});

describe('parseTrustPolicy', () => {
  const valid = { id: 'urn:policy', anchors: [{ name: 'a', did: 'did:web:a.example' }], rules: [{ claim: 'c', credentialType: 'mpli:SlaCredential', issuers: { anchors: ['a'] } }] };

  it('reads a policy, with defaults', () => {
    expect(parseTrustPolicy(valid)).toMatchObject({ maxChainLength: 3, rules: [{ where: {}, requireStatus: false, requiredEvidence: [] }] });
  });

  it.each([
    [{ ...valid, rules: [{ ...valid.rules[0], issuers: { accreditedBy: ['b'] } }] }, 'p.json: rules[0].issuers.accreditedBy[0]: no anchor named "b"'],
    [{ ...valid, anchors: [{ name: 'a' }] }, 'p.json: anchors[0]: an anchor needs a did or an x509 root certificate'],
    [{ ...valid, anchors: [{ name: 'a', did: 'https://a.example' }] }, 'p.json: anchors[0].did: "https://a.example" is not a DID'],
    [{ ...valid, rules: [{ ...valid.rules[0], issuer: {} }] }, 'p.json: rules[0].issuer: is not a policy field'],
    [{ ...valid, rules: [{ ...valid.rules[0], issuers: {} }] }, 'p.json: rules[0].issuers: a rule trusts some issuer'],
    [{ ...valid, maxChainLength: 0 }, 'p.json: maxChainLength: must be an integer from 1 to 10'],
    [{ anchors: [], rules: [] }, 'p.json: id: must be a non-empty string'],
  ])('refuses a bad policy with the path of the problem (%#)', (json, message) => {
    expect(() => parseTrustPolicy(json, { source: 'p.json' })).toThrow(expect.objectContaining({ code: 'INVALID_POLICY', message: expect.stringContaining(message) as string }) as Error);
  });
});
