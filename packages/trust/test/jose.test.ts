import { createPrivateKey, X509Certificate } from 'node:crypto';
import { exportJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DidResolver, didWebResolver, envelope, generateSigningKey, parseTrustPolicy, signJwtCredential, signPresentation, verifyCredential,
  verifyPresentation, verifyWithPolicy, type JoseAlgorithm,
} from '@mpli/trust';
import { TestPki, type KeyKind } from './support/certificates';
import { startRoutedHttps, type Route } from './support/https-server';

const pki = new TestPki('Gaia-X Test');
const other = new TestPki('Elsewhere');
let server: Awaited<ReturnType<typeof startRoutedHttps>>;
let routes: Map<string, Route>;

beforeAll(async () => {
  server = await startRoutedHttps();
  routes = server.routes;
});
afterAll(() => server.close());

const base64Der = (pem: string) => new X509Certificate(pem).raw.toString('base64');
const failed = (result: { checks: readonly { name: string; ok: boolean }[] }) => result.checks.filter((c) => !c.ok).map((c) => c.name);
const KINDS: Record<JoseAlgorithm, KeyKind> = { ES256: 'ec', PS256: 'rsa', EdDSA: 'ed25519' };

function draft(issuer: string, extra: Record<string, unknown> = {}) {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://w3id.org/mpli/context/v1'],
    id: 'https://provider.example/credentials/legal-identity',
    type: ['VerifiableCredential', 'LegalIdentityCredential'],
    issuer,
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: { id: 'did:web:provider.example', name: 'Provider SA', registrationNumber: { type: 'VatID', vatID: 'FR12345678901' }, headquartersAddress: { type: 'Address', countryCode: 'FR' } },
    ...extra,
  };
}

/** A leaf certificate for `host` under the test PKI, and a vc+jwt it signs carrying x5c. */
async function x5cCredential(alg: JoseAlgorithm, host = 'notary.example', extra: Record<string, unknown> = {}) {
  const leaf = pki.issue(host, pki.intermediate, { kind: KINDS[alg], san: `DNS:${host}` });
  const x5c = [leaf.certificate, pki.intermediate.certificate].map(base64Der);
  return signJwtCredential(draft(`did:web:${host}`, extra), createPrivateKey(leaf.key), { alg, x5c });
}

/** A Gaia-X style issuer: did:web on the loopback server, a JsonWebKey2020 with x5u, the chain served as PEM. */
async function gaiaXIssuer(alg: JoseAlgorithm, name: string, options: { wrongChain?: boolean } = {}) {
  const leaf = pki.issue(`localhost`, pki.intermediate, { kind: KINDS[alg], san: 'DNS:localhost' });
  const decoy = pki.issue('localhost', pki.intermediate, { kind: KINDS[alg], san: 'DNS:localhost' });
  const did = `did:web:${server.didHost}:${name}`;
  const kid = `${did}#X509-JWK2020`;
  const x5u = `${server.origin}/${name}/chain.pem`;
  const jwk = { ...(await exportJWK(new X509Certificate(leaf.certificate).publicKey)), alg, x5u };
  routes.set(`/${name}/did.json`, (response) => response.writeHead(200, { 'content-type': 'application/did+json' }).end(JSON.stringify({
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'],
    id: did,
    verificationMethod: [{ id: kid, type: 'JsonWebKey2020', controller: did, publicKeyJwk: jwk }],
    assertionMethod: [kid],
  })));
  routes.set(`/${name}/chain.pem`, (response) => response.writeHead(200).end(`${(options.wrongChain ? decoy : leaf).certificate}${pki.intermediate.certificate}`));
  const sign = (extra: Record<string, unknown> = {}) => signJwtCredential(draft(did, extra), createPrivateKey(leaf.key), { alg, kid });
  return { did, sign };
}

const resolver = () => new DidResolver({ web: didWebResolver({ dispatcher: server.dispatcher, timeoutMs: 2_000 }) });
const options = () => ({ didResolver: resolver(), trustedRoots: [pki.root.certificate], dispatcher: server.dispatcher });

describe('JOSE-secured credentials (application/vc+jwt)', () => {
  it.each(['ES256', 'PS256', 'EdDSA'] as const)('verify with %s and an x5c chain to a trusted root', async (alg) => {
    const result = await verifyCredential(await x5cCredential(alg), options());
    expect(result.errors).toEqual([]);
    expect(result.x509Root).toBe(new X509Certificate(pki.root.certificate).fingerprint256);
    expect(result.credential).toMatchObject({ issuer: 'did:web:notary.example' });
  });

  it.each(['ES256', 'PS256', 'EdDSA'] as const)('verify with %s the Gaia-X way: did:web, JsonWebKey2020, x5u', async (alg) => {
    const issuer = await gaiaXIssuer(alg, `gx-${alg.toLowerCase()}`);
    const result = await verifyCredential(await issuer.sign(), options());
    expect(result.errors).toEqual([]);
    expect(result.checks.map((c) => c.name)).toEqual(['form', 'cryptosuite', 'certificate', 'validity', 'issuer', 'proof']);
  });

  it('verify enveloped, alone and inside a presentation', async () => {
    const enveloped = envelope(await x5cCredential('ES256'));
    expect((await verifyCredential(enveloped, options())).verified).toBe(true);
    const holder = await generateSigningKey();
    const presentation = await signPresentation([enveloped], holder, { challenge: 'c-1' });
    const result = await verifyPresentation(presentation, { ...options(), challenge: 'c-1' });
    expect(result.errors).toEqual([]);
    expect(result.credentials[0]!.verified).toBe(true);
  });

  it('fail by name: tampered, unsupported algorithm, untrusted root, expired JWT, contradicting iss', async () => {
    const jwt = await x5cCredential('ES256');
    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    const forged = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    forged.validUntil = '2099-01-01T00:00:00Z';
    expect(failed(await verifyCredential(`${header}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}`, options()))).toEqual(['proof']);
    const hs256 = `${Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'vc+jwt' })).toString('base64url')}.${payload}.${signature}`;
    expect(failed(await verifyCredential(hs256, options()))).toEqual(['cryptosuite']);
    expect(failed(await verifyCredential(jwt, { ...options(), trustedRoots: [other.root.certificate] }))).toEqual(['certificate']);
    expect(failed(await verifyCredential(await x5cCredential('ES256', 'notary.example', { exp: 1_700_000_000 }), options()))).toEqual(['validity']);
    expect(failed(await verifyCredential(await x5cCredential('ES256', 'notary.example', { iss: 'did:web:someone-else.example' }), options()))).toEqual(['issuer']);
  });

  it('fail when the certificate does not name the issuer, or is not valid any more', async () => {
    const leaf = pki.issue('someone.example', pki.intermediate, { san: 'DNS:someone.example' });
    const jwt = await signJwtCredential(draft('did:web:notary.example'), createPrivateKey(leaf.key), { alg: 'ES256', x5c: [base64Der(leaf.certificate), base64Der(pki.intermediate.certificate)] });
    const result = await verifyCredential(jwt, options());
    expect(failed(result)).toEqual(['issuer']);
    expect(result.errors[0]).toContain('does not name the issuer did:web:notary.example');
    const later = await verifyCredential(await x5cCredential('ES256'), { ...options(), now: new Date(Date.now() + 60 * 86_400_000) });
    expect(failed(later)).toEqual(['certificate']);
  });

  it('fail when the x5u chain certifies another key than the DID document\'s', async () => {
    const issuer = await gaiaXIssuer('PS256', 'gx-mismatch', { wrongChain: true });
    const result = await verifyCredential(await issuer.sign(), options());
    expect(failed(result)).toEqual(['proof']);
    expect(result.errors[0]).toContain('leaf holds another key');
  });

  it('establish a claim under a policy whose anchor is the X.509 root', async () => {
    const policy = parseTrustPolicy({
      id: 'urn:policy:eidas',
      anchors: [{ name: 'eu-trust-list', x509: pki.root.certificate }],
      rules: [{ claim: 'legal identity', credentialType: 'mpli:LegalIdentityCredential', issuers: { anchors: ['eu-trust-list'] } }],
    });
    const outcome = await verifyWithPolicy([await x5cCredential('PS256')], policy, { didResolver: resolver() });
    expect(outcome.failed).toEqual([]);
    expect(outcome.established[0]!.chain.map((link) => link.reason)).toEqual([
      'LegalIdentityCredential verified', 'its certificate chains to the root of anchor "eu-trust-list"', 'anchor "eu-trust-list" of the policy',
    ]);
    const elsewhere = await verifyWithPolicy([await x5cCredential('PS256')], { ...policy, anchors: [{ name: 'eu-trust-list', x509: other.root.certificate }] });
    expect(elsewhere.failed[0]!.reasons[0]).toMatch(/^certificate: the chain ends at .*which is no trusted root/);
  });
});
