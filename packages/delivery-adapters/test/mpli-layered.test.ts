import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalog, parseRdf } from '@mpli/core';
import type { DeliveryAdapter, DeliveryOrder } from '@mpli/delivery-adapters';
import { mpliAdapter } from '@mpli/delivery-adapters/mpli';
import { describeAdapterConformance } from '@mpli/delivery-adapters/testing';
import { createMpliServer } from '@mpli/server';
import { memoryAdapter } from './memory-adapter';

// Layered delivery over real HTTP on loopback: a white-label provider's mpli adapter orders from
// an upstream provider's @mpli/server, whose own adapter (the in-memory one) delivers.
const TOKEN = 'upstream-token-4f1b2c';
const UPSTREAM_OFFERING = 'https://scaldis.example/.well-known/mpli#vm-s2';
const received: DeliveryOrder[] = [];
let server: Server;
let endpoint: string;

async function startUpstream(): Promise<void> {
  const text = readFileSync(new URL('../../../examples/manifests/scaldis-cloud.ttl', import.meta.url), 'utf8').replace('mpli:adapter "openstack" ;\n        mpli:parameter [ mpli:key "flavor"', 'mpli:adapter "memory" ;\n        mpli:parameter [ mpli:key "flavor"');
  const catalog = new Catalog();
  catalog.addDataset((await parseRdf(text, { format: 'text/turtle' })).store);
  const inner = memoryAdapter('upstream-internal-secret');
  // Records what reaches the upstream, to check what the white-label provider passes along.
  const recording: DeliveryAdapter = { ...inner, apply: (order) => (received.push(order), inner.apply(order)) };
  server = createServer(createMpliServer({ tokens: [TOKEN], delivery: { adapters: [recording], catalog } }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

const order = (id: string, parameters: DeliveryOrder['parameters'] = {}, extra: Partial<DeliveryOrder> = {}): DeliveryOrder => ({ id, offering: 'https://white-label.example/.well-known/mpli#vm', adapter: 'mpli', parameters: { upstreamOffering: UPSTREAM_OFFERING, ...parameters }, ...extra });
const adapter = (token = TOKEN) => mpliAdapter({ endpoint, prefix: 'white', credentials: async () => ({ token }), pollIntervalMs: 50 });

beforeAll(startUpstream);
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describeAdapterConformance('mpli (layered delivery)', async () => ({
  adapter: adapter(),
  order: (id) => order(id),
  failingOrder: (id) => order(id, { fail: true }),
  slowOrder: (id) => order(id, { slowMs: 3_000 }),
  secret: TOKEN,
}));

describe('layered delivery', () => {
  it('passes the consumer and the operation chain upstream, and relays the upstream events', async () => {
    const white = adapter();
    const operation = white.apply(order('chain-1', { hostname: 'web-1' }, { consumer: 'did:web:consumer.example', chain: ['marketplace-77'] }));
    const messages: string[] = [];
    for await (const event of operation.events) if (event.type === 'progress') messages.push(event.message);
    const result = await operation.result;
    expect(result).toMatchObject({ status: 'succeeded', outputs: { ip: '192.0.2.10' }, resources: [{ resource: `${endpoint.replace(/\/$/, '')}/orders/white-chain-1`.replace('http://', 'order:http://'), operation: 'chain-1' }] });
    expect(received.find((o) => o.id === 'white-chain-1')).toEqual({
      id: 'white-chain-1', offering: UPSTREAM_OFFERING, adapter: 'memory', parameters: { flavor: 's2.small', hostname: 'web-1' }, consumer: 'did:web:consumer.example', chain: ['marketplace-77', 'chain-1'],
    });
    expect(messages).toEqual(expect.arrayContaining(['upstream: started', 'upstream: resource-created vm', 'upstream: completed']));
    expect((await white.status('chain-1')).state).toBe('ready');
    expect((await white.destroy('chain-1').result).status).toBe('succeeded');
  });

  it('refuses what the upstream refuses: a parameter its offering fixes, a wrong token', async () => {
    const white = adapter();
    const fixed = await white.apply(order('fixed-1', { flavor: 'huge' })).result;
    expect(fixed).toMatchObject({ status: 'failed', error: 'upstream POST orders: HTTP 400: The parameter "flavor" is fixed by the offering https://scaldis.example/.well-known/mpli#vm-s2; an order cannot change it.' });
    expect((await white.status('fixed-1')).state).toBe('absent');
    const refused = await adapter('wrong-token').apply(order('auth-1')).result;
    expect(refused).toMatchObject({ status: 'failed', error: expect.stringContaining('HTTP 401') as string });
    expect(JSON.stringify(refused)).not.toContain('wrong-token');
    expect(() => white.apply({ ...order('x'), parameters: {} })).toThrow(/"upstreamOffering" parameter/);
  });
});
