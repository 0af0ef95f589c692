import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog, parseRdf } from '@mpli/core';
import { startOperation, type DeliveryAdapter, type DeliveryOrder } from '@mpli/delivery-adapters';
import { createMpliServer } from '@mpli/server';
import { countersignAgreement, DidResolver, generateSigningKey, proposeAgreement, type AgreementInput, type SigningKey } from '@mpli/trust';

// A provider's server receiving orders placed under an agreement: it verifies the agreement
// (both signatures, did:web keys resolved in-process), checks it is the consumer's and binds this
// provider to the offering or names it as a successor, and hands it to the adapter with the order.
const TOKEN = 'agreements-token-4c1a';
const SCALDIS = 'did:web:scaldis.example';
const OFFERING = 'https://scaldis.example/.well-known/mpli#vm-s2';
const NOW = new Date('2026-12-02T10:00:00Z');
const keys = { scaldis: await generateSigningKey({ controller: SCALDIS }), other: await generateSigningKey({ controller: 'did:web:rheinwerk.example' }) };
const consumer = await generateSigningKey();
const documentOf = (key: SigningKey) => ({ id: key.controller, verificationMethod: [{ id: key.id, type: 'Multikey', controller: key.controller, publicKeyMultibase: key.publicKeyMultibase }], assertionMethod: [key.id] });
const didResolver = new DidResolver({
  web: async (did) => {
    const key = Object.values(keys).find((k) => k.controller === did);
    if (!key) throw new Error(`no DID document for ${did}`);
    return documentOf(key);
  },
});
const received: DeliveryOrder[] = [];
const recorder: DeliveryAdapter = {
  name: 'openstack',
  capabilities: { plan: true, cancel: false, export: false, import: false },
  plan: async (order) => ({ orderId: order.id, adapter: 'openstack', changes: [], summary: 'nothing' }),
  apply: (order) => startOperation({ id: order.id, action: 'apply', redact: (t) => t, run: async () => (received.push(order), { resources: [], outputs: {} }) }),
  status: async (id) => ({ orderId: id, state: 'absent', resources: [], outputs: {} }),
  destroy: (id) => startOperation({ id, action: 'destroy', redact: (t) => t, run: async () => ({ resources: [], outputs: {} }) }),
  dispose: async () => undefined,
};
const terms = (over: Partial<AgreementInput> = {}): AgreementInput => ({
  consumer: consumer.controller, provider: SCALDIS, offering: OFFERING, price: { amount: '0.021', currency: 'EUR', model: 'PayAsYouGo', per: 'h' },
  terms: { url: 'https://scaldis.example/terms', hash: 'b'.repeat(64) }, validFrom: '2026-12-01T00:00:00Z', validUntil: '2027-12-01T00:00:00Z', ...over,
});
const agree = async (over: Partial<AgreementInput> = {}, signer = keys.scaldis) => countersignAgreement(await proposeAgreement(terms(over), consumer, { now: NOW }), signer, { now: NOW, didResolver });

let server: Server;
let base = '';
beforeAll(async () => {
  const catalog = new Catalog();
  catalog.addDataset((await parseRdf(readFileSync(new URL('../../../examples/manifests/scaldis-cloud.ttl', import.meta.url), 'utf8'))).store);
  server = createServer(createMpliServer({ catalog, tokens: [TOKEN], delivery: { adapters: [recorder] }, verify: { didResolver, now: NOW } }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function order(body: Record<string, unknown>) {
  const response = await request(`${base}/orders`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' }, body: JSON.stringify({ offering: OFFERING, consumer: consumer.controller, ...body }) });
  return { status: response.statusCode, json: (await response.body.json()) as Record<string, unknown> };
}

describe('orders under an agreement', () => {
  it('takes an order whose agreement binds this provider to the offering, and hands the agreement to the adapter', async () => {
    const agreement = await agree();
    expect(await order({ id: 'a-1', agreement })).toMatchObject({ status: 202 });
    for (let i = 0; i < 100 && !received.some((o) => o.id === 'a-1'); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(received.find((o) => o.id === 'a-1')?.agreement).toEqual(agreement);
  });

  it('takes a successor\'s agreement: another provider\'s, naming this one to continue it', async () => {
    const elsewhere = await agree({ provider: keys.other.controller, offering: 'https://rheinwerk.example/offerings/vm', successors: [SCALDIS] }, keys.other);
    expect((await order({ id: 'a-2', agreement: elsewhere })).status).toBe(202);
  });

  it('refuses an agreement that does not verify, is someone else\'s, or binds another provider', async () => {
    const agreement = await agree();
    const tampered = { ...agreement, validUntil: '2030-01-01T00:00:00Z' };
    expect(await order({ id: 'a-3', agreement: tampered })).toMatchObject({ status: 422, json: { detail: expect.stringContaining("The agreement does not verify: proof: the consumer's signature: Invalid signature.") as string } });
    expect(await order({ id: 'a-4', agreement, consumer: 'did:key:z6MkSomeoneElse' })).toMatchObject({ status: 403, json: { detail: `The agreement is ${consumer.controller}'s, not did:key:z6MkSomeoneElse's` } });
    const elsewhere = await agree({ provider: keys.other.controller, offering: 'https://rheinwerk.example/offerings/vm' }, keys.other);
    expect(await order({ id: 'a-5', agreement: elsewhere })).toMatchObject({ status: 422, json: { detail: expect.stringContaining(`nor names ${SCALDIS} as a successor provider`) as string } });
    expect(received.map((o) => o.id)).not.toContain('a-5');
  });
});
