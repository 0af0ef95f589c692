import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Ajv from 'ajv/dist/2020.js';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog, createManifestPublisher, parseRdf } from '@mpli/core';
import { generateSigningKey, issueCredential } from '@mpli/trust';
import { createMpliServer, OPENAPI_DOCUMENT } from '@mpli/server';

const examples = new URL('../../../examples/manifests/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, examples), 'utf8');
const TOKEN = 'test-token-4f1c9a';
let server: Server;
let base = '';

// Answers are checked against the OpenAPI document's own schemas.
const ajv = new Ajv({ strict: false });
ajv.addSchema({ $id: 'mpli', components: OPENAPI_DOCUMENT.components } as never);
const conforms = (schema: string, value: unknown) => {
  const validate = ajv.getSchema(`mpli#/components/schemas/${schema}`)!;
  return validate(value) ? true : validate.errors;
};

beforeAll(async () => {
  const catalog = new Catalog();
  for (const name of ['scaldis-cloud.ttl', 'rheinwerk-cloud.jsonld', 'nuage-souverain.ttl']) catalog.addDataset((await parseRdf(read(name), { source: name })).store, { source: name });
  const publisher = await createManifestPublisher({ manifest: { text: read('scaldis-cloud.ttl'), format: 'text/turtle' }, baseUrl: 'http://127.0.0.1' });
  server = createServer(createMpliServer({ catalog, tokens: [TOKEN], publisher, rateLimit: { perMinute: 6000, burst: 1000 }, maxBodyBytes: 64 * 1024, crawl: { allowedAddresses: ['127.0.0.1'], allowUnsigned: true, timeoutMs: 2_000 } }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function call(method: 'GET' | 'POST' | 'DELETE', path: string, body?: string, headers: Record<string, string> = {}) {
  const response = await request(`${base}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
  const text = await response.body.text();
  return { status: response.statusCode, headers: response.headers, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

describe('the MPLI REST endpoint', () => {
  it('lists providers and offerings, filtered and cursor-paged', async () => {
    const providers = await call('GET', '/providers');
    expect(providers.status).toBe(200);
    expect(conforms('ProviderPage', providers.json)).toBe(true);
    expect((providers.json.items as { name: string }[]).map((p) => p.name).sort()).toEqual(['Nuage Souverain SAS', 'Rheinwerk Cloud GmbH', 'Scaldis Cloud SRL']);
    const vms = await call('GET', '/offerings?kind=VirtualMachine&country=BE&limit=1');
    expect(conforms('OfferingPage', vms.json)).toBe(true);
    expect(vms.json).toMatchObject({ total: 2, items: [{ identifier: 'vm-s2' }] });
    const next = await call('GET', `/offerings?kind=VirtualMachine&country=BE&limit=1&cursor=${String(vms.json.next)}`);
    expect(next.json).toMatchObject({ items: [{ identifier: 'vm-m4' }] });
    expect(next.json.next).toBeUndefined();
    expect((await call('GET', '/offerings?cursor=bogus')).status).toBe(400);
  });

  it('matches requirements sent as Turtle, and explains bad ones as problems', async () => {
    const matched = await call('POST', '/match?asOf=2026-12-01&top=3', read('requirements-hospital.ttl'), { 'content-type': 'text/turtle' });
    expect(matched.status).toBe(200);
    expect(conforms('ResolveResult', matched.json)).toBe(true);
    expect(((matched.json.needs as { matches: { offering: { identifier: string } }[] }[])[0]!.matches).map((m) => m.offering.identifier)).toEqual(['vm-m4', 'vm-c8']);
    const syntax = await call('POST', '/match', '@prefix : <x> .\n:a :b ', { 'content-type': 'text/turtle' });
    expect(syntax.status).toBe(400);
    expect(syntax.headers['content-type']).toBe('application/problem+json');
    expect(conforms('Problem', syntax.json)).toBe(true);
    expect(syntax.json.line).toBe(2);
    expect((await call('POST', '/match', '{}', { 'content-type': 'application/json' })).status).toBe(415);
  });

  it('verifies a credential', async () => {
    const key = await generateSigningKey();
    const credential = await issueCredential({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'], issuer: key.controller, credentialSubject: { id: 'did:web:x.example' } }, key);
    const verified = await call('POST', '/verify', JSON.stringify(credential), { 'content-type': 'application/json' });
    expect(verified.json).toMatchObject({ kind: 'credential', verified: true });
    expect(conforms('Verification', verified.json)).toBe(true);
    const tampered = await call('POST', '/verify', JSON.stringify({ ...credential, credentialSubject: { id: 'did:web:y.example' } }), { 'content-type': 'application/vc' });
    expect(tampered.json).toMatchObject({ verified: false, errors: [expect.stringMatching(/^proof: /)] });
    const presentation = await call('POST', '/verify', JSON.stringify({ type: ['VerifiablePresentation'] }), { 'content-type': 'application/json' });
    expect(presentation.status).toBe(400);
  });

  it('runs a crawl as an operation, for bearers of a token only', async () => {
    expect((await call('POST', '/crawls', JSON.stringify({ seeds: [base] }), { 'content-type': 'application/json' })).status).toBe(401);
    expect((await call('POST', '/crawls', JSON.stringify({ seeds: [base] }), { 'content-type': 'application/json', authorization: 'Bearer wrong' })).headers['www-authenticate']).toContain('invalid_token');
    const started = await call('POST', '/crawls', JSON.stringify({ seeds: [base] }), { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` });
    expect(started.status).toBe(202);
    expect(conforms('Operation', started.json)).toBe(true);
    const location = String(started.headers.location);
    let operation = started.json;
    for (let i = 0; i < 100 && operation.status === 'running'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      operation = (await call('GET', location)).json;
    }
    expect(operation).toMatchObject({ status: 'succeeded', result: { fetched: [{ url: `${base}/.well-known/mpli` }] } });
    expect((await call('GET', '/operations/nope')).status).toBe(404);
  });

  it('answers every bad request with problem+json, never crashing', async () => {
    const cases: [string, Awaited<ReturnType<typeof call>>][] = [
      ['404', await call('GET', '/nowhere')],
      ['405', await call('DELETE', '/providers')],
      ['413', await call('POST', '/match', 'x'.repeat(70 * 1024), { 'content-type': 'text/turtle' })],
      ['400', await call('GET', '/operations/%E0%A4%A')],
      ['400', await call('POST', '/verify', '{not json', { 'content-type': 'application/json' })],
    ];
    for (const [status, answer] of cases) {
      expect(String(answer.status), JSON.stringify(answer.json)).toBe(status);
      expect(answer.headers['content-type']).toBe('application/problem+json');
      expect(conforms('Problem', answer.json)).toBe(true);
    }
    expect(cases[1]![1].headers.allow).toBe('GET');
  });

  it('publishes the provider\'s own manifest from the same endpoint', async () => {
    const manifest = await request(`${base}/.well-known/mpli`, { headers: { accept: 'application/ld+json' } });
    expect(manifest.statusCode).toBe(200);
    expect(manifest.headers['content-type']).toBe('application/ld+json; charset=utf-8');
    await manifest.body.dump();
  });
});

describe('rate limits', () => {
  it('answer 429 with Retry-After beyond the burst', async () => {
    const limited = createServer(createMpliServer({ rateLimit: { perMinute: 60, burst: 2 } }));
    await new Promise<void>((resolve) => limited.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(limited.address() as AddressInfo).port}/providers`;
    const statuses = [];
    for (let i = 0; i < 3; i += 1) {
      const response = await request(url);
      statuses.push([response.statusCode, response.headers['retry-after']]);
      await response.body.dump();
    }
    expect(statuses).toEqual([[200, undefined], [200, undefined], [429, '1']]);
    await new Promise<void>((resolve) => limited.close(() => resolve()));
  });
});
