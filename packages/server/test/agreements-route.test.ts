import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog, parseRdf } from '@mpli/core';
import { createMpliServer } from '@mpli/server';
import { generateSigningKey, proposeAgreement, verifyAgreement, type AgreementInput } from '@mpli/trust';

// The provider side of agreements: a consumer's proposal for one of the provider's offerings,
// countersigned by the server with the provider's key when its terms follow from the manifest.
const TOKEN = 'agreements-route-token-51b2';
const NOW = new Date('2026-12-02T10:00:00Z');
const provider = await generateSigningKey();
const consumer = await generateSigningKey();
const OFFERING = 'https://scaldis.example/.well-known/mpli#vm-m4';
const TERMS = { url: 'https://scaldis.example/legal/terms-v3.pdf', hash: '' };
let server: Server;
let base = '';
beforeAll(async () => {
  const text = readFileSync(new URL('../../../examples/manifests/scaldis-cloud.ttl', import.meta.url), 'utf8').replace('<did:web:scaldis.example>', `<${provider.controller}>`);
  // The manifest's terms (its only gx:hash): the terms every consumer accepts.
  TERMS.hash = /gx:hash "([0-9a-f]{64})"/.exec(text)![1]!;
  const catalog = new Catalog();
  catalog.addDataset((await parseRdf(text, { format: 'text/turtle' })).store);
  server = createServer(createMpliServer({ catalog, tokens: [TOKEN], agreementKey: provider, verify: { now: NOW } }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const input = (over: Partial<AgreementInput> = {}): AgreementInput => ({
  id: `urn:uuid:${crypto.randomUUID()}`, consumer: consumer.controller, provider: provider.controller, offering: OFFERING,
  price: { amount: '0.084', currency: 'EUR', model: 'PayAsYouGo', per: 'h' }, terms: TERMS, validFrom: '2026-12-01T00:00:00Z', validUntil: '2027-12-01T00:00:00Z', ...over,
});
async function call(method: 'GET' | 'POST', path: string, body?: unknown) {
  const response = await request(`${base}${path}`, { method, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, ...(body ? { body: JSON.stringify(body) } : {}) });
  return { status: response.statusCode, location: response.headers.location, json: (await response.body.json()) as Record<string, unknown> };
}

describe('POST /agreements', () => {
  it('countersigns a proposal whose terms follow from the manifest, and keeps it', async () => {
    const terms = input();
    const answer = await call('POST', '/agreements', await proposeAgreement(terms, consumer, { now: NOW }));
    expect(answer).toMatchObject({ status: 201, location: `/agreements/${encodeURIComponent(terms.id!)}` });
    const verified = await verifyAgreement(answer.json, { now: NOW });
    expect(verified.errors).toEqual([]);
    expect(verified.terms).toMatchObject({ provider: provider.controller, price: terms.price });
    expect((await call('GET', answer.location as string)).json).toEqual(answer.json);
  });

  it('refuses a price, terms or provider the manifest does not state, an unknown offering, and a proposal that does not verify', async () => {
    const refused = async (over: Partial<AgreementInput>) => call('POST', '/agreements', await proposeAgreement(input(over), consumer, { now: NOW }));
    expect(await refused({ price: { amount: '0.001', currency: 'EUR', model: 'PayAsYouGo', per: 'h' } })).toMatchObject({ status: 422, json: { detail: 'The price 0.001 EUR/h (PayAsYouGo) is not one of the offering\'s prices' } });
    expect(await refused({ terms: { url: 'https://scaldis.example/other.pdf', hash: 'e'.repeat(64) } })).toMatchObject({ status: 422, json: { detail: expect.stringContaining('are not the provider\'s') as string } });
    expect(await refused({ provider: 'did:web:elsewhere.example' })).toMatchObject({ status: 422, json: { detail: expect.stringContaining('this server signs for') as string } });
    expect(await refused({ offering: 'https://scaldis.example/.well-known/mpli#nothing' })).toMatchObject({ status: 404 });
    const tampered = { ...(await proposeAgreement(input(), consumer, { now: NOW })), validUntil: '2031-01-01T00:00:00Z' };
    expect(await call('POST', '/agreements', tampered)).toMatchObject({ status: 422, json: { detail: expect.stringContaining("the consumer's signature: Invalid signature.") as string } });
    expect(await call('POST', '/agreements', { type: ['VerifiableCredential'] })).toMatchObject({ status: 400 });
    expect((await call('GET', '/agreements/urn%3Auuid%3Anone')).status).toBe(404);
  });
});
