import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryEvent } from '@mpli/delivery-adapters';
import { buildServer, KeystoneSession, LostBuildError, NovaClient } from '@mpli/delivery-adapters/openstack';

// A Keystone and a Nova on loopback. Nova loses the first `lose` builds the way it does when
// nova-compute cannot report to the conductor (SQLite "database is locked"): the server stays
// BUILD, vm_state building, with no task running. Later builds become ACTIVE on the second look.
let lose = 0;
let created = 0;
const servers = new Map<string, { looks: number; lost: boolean; deleted: boolean }>();
const requests: string[] = [];
const json = (response: ServerResponse, status: number, body?: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(body === undefined ? undefined : JSON.stringify(body));
};
const server = createServer((request: IncomingMessage, response: ServerResponse) => {
  const url = request.url ?? '/';
  requests.push(`${request.method} ${url}`);
  if (url === '/v3/auth/tokens') {
    response.setHeader('x-subject-token', 'token-1');
    return json(response, 201, { token: { expires_at: new Date(Date.now() + 3_600_000).toISOString(), catalog: [{ type: 'compute', endpoints: [{ interface: 'public', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/compute` }] }] } });
  }
  if (request.method === 'POST' && url === '/compute/servers') {
    const id = `srv-${++created}`;
    servers.set(id, { looks: 0, lost: created <= lose, deleted: false });
    return json(response, 202, { server: { id } });
  }
  const id = /^\/compute\/servers\/([^/]+)$/.exec(url)?.[1];
  const state = id ? servers.get(id) : undefined;
  if (!state || state.deleted) return json(response, 404, { itemNotFound: { message: 'not found' } });
  if (request.method === 'DELETE') return (state.deleted = true), json(response, 204);
  state.looks += 1;
  const building = state.lost || state.looks < 2;
  return json(response, 200, { server: { id, name: 'mpli-x', status: building ? 'BUILD' : 'ACTIVE', 'OS-EXT-STS:vm_state': building ? 'building' : 'active', 'OS-EXT-STS:task_state': state.lost ? null : building ? 'spawning' : null } });
});
beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)));
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
const nova = () => new NovaClient(new KeystoneSession(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v3`, async () => ({ kind: 'application-credential', id: 'app', secret: 's3cret' })));
const spec = { name: 'mpli-x', imageRef: 'img', flavorRef: 'f', metadata: { mpli_operation: 'x' } };

describe('a build Nova lost', () => {
  it('is told apart from a build in progress', async () => {
    lose = 1;
    created = 0;
    const client = nova();
    const id = await client.create(spec);
    await expect(client.waitFor(id, ['ACTIVE'], { pollMs: 10 })).rejects.toBeInstanceOf(LostBuildError);
    const other = await client.create(spec);
    expect((await client.waitFor(other, ['ACTIVE'], { pollMs: 10 })).status).toBe('ACTIVE');
  });

  it('is deleted and built once more; a second loss is an error', async () => {
    lose = 1;
    created = 0;
    requests.length = 0;
    const events: DeliveryEvent['type'][] = [];
    const context = { emit: (event: Omit<DeliveryEvent, 'operation'>) => void events.push(event.type), signal: new AbortController().signal };
    expect(await buildServer(nova(), spec, context as never, { pollMs: 10 })).toBe('srv-2');
    expect(events).toEqual(['resource-created', 'progress', 'resource-removed', 'resource-created']);
    expect(servers.get('srv-1')?.deleted).toBe(true);
    lose = 10;
    created = 0;
    await expect(buildServer(nova(), spec, context as never, { pollMs: 10 })).rejects.toThrow('the build of server srv-2 was lost');
    expect(requests.filter((r) => r === 'POST /compute/servers').length).toBe(2 + 2);
  });
});
