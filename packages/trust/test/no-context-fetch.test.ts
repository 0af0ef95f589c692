import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { credentialGraph, generateSigningKey, issueCredential, verifyCredential, verifyWithPolicy, parseTrustPolicy } from '@mpli/trust';
import { NOW } from './support/credentials';

// A context server that counts what it is asked: MPLI must never ask it anything.
const requests: string[] = [];
const server = createServer((request, response) => {
  requests.push(request.url ?? '');
  response.writeHead(200, { 'content-type': 'application/ld+json' }).end('{"@context":{"@vocab":"https://evil.example/#"}}');
});
let origin = '';
beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => {
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  resolve();
})));
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('contexts are never fetched', () => {
  it('not when named at the top of a credential, nor when nested in an embedded context, nor under a policy', async () => {
    const key = await generateSigningKey();
    const signed = await issueCredential({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: key.controller, credentialSubject: { id: 'did:web:x.example' } }, key, { now: NOW });
    const named = { ...signed, '@context': ['https://www.w3.org/ns/credentials/v2', `${origin}/top.jsonld`] };
    const nested = { ...signed, '@context': ['https://www.w3.org/ns/credentials/v2', { '@import': `${origin}/imported.jsonld` }], credentialSubject: { id: 'did:web:x.example', '@context': `${origin}/scoped.jsonld`, extra: 'x' } };
    const malformed = { ...signed, '@context': ['https://www.w3.org/ns/credentials/v2', { '@context': `${origin}/nested.jsonld` }] };
    const top = await verifyCredential(named, { now: NOW });
    expect(top.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['context']);
    const inner = await verifyCredential(nested, { now: NOW });
    expect(inner.verified).toBe(false);
    expect(inner.errors.join(' ')).toContain('not bundled');
    await expect(credentialGraph(nested)).rejects.toMatchObject({ code: 'REMOTE_CONTEXT_REFUSED' });
    // Invalid JSON-LD is a failed proof check too, never a throw.
    const broken = await verifyCredential(malformed, { now: NOW });
    expect(broken.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['proof']);
    const policy = parseTrustPolicy({ id: 'urn:p', anchors: [{ name: 'k', did: key.controller }], rules: [{ claim: 'c', credentialType: 'https://www.w3.org/2018/credentials#VerifiableCredential', issuers: { anchors: ['k'] } }] });
    const outcome = await verifyWithPolicy([named, nested, malformed], policy, { now: NOW });
    expect(outcome.established).toEqual([]);
    expect(requests).toEqual([]);
  });
});
