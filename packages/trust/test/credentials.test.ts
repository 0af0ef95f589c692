import { describe, expect, it } from 'vitest';
import { exportSecret, generateSigningKey, importSigningKey, issueCredential, verifyCredential, type SigningKey } from '@mpli/trust';

const NOW = new Date('2026-12-01T12:00:00Z');

async function certificate(key: SigningKey, extra: Record<string, unknown> = {}) {
  return issueCredential({
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://w3id.org/mpli/context/v1'],
    id: 'urn:uuid:0b7e3a52-8f3c-4c3e-b1a0-2f6d7e8c9a10',
    type: ['VerifiableCredential', 'CertificationCredential'],
    issuer: key.controller,
    validFrom: '2026-01-01T00:00:00Z',
    validUntil: '2028-03-31T23:59:59Z',
    credentialSubject: { id: 'https://scaldis.example/.well-known/mpli#provider', certification: { type: 'Certification', scheme: 'ISO27001' } },
    ...extra,
  }, key, { now: NOW });
}

const failed = (result: { checks: readonly { name: string; ok: boolean }[] }) => result.checks.filter((c) => !c.ok).map((c) => c.name);

describe('issuing and verifying eddsa-rdfc-2022 credentials', () => {
  it('issues a VC 2.0 credential that verifies, every check passing', async () => {
    const key = await generateSigningKey();
    const credential = await certificate(key);
    expect(credential.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod', verificationMethod: key.id });
    const result = await verifyCredential(credential, { now: NOW });
    expect(result.errors).toEqual([]);
    expect(result.checks.map((c) => c.name)).toEqual(['form', 'context', 'cryptosuite', 'validity', 'issuer', 'purpose', 'proof']);
    expect(result.verified).toBe(true);
  });

  it('fails a tampered credential on its proof', async () => {
    const credential = await certificate(await generateSigningKey());
    (credential.credentialSubject as Record<string, unknown>).id = 'https://evil.example/#provider';
    const result = await verifyCredential(credential, { now: NOW });
    expect(result.verified).toBe(false);
    expect(failed(result)).toEqual(['proof']);
  });

  it('fails an expired or not yet valid credential on validity only', async () => {
    const credential = await certificate(await generateSigningKey());
    const late = await verifyCredential(credential, { now: new Date('2029-01-01T00:00:00Z') });
    expect(failed(late)).toEqual(['validity']);
    expect(late.errors[0]).toContain('expired on 2028-03-31T23:59:59Z');
    const early = await verifyCredential(credential, { now: new Date('2025-06-01T00:00:00Z') });
    expect(failed(early)).toEqual(['validity']);
  });

  it('fails a credential signed by someone other than its issuer', async () => {
    const key = await generateSigningKey();
    const other = await generateSigningKey();
    const credential = await certificate(key);
    const forged = { ...credential, issuer: other.controller };
    const result = await verifyCredential(forged, { now: NOW });
    expect(failed(result)).toEqual(expect.arrayContaining(['issuer', 'proof']));
  });

  it('refuses an unknown cryptosuite and an unbundled context without any network access', async () => {
    const credential = await certificate(await generateSigningKey());
    const odd = { ...credential, proof: { ...(credential.proof as object), cryptosuite: 'eddsa-jcs-2099' } };
    expect(failed(await verifyCredential(odd, { now: NOW }))).toEqual(['cryptosuite']);
    const remote = { ...credential, '@context': [...(credential['@context'] as string[]), 'https://evil.example/context.jsonld'] };
    const result = await verifyCredential(remote, { now: NOW });
    expect(failed(result)).toEqual(['context']);
    expect(result.errors[0]).toContain('https://evil.example/context.jsonld is not bundled');
  });

  it('refuses to sign for another issuer, or with contexts it has not bundled', async () => {
    const key = await generateSigningKey();
    await expect(issueCredential({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: 'did:web:someone.example', credentialSubject: {} }, key)).rejects.toMatchObject({ code: 'SIGNING_FAILED' });
    await expect(issueCredential({ '@context': ['https://www.w3.org/ns/credentials/v2', 'https://x.example/c'], type: ['VerifiableCredential'], issuer: key.controller, credentialSubject: {} }, key)).rejects.toMatchObject({ code: 'REMOTE_CONTEXT_REFUSED' });
  });
});

describe('signing keys', () => {
  it('never show their secret when logged or serialized', async () => {
    const key = await generateSigningKey();
    const exported = await exportSecret(key);
    expect(JSON.stringify(key)).not.toContain(exported.secretKeyMultibase);
    expect(JSON.stringify(key)).toContain(key.publicKeyMultibase);
    const { inspect } = await import('node:util');
    expect(inspect(key)).not.toContain(exported.secretKeyMultibase);
  });

  it('round-trip through a key file and sign the same', async () => {
    const key = await generateSigningKey({ seed: new Uint8Array(32).fill(7) });
    const again = await importSigningKey(await exportSecret(key));
    expect(again.id).toBe(key.id);
    const credential = await certificate(again);
    expect((await verifyCredential(credential, { now: NOW })).verified).toBe(true);
  });

  it('reject a key file whose secret is not the public key\'s, without echoing the secret', async () => {
    const key = await exportSecret(await generateSigningKey());
    const other = await exportSecret(await generateSigningKey());
    const broken = { ...key, secretKeyMultibase: other.secretKeyMultibase };
    const error = await importSigningKey(broken).catch((e: unknown) => e as Error);
    expect(error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(String((error as Error).message)).not.toContain(broken.secretKeyMultibase);
  });
});
