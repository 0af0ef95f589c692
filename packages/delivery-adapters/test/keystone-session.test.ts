import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeystoneSession } from '@mpli/delivery-adapters/openstack';

// A Keystone and a compute service on loopback: the compute service answers 500 to the first
// `failures` requests of each path, as Nova does while its database is locked.
let failures = 0;
const seen = new Map<string, number>();
const server = createServer((request: IncomingMessage, response: ServerResponse) => {
  const url = request.url ?? '/';
  if (url === '/v3/auth/tokens') {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    response.writeHead(201, { 'content-type': 'application/json', 'x-subject-token': 'token-1' });
    return void response.end(JSON.stringify({ token: { expires_at: new Date(Date.now() + 3_600_000).toISOString(), catalog: [{ type: 'compute', endpoints: [{ interface: 'public', url: `${base}/compute` }] }] } }));
  }
  const key = `${request.method} ${url}`;
  const count = (seen.get(key) ?? 0) + 1;
  seen.set(key, count);
  if (count <= failures) {
    response.writeHead(500, { 'content-type': 'application/json' });
    return void response.end(JSON.stringify({ computeFault: { message: 'database is locked' } }));
  }
  response.writeHead(request.method === 'DELETE' ? 204 : 200, { 'content-type': 'application/json' });
  response.end(request.method === 'DELETE' ? undefined : '{}');
});
beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)));
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
const session = () => new KeystoneSession(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v3`, async () => ({ kind: 'application-credential', id: 'app', secret: 's3cret' }));

describe('KeystoneSession transient errors', () => {
  it('tries an idempotent request again after a 500, and gets the answer that follows', async () => {
    failures = 2;
    seen.clear();
    const response = await session().call('compute', '/servers/abc', { method: 'DELETE' });
    expect(response.statusCode).toBe(204);
    expect(seen.get('DELETE /compute/servers/abc')).toBe(3);
  });

  it('gives up after three more tries and hands the 500 over', async () => {
    failures = 10;
    seen.clear();
    const response = await session().call('compute', '/servers/abc');
    expect(response.statusCode).toBe(500);
    await response.body.dump();
    expect(seen.get('GET /compute/servers/abc')).toBe(4);
  });

  it('never repeats a POST, which may have done its work before failing', async () => {
    failures = 1;
    seen.clear();
    const response = await session().call('compute', '/servers', { method: 'POST', json: { server: {} } });
    expect(response.statusCode).toBe(500);
    await response.body.dump();
    expect(seen.get('POST /compute/servers')).toBe(1);
  });
});
