import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DidResolver, didWebResolver, didWebUrl, generateSigningKey, issueCredential, verifyCredential, type SigningKey } from '@mpli/trust';
import { jsonRoute, startRoutedHttps, type Route } from './support/https-server';

const NOW = new Date('2026-12-01T12:00:00Z');
let server: Awaited<ReturnType<typeof startRoutedHttps>>;
let routes: Map<string, Route>;
let providerKey: SigningKey;
let providerDid: string;

function didDocument(key: SigningKey, did: string) {
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did,
    verificationMethod: [{ id: key.id, type: 'Multikey', controller: did, publicKeyMultibase: key.publicKeyMultibase }],
    assertionMethod: [key.id],
    authentication: [key.id],
  };
}

const json = (body: unknown, headers: Record<string, string> = {}) => jsonRoute(body, 'application/did+json', headers);

beforeAll(async () => {
  server = await startRoutedHttps();
  routes = server.routes;
  providerDid = `did:web:${server.didHost}:providers:scaldis`;
  providerKey = await generateSigningKey({ controller: providerDid });
  routes.set('/providers/scaldis/did.json', json(didDocument(providerKey, providerDid)));
});
afterAll(() => server.close());

const resolver = (options: Parameters<typeof didWebResolver>[0] = {}) => didWebResolver({ dispatcher: server.dispatcher, timeoutMs: 1_000, ...options });

describe('did:web URLs', () => {
  it('follow the did:web method specification', () => {
    expect(didWebUrl('did:web:w3c-ccg.github.io')).toBe('https://w3c-ccg.github.io/.well-known/did.json');
    expect(didWebUrl('did:web:w3c-ccg.github.io:user:alice')).toBe('https://w3c-ccg.github.io/user/alice/did.json');
    expect(didWebUrl('did:web:example.com%3A3000:user:alice')).toBe('https://example.com:3000/user/alice/did.json');
  });

  it('refuse what is not a did:web, or smuggles a path into the host', () => {
    for (const bad of ['did:key:z6Mk', 'did:web:', 'did:web:a::b', 'did:web:evil.example%2Fx']) {
      expect(() => didWebUrl(bad), bad).toThrow(expect.objectContaining({ code: 'DID_INVALID' }) as Error);
    }
  });
});

describe('did:web resolution over HTTPS on loopback', () => {
  it('resolves a document and verifies a credential signed by its key', async () => {
    const dids = new DidResolver({ web: resolver() });
    expect((await dids.resolve(providerDid)).id).toBe(providerDid);
    const credential = await issueCredential({
      '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: providerDid, credentialSubject: { id: providerDid, name: 'Scaldis Cloud' },
    }, providerKey, { now: NOW });
    const result = await verifyCredential(credential, { now: NOW, didResolver: dids });
    expect(result.errors).toEqual([]);
    expect(result.verified).toBe(true);
  });

  it('caches for the TTL, shares concurrent requests, and asks again once expired', async () => {
    let time = 1_000_000;
    const resolve = resolver({ ttlMs: 60_000, clock: () => time });
    const before = server.requests.length;
    await Promise.all([resolve(providerDid), resolve(providerDid), resolve(providerDid)]);
    await resolve(providerDid);
    expect(server.requests.length - before).toBe(1);
    time += 61_000;
    await resolve(providerDid);
    expect(server.requests.length - before).toBe(2);
  });

  it('honours a shorter Cache-Control max-age', async () => {
    let time = 0;
    routes.set('/short/did.json', json({ id: `did:web:${server.didHost}:short` }, { 'cache-control': 'max-age=10' }));
    const resolve = resolver({ ttlMs: 60_000, clock: () => time });
    const before = server.requests.length;
    await resolve(`did:web:${server.didHost}:short`);
    time += 11_000;
    await resolve(`did:web:${server.didHost}:short`);
    expect(server.requests.length - before).toBe(2);
  });

  it('fails by name on a server that does not answer in time, without waiting longer', async () => {
    routes.set('/slow/did.json', () => undefined);
    const started = Date.now();
    const error = await resolver({ timeoutMs: 300 })(`did:web:${server.didHost}:slow`).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'DID_RESOLUTION_FAILED', message: expect.stringContaining('no answer within 300 ms') as string });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses a 10 MB document', async () => {
    routes.set('/huge/did.json', (response) => {
      response.writeHead(200, { 'content-type': 'application/did+json' });
      response.end(`{"id":"x","pad":"${'a'.repeat(10 * 1024 * 1024)}"}`);
    });
    const error = await resolver()(`did:web:${server.didHost}:huge`).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'DID_RESOLUTION_FAILED', message: expect.stringContaining('larger than 262144 bytes') as string });
  });

  it('refuses a 404, a document about another DID, and one that is not JSON', async () => {
    routes.set('/other/did.json', json({ id: 'did:web:elsewhere.example' }));
    routes.set('/garbled/did.json', (response) => response.writeHead(200).end('<html>'));
    const resolve = resolver();
    await expect(resolve(`did:web:${server.didHost}:missing`)).rejects.toMatchObject({ code: 'DID_RESOLUTION_FAILED', message: expect.stringContaining('HTTP 404') as string });
    await expect(resolve(`did:web:${server.didHost}:other`)).rejects.toMatchObject({ code: 'DID_INVALID' });
    await expect(resolve(`did:web:${server.didHost}:garbled`)).rejects.toMatchObject({ code: 'DID_INVALID' });
  });

  it('refuses a server whose certificate is not trusted', async () => {
    await expect(didWebResolver({ timeoutMs: 1_000 })(providerDid)).rejects.toMatchObject({ code: 'DID_RESOLUTION_FAILED' });
  });

  it('turns a failed resolution into a failed proof check, not a crash', async () => {
    routes.set('/gone/did.json', () => undefined);
    const did = `did:web:${server.didHost}:gone`;
    const key = await generateSigningKey({ controller: did });
    const credential = await issueCredential({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: did, credentialSubject: { id: did } }, key, { now: NOW });
    const result = await verifyCredential(credential, { now: NOW, didResolver: new DidResolver({ web: resolver({ timeoutMs: 300 }) }) });
    expect(result.verified).toBe(false);
    expect(result.errors.join(' ')).toContain('no answer within 300 ms');
  });
});
