import jsigs from 'jsonld-signatures';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { describe, expect, it } from 'vitest';
import { createChallenge, createTrustDocumentLoader, generateSigningKey, issueCredential, signPresentation, verifyCredential, verifyPresentation, type SigningKey } from '@mpli/trust';

const NOW = new Date('2026-12-01T12:00:00Z');
const DOMAIN = 'https://market.example';

const failed = (result: { checks: readonly { name: string; ok: boolean }[] }) => result.checks.filter((c) => !c.ok).map((c) => c.name);

async function identityCredential(notary: SigningKey, holder: string) {
  return issueCredential({
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    id: 'urn:uuid:5d1f7a8e-2c44-4b6e-9a51-0c2b7e9f4d31',
    type: ['VerifiableCredential'],
    issuer: notary.controller,
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: { id: holder },
  }, notary, { now: NOW });
}

async function setting() {
  const notary = await generateSigningKey();
  const consumer = await generateSigningKey();
  const credential = await identityCredential(notary, consumer.controller);
  const challenge = createChallenge();
  const presentation = await signPresentation([credential], consumer, { challenge, domain: DOMAIN, now: NOW });
  return { notary, consumer, credential, challenge, presentation };
}

describe('presentations with challenge and domain', () => {
  it('verify for the verifier that asked, with each credential verified too', async () => {
    const { presentation, challenge, consumer } = await setting();
    expect(presentation.proof).toMatchObject({ proofPurpose: 'authentication', challenge, domain: DOMAIN, cryptosuite: 'eddsa-rdfc-2022' });
    const result = await verifyPresentation(presentation, { challenge, domain: DOMAIN, now: NOW });
    expect(result.errors).toEqual([]);
    expect(result.verified).toBe(true);
    expect(result.holder).toBe(consumer.controller);
    expect(result.credentials).toHaveLength(1);
    expect(result.credentials[0]?.verified).toBe(true);
  });

  it('fail when replayed: another challenge, another domain, or too old', async () => {
    const { presentation, challenge } = await setting();
    const otherChallenge = await verifyPresentation(presentation, { challenge: createChallenge(), domain: DOMAIN, now: NOW });
    expect(failed(otherChallenge)).toEqual(['challenge', 'proof']);
    expect(otherChallenge.errors[0]).toContain('replay');
    const otherDomain = await verifyPresentation(presentation, { challenge, domain: 'https://other-market.example', now: NOW });
    expect(failed(otherDomain)).toEqual(['challenge', 'proof']);
    const later = await verifyPresentation(presentation, { challenge, domain: DOMAIN, now: new Date(NOW.getTime() + 3_600_000) });
    expect(failed(later)).toEqual(['freshness']);
  });

  it('fail when a credential inside was tampered with, naming it', async () => {
    const { presentation, challenge } = await setting();
    const [credential] = presentation.verifiableCredential as Record<string, unknown>[];
    (credential!.credentialSubject as Record<string, unknown>).id = 'did:web:someone-else.example';
    const result = await verifyPresentation(presentation, { challenge, domain: DOMAIN, now: NOW });
    // The presentation's own signature covers the credential too.
    expect(failed(result)).toEqual(['proof', 'credentials']);
    expect(result.errors.join(' ')).toContain('urn:uuid:5d1f7a8e-2c44-4b6e-9a51-0c2b7e9f4d31');
    expect(failed(result.credentials[0]!)).toEqual(['proof']);
  });

  it('fail when signed by someone other than the holder it names', async () => {
    const { credential, consumer, challenge } = await setting();
    const thief = await generateSigningKey();
    const stolen = await signPresentation([credential], thief, { challenge, domain: DOMAIN, now: NOW });
    const claimed = { ...stolen, holder: consumer.controller };
    expect(failed(await verifyPresentation(claimed, { challenge, domain: DOMAIN, now: NOW }))).toEqual(['holder', 'proof']);
  });

  it('refuse a signing call without a challenge, and a verifying call without one', async () => {
    const key = await generateSigningKey();
    await expect(signPresentation([], key, { challenge: '' })).rejects.toThrow(TypeError);
    await expect(verifyPresentation({ type: ['VerifiablePresentation'] }, { challenge: '' })).rejects.toThrow(TypeError);
  });
});

describe('proof purpose', () => {
  it('a credential signed for authentication is not a claim: it fails on purpose', async () => {
    const key = await generateSigningKey();
    const credential = {
      '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: key.controller, credentialSubject: { id: 'did:web:scaldis.example' },
    };
    const signed = await jsigs.sign(credential, {
      suite: new DataIntegrityProof({ signer: key.signer(), cryptosuite, date: NOW }),
      purpose: new jsigs.purposes.AuthenticationProofPurpose({ challenge: 'x' }),
      documentLoader: createTrustDocumentLoader(),
    });
    const result = await verifyCredential(signed, { now: NOW });
    expect(failed(result)).toEqual(['purpose', 'proof']);
    expect(result.errors[0]).toContain('authentication');
  });
});
