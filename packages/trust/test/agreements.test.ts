import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import {
  checkSuccession, countersignAgreement, createTrustDocumentLoader, generateSigningKey, issueCredential, proposeAgreement, proposeSuccession,
  readAgreementTerms, trustContexts, verifyAgreement, type AgreementInput,
} from '@mpli/trust';

const consumer = await generateSigningKey();
const provider = await generateSigningKey();
const successor = await generateSigningKey();
const stranger = await generateSigningKey();
const NOW = new Date('2026-12-02T10:00:00Z');
const input: AgreementInput = {
  id: 'urn:uuid:6f1c2a8e-0d4b-4f7e-9a51-3b2c1d0e9f87',
  consumer: consumer.controller,
  provider: provider.controller,
  offering: 'https://scaldis.example/.well-known/mpli#vm-s2',
  price: { amount: '0.021', currency: 'EUR', model: 'PayAsYouGo', per: 'h' },
  terms: { url: 'https://scaldis.example/terms-2026.pdf', hash: 'a'.repeat(64) },
  sla: { availability: 99.95, supportHours: 'Support24x7', recoveryTimeObjective: { value: 4, unit: 'h' } },
  validFrom: '2026-12-01T00:00:00Z',
  validUntil: '2027-12-01T00:00:00Z',
  successors: [successor.controller],
};
const agreed = await countersignAgreement(await proposeAgreement(input, consumer, { now: NOW }), provider, { now: NOW });

describe('agreements', () => {
  it('is signed by the consumer and countersigned by the provider, and anyone can verify both', async () => {
    expect((agreed.proof as unknown[]).length).toBe(2);
    const result = await verifyAgreement(agreed, { now: NOW });
    expect(result.errors).toEqual([]);
    expect(result.checks.filter((c) => c.name === 'proof').map((c) => c.message)).toEqual(["the consumer's signature verifies", "the provider's signature verifies"]);
    expect(result.terms).toEqual({ ...input, successors: [successor.controller] });
  });

  it('maps every field to a term of the bundled contexts (nothing falls to @vocab)', async () => {
    const { proof: _proof, ...unsigned } = agreed;
    const expanded = JSON.stringify(await jsonld.toRDF(unsigned, { documentLoader: createTrustDocumentLoader({ contexts: trustContexts() }) }));
    expect(expanded).not.toContain('issuer-dependent');
    expect(expanded).toContain('https://w3id.org/mpli#successorProvider');
    expect(expanded).toContain('http://qudt.org/vocab/unit/HR');
  });

  it('fails on a changed price, a missing countersignature, a stranger\'s proof, and after it ends', async () => {
    const cheaper = structuredClone(agreed) as { credentialSubject: { price: { amount: string } } };
    cheaper.credentialSubject.price.amount = '0.001';
    expect((await verifyAgreement(cheaper as unknown as Record<string, unknown>, { now: NOW })).errors).toEqual([
      "proof: the consumer's signature: Invalid signature.", "proof: the provider's signature: Invalid signature.",
    ]);
    const proposal = await proposeAgreement(input, consumer, { now: NOW });
    expect((await verifyAgreement(proposal, { now: NOW, proposal: true })).verified).toBe(true);
    expect((await verifyAgreement(proposal, { now: NOW })).errors).toEqual([`proof: no proof by the provider ${provider.controller}`]);
    // A stranger cannot countersign, and a proof of its own added by hand is refused.
    await expect(countersignAgreement(proposal, stranger)).rejects.toThrow(`names the provider ${provider.controller}, not the key's controller`);
    const { proof, ...unsigned } = proposal;
    const strangers = await issueCredential({ ...unsigned, issuer: stranger.controller }, stranger, { now: NOW });
    const forged = { ...proposal, proof: [proof, strangers.proof] };
    expect((await verifyAgreement(forged, { now: NOW })).errors).toEqual([`proof: signed also by ${stranger.controller}, not a party`, `proof: no proof by the provider ${provider.controller}`]);
    expect((await verifyAgreement(agreed, { now: new Date('2028-01-01T00:00:00Z') })).errors).toEqual([expect.stringMatching(/^validity: expired on 2027-12-01T00:00:00Z/)]);
  });

  it('refuses to propose for another consumer, or to countersign a proposal whose consumer proof fails', async () => {
    await expect(proposeAgreement(input, stranger)).rejects.toThrow(`The agreement's consumer ${consumer.controller} is not the key's controller`);
    const proposal = await proposeAgreement(input, consumer, { now: NOW });
    const altered = { ...proposal, validUntil: '2030-01-01T00:00:00Z' };
    await expect(countersignAgreement(altered, provider, { now: NOW })).rejects.toThrow("The proposal does not verify: proof: the consumer's signature: Invalid signature.");
    expect(() => readAgreementTerms({ type: ['VerifiableCredential', 'ServiceAgreementCredential'], credentialSubject: { id: 'urn:x' } })).toThrow('Not an MPLI agreement: credentialSubject.price is missing or not an object');
  });

  it('continues with a named successor under the same terms, and with nobody else', async () => {
    // Signed in advance: the successor countersigns today an agreement that starts in March.
    const next = await countersignAgreement(await proposeSuccession(agreed, { provider: successor.controller, offering: 'https://nuage.example/.well-known/mpli#vm-m', validFrom: '2027-03-01T00:00:00Z' }, consumer, { now: NOW }), successor, { now: NOW });
    expect((await verifyAgreement(next, { now: NOW })).errors).toEqual([expect.stringMatching(/^validity: not valid before 2027-03-01T00:00:00Z/)]);
    const verified = await verifyAgreement(next, { now: new Date('2027-03-02T00:00:00Z') });
    expect(verified.errors).toEqual([]);
    expect(verified.terms).toMatchObject({ provider: successor.controller, succeeds: input.id, price: input.price, terms: input.terms, validUntil: input.validUntil, successors: [] });
    expect(checkSuccession(verified.terms!, readAgreementTerms(agreed))).toMatchObject({ ok: true });
    expect(checkSuccession({ ...verified.terms!, price: { ...input.price, amount: '0.03' } }, readAgreementTerms(agreed))).toMatchObject({ ok: false, message: expect.stringContaining('its price differs') as string });
    await expect(proposeSuccession(agreed, { provider: stranger.controller, offering: 'https://x.example/o' }, consumer)).rejects.toThrow(`does not name ${stranger.controller} as a successor provider`);
  });
});
