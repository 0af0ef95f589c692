import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { Ed25519VerificationKey2020 } from '@digitalbazaar/ed25519-verification-key-2020';
import * as vc from '@digitalbazaar/vc';
import { describe, expect, it } from 'vitest';
import { createTrustDocumentLoader, verifyCredential } from '@mpli/trust';

const NOW = new Date('2026-12-01T12:00:00Z');

/** A VC 1.1 credential signed as older issuers (Gaia-X Tagus, many wallets) still sign them. */
async function legacyCredential(extra: Record<string, unknown> = {}) {
  const keyPair = await Ed25519VerificationKey2020.generate();
  const did = `did:key:${keyPair.fingerprint()}`;
  keyPair.controller = did;
  keyPair.id = `${did}#${keyPair.fingerprint()}`;
  const credential = {
    '@context': ['https://www.w3.org/2018/credentials/v1', 'https://w3id.org/security/suites/ed25519-2020/v1'],
    type: ['VerifiableCredential'],
    issuer: did,
    issuanceDate: '2026-01-01T00:00:00Z',
    expirationDate: '2027-12-31T23:59:59Z',
    credentialSubject: { id: 'did:web:scaldis.example' },
    ...extra,
  };
  return vc.issue({ credential, suite: new Ed25519Signature2020({ key: keyPair }), documentLoader: createTrustDocumentLoader(), now: NOW });
}

describe('VC 1.1 credentials with Ed25519Signature2020', () => {
  it('verify, every check passing', async () => {
    const credential = await legacyCredential();
    expect(credential.proof).toMatchObject({ type: 'Ed25519Signature2020', proofPurpose: 'assertionMethod' });
    const result = await verifyCredential(credential, { now: NOW });
    expect(result.errors).toEqual([]);
    expect(result.verified).toBe(true);
  });

  it('fail on the proof when tampered, and on validity when expired', async () => {
    const credential = await legacyCredential();
    const tampered = { ...credential, credentialSubject: { id: 'did:web:evil.example' } };
    const result = await verifyCredential(tampered, { now: NOW });
    expect(result.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['proof']);
    const late = await verifyCredential(credential, { now: new Date('2028-06-01T00:00:00Z') });
    expect(late.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['validity']);
  });
});
