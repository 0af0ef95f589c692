import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManifestPublisher, negotiate, parseRdf, withManifestService, type ManifestPublisher } from '@mpli/core';
import { exampleText } from './examples';

const turtle = exampleText('scaldis-cloud.ttl');
const signature = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential', 'ManifestCredential'], issuer: 'did:web:scaldis.example', credentialSubject: { id: 'https://scaldis.example/.well-known/mpli' } };
let publisher: ManifestPublisher;
let server: Server;
let base = '';

beforeAll(async () => {
  publisher = await createManifestPublisher({ manifest: { text: turtle, format: 'text/turtle' }, baseUrl: 'https://scaldis.example', signature, credentials: [] });
  server = createServer((req, res) => publisher.handle(req, res, () => res.writeHead(418).end('next')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function get(path: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' | 'OPTIONS' | 'POST' = 'GET') {
  const response = await request(`${base}${path}`, { method, headers });
  return { status: response.statusCode, headers: response.headers, text: await response.body.text() };
}

describe('publishing a manifest at /.well-known/mpli', () => {
  it('serves Turtle by default, with validators, caching, CORS and links to its companions', async () => {
    const { status, headers, text } = await get('/.well-known/mpli');
    expect(status).toBe(200);
    expect(headers['content-type']).toBe('text/turtle; charset=utf-8');
    expect(headers.etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(headers['last-modified']).toBe('Fri, 20 Nov 2026 09:00:00 GMT');
    expect(headers['cache-control']).toBe('public, max-age=300');
    expect(headers['access-control-allow-origin']).toBe('*');
    expect(headers.vary).toBe('Accept');
    expect(headers.link).toContain('<https://scaldis.example/.well-known/mpli/signature>; rel="https://w3id.org/mpli#signature"');
    expect(headers.link).toContain('<https://scaldis.example/.well-known/api-catalog>; rel="api-catalog"');
    const original = await parseRdf(turtle, { format: 'text/turtle' });
    expect((await parseRdf(text, { format: 'text/turtle' })).store.size).toBe(original.store.size);
  });

  it.each([
    ['application/ld+json', 'application/ld+json; charset=utf-8'],
    ['application/json', 'application/ld+json; charset=utf-8'],
    ['application/n-quads;q=0.9, text/turtle;q=0.5', 'application/n-quads; charset=utf-8'],
    ['text/*;q=0.8, application/ld+json;q=0.2', 'text/turtle; charset=utf-8'],
  ])('negotiates Accept: %s', async (accept, contentType) => {
    const { status, headers, text } = await get('/.well-known/mpli', { accept });
    expect(status).toBe(200);
    expect(headers['content-type']).toBe(contentType);
    const format = contentType.split(';')[0] as 'application/ld+json';
    expect((await parseRdf(text, { format })).store.size).toBeGreaterThan(200);
  });

  it('answers 406 with problem+json when no format is acceptable', async () => {
    const { status, headers, text } = await get('/.well-known/mpli', { accept: 'image/png, text/turtle;q=0' });
    expect(status).toBe(406);
    expect(headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(text)).toMatchObject({ status: 406, title: 'Not Acceptable' });
  });

  it('answers conditional requests with 304, per representation', async () => {
    const first = await get('/.well-known/mpli');
    const etag = String(first.headers.etag);
    expect((await get('/.well-known/mpli', { 'if-none-match': etag })).status).toBe(304);
    expect((await get('/.well-known/mpli', { 'if-none-match': `"other", W/${etag}` })).status).toBe(304);
    expect((await get('/.well-known/mpli', { 'if-none-match': etag, accept: 'application/ld+json' })).status).toBe(200);
    expect((await get('/.well-known/mpli', { 'if-modified-since': 'Sat, 21 Nov 2026 00:00:00 GMT' })).status).toBe(304);
    expect((await get('/.well-known/mpli', { 'if-modified-since': 'Thu, 19 Nov 2026 00:00:00 GMT' })).status).toBe(200);
  });

  it('answers HEAD, OPTIONS (CORS preflight) and refuses other methods', async () => {
    const head = await get('/.well-known/mpli', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
    expect(Number(head.headers['content-length'])).toBeGreaterThan(1000);
    const preflight = await get('/.well-known/mpli', { origin: 'https://market.example', 'access-control-request-method': 'GET' }, 'OPTIONS');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, HEAD, OPTIONS');
    const post = await get('/.well-known/mpli', {}, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD, OPTIONS');
  });

  it('serves the signature and credentials, and passes other paths on', async () => {
    const signed = await get('/.well-known/mpli/signature');
    expect(signed.headers['content-type']).toBe('application/vc');
    expect(JSON.parse(signed.text)).toEqual(signature);
    expect(JSON.parse((await get('/.well-known/mpli/credentials')).text)).toEqual([]);
    expect((await get('/elsewhere')).status).toBe(418);
  });

  it('announces the manifest in an RFC 9727 API catalog', async () => {
    const { status, headers, text } = await get('/.well-known/api-catalog');
    expect(status).toBe(200);
    expect(headers['content-type']).toBe('application/linkset+json; profile="https://www.rfc-editor.org/info/rfc9727"');
    const { linkset } = JSON.parse(text) as { linkset: Record<string, { href: string; type?: string }[] | string>[] };
    expect(linkset[0]).toMatchObject({ anchor: 'https://scaldis.example/.well-known/api-catalog' });
    expect((linkset[0]!.item as { href: string; type: string }[]).map((i) => i.type)).toEqual(['text/turtle', 'application/ld+json', 'application/n-quads']);
    expect(linkset[1]).toMatchObject({ anchor: 'https://scaldis.example/.well-known/mpli', 'https://w3id.org/mpli#signature': [{ href: 'https://scaldis.example/.well-known/mpli/signature' }] });
    expect((await get('/.well-known/api-catalog', {}, 'HEAD')).headers.link).toBe('<https://scaldis.example/.well-known/api-catalog>; rel="api-catalog"');
  });

  it('publishes a new version whole: new validators, the old ETag no longer matches', async () => {
    const before = String((await get('/.well-known/mpli')).headers.etag);
    await publisher.update({ manifest: { text: turtle.replace('"0.021"^^xsd:decimal', '"0.019"^^xsd:decimal'), format: 'text/turtle' }, lastModified: new Date('2026-12-01T10:00:00Z') });
    const after = await get('/.well-known/mpli', { 'if-none-match': before });
    expect(after.status).toBe(200);
    expect(after.text).toContain('0.019');
    expect(after.headers['last-modified']).toBe('Tue, 01 Dec 2026 10:00:00 GMT');
    expect(JSON.parse((await get('/.well-known/mpli/signature')).text)).toEqual(signature);
  });
});

describe('negotiate', () => {
  it('honours quality, specificity and q=0', () => {
    expect(negotiate(undefined, ['text/turtle', 'application/ld+json'])).toBe('text/turtle');
    expect(negotiate('*/*;q=0.1, application/ld+json', ['text/turtle', 'application/ld+json'])).toBe('application/ld+json');
    expect(negotiate('text/*, text/turtle;q=0', ['text/turtle'])).toBeUndefined();
    expect(negotiate('garbage, application/n-quads;q=0.5', ['text/turtle', 'application/n-quads'])).toBe('application/n-quads');
  });
});

describe('the DID document service entry', () => {
  it('announces the manifest, replacing an older entry', () => {
    const document = { id: 'did:web:scaldis.example', service: [{ id: 'did:web:scaldis.example#mpli-manifest', type: 'MpliManifest', serviceEndpoint: 'https://old.example' }] };
    expect(withManifestService(document, 'https://scaldis.example/.well-known/mpli').service).toEqual([
      { id: 'did:web:scaldis.example#mpli-manifest', type: 'MpliManifest', serviceEndpoint: 'https://scaldis.example/.well-known/mpli' },
    ]);
  });
});
