import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Ajv from 'ajv/dist/2020.js';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog, parseRdf } from '@mpli/core';
import { checkOrder, startOperation, type DeliveryAdapter } from '@mpli/delivery-adapters';
import { createMpliServer, OPENAPI_DOCUMENT } from '@mpli/server';

// The provider side of the REST endpoint: orders for the provider's offerings, delivered by the
// adapter its manifest names (here a small in-process "openstack" stand-in), as operations.
const TOKEN = 'orders-token-8e2d';
const OFFERING = 'https://scaldis.example/.well-known/mpli#vm-s2';
let server: Server;
let bare: Server;
let base = '';
let bareBase = '';
const ajv = new Ajv({ strict: false });
ajv.addSchema({ $id: 'mpli', components: OPENAPI_DOCUMENT.components } as never);
const conforms = (schema: string, value: unknown) => (ajv.getSchema(`mpli#/components/schemas/${schema}`)!(value) ? true : ajv.errors);

const delivered = new Set<string>();
const standIn: DeliveryAdapter = {
  name: 'openstack',
  capabilities: { plan: true, cancel: false, export: false, import: false },
  plan: async (order) => ({ orderId: checkOrder(order).id, adapter: 'openstack', changes: [{ action: 'create', resource: 'server' }], summary: '1 to add' }),
  apply: (order) => startOperation({ id: order.id, action: 'apply', redact: (t) => t, run: async ({ emit }) => {
    if (!delivered.has(order.id)) emit({ type: 'resource-created', resource: `server:${String(order.parameters.flavor)}` });
    delivered.add(order.id);
    return { resources: [{ resource: 'server', operation: order.id }], outputs: { flavor: String(order.parameters.flavor) } };
  } }),
  status: async (id) => (delivered.has(checkOrder({ id, offering: 'o', adapter: 'a', parameters: {} }).id) ? { orderId: id, state: 'ready', resources: [{ resource: 'server', operation: id }], outputs: {} } : { orderId: id, state: 'absent', resources: [], outputs: {} }),
  destroy: (id) => startOperation({ id, action: 'destroy', redact: (t) => t, run: async () => (delivered.delete(id), { resources: [], outputs: {} }) }),
  dispose: async () => undefined,
};

async function listen(handler: Parameters<typeof createServer>[1]): Promise<[Server, string]> {
  const s = createServer(handler);
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  return [s, `http://127.0.0.1:${(s.address() as AddressInfo).port}`];
}

beforeAll(async () => {
  const catalog = new Catalog();
  for (const name of ['scaldis-cloud.ttl', 'nuage-souverain.ttl']) catalog.addDataset((await parseRdf(readFileSync(new URL(`../../../examples/manifests/${name}`, import.meta.url), 'utf8'))).store);
  [server, base] = await listen(createMpliServer({ catalog, tokens: [TOKEN], delivery: { adapters: [standIn] } }));
  [bare, bareBase] = await listen(createMpliServer({ tokens: [TOKEN] }));
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await new Promise<void>((resolve) => bare.close(() => resolve()));
});

async function call(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown, at = base) {
  const response = await request(`${at}${path}`, { method, headers: { authorization: `Bearer ${TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
  const text = await response.body.text();
  return { status: response.statusCode, type: response.headers['content-type'], json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function settle(id: string) {
  for (;;) {
    const { json } = await call('GET', `/operations/${id}`);
    if (json.status !== 'running') return json;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('orders', () => {
  it('delivers an offering with the adapter its manifest names, once per order id', async () => {
    const plan = await call('POST', '/orders/plan', { id: 'o-1', offering: OFFERING });
    expect(plan).toMatchObject({ status: 200, json: { summary: '1 to add' } });
    expect(conforms('DeliveryPlan', plan.json)).toBe(true);

    const placed = await call('POST', '/orders', { id: 'o-1', offering: OFFERING, parameters: { hostname: 'web' } });
    expect(placed).toMatchObject({ status: 202, json: { id: 'order-o-1', kind: 'order' } });
    const done = await settle('order-o-1');
    expect(conforms('Operation', done)).toBe(true);
    expect(done).toMatchObject({ status: 'succeeded', result: { outputs: { flavor: 's2.small' } } });
    expect((done.events as { type: string }[]).map((e) => e.type)).toEqual(['started', 'resource-created', 'completed']);

    await call('POST', '/orders', { id: 'o-1', offering: OFFERING });
    expect(((await settle('order-o-1')).events as { type: string }[]).map((e) => e.type)).toEqual(['started', 'completed']);

    const status = await call('GET', '/orders/o-1');
    expect(status).toMatchObject({ status: 200, json: { adapter: 'openstack', state: 'ready' } });
    expect(conforms('DeliveryStatus', status.json)).toBe(true);
    expect(await call('DELETE', '/orders/o-1')).toMatchObject({ status: 202, json: { id: 'destroy-o-1' } });
    expect(await settle('destroy-o-1')).toMatchObject({ status: 'succeeded' });
    expect(await call('GET', '/orders/o-1')).toMatchObject({ status: 200, json: { state: 'absent', resources: [] } });
    expect((await call('GET', '/orders/never-placed')).status).toBe(404);
  });

  it.each([
    [{ id: 'o-2', offering: 'https://nowhere.example/#x' }, 404, 'This provider has no offering https://nowhere.example/#x'],
    [{ id: 'o 2', offering: OFFERING }, 400, 'Malformed order: "id" must be 1 to 64'],
    [{ id: 'o-2', offering: OFFERING, parameters: { flavor: 'huge' } }, 400, 'The parameter "flavor" is fixed by the offering'],
    [{ id: 'o-2', offering: 'https://scaldis.example/.well-known/mpli#object-s3' }, 400, 'names no delivery method (mpli:delivery)'],
    [{ id: 'o-2', offering: 'https://nuage-souverain.example/id/vm-secure-4' }, 501, 'The offering is delivered by the "libvirt" adapter, which this server does not run'],
    [{ offering: 42 }, 400, '"offering" must be the IRI'],
  ])('answers %j with %i and says why', async (body, status, detail) => {
    const answer = await call('POST', '/orders', body);
    expect(answer.status).toBe(status);
    expect(answer.type).toBe('application/problem+json');
    expect(String(answer.json.detail)).toContain(detail);
  });

  it('needs a token, and a server without adapters takes no orders', async () => {
    const anonymous = await request(`${base}/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id: 'x', offering: OFFERING }) });
    expect(anonymous.statusCode).toBe(401);
    await anonymous.body.dump();
    expect(await call('POST', '/orders', { id: 'x', offering: OFFERING }, bareBase)).toMatchObject({ status: 404, json: { detail: 'This server delivers no orders: it was started without delivery adapters' } });
  });
});
