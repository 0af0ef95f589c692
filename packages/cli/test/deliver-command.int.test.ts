import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '@mpli/cli';
import { captureIo, REPO_ROOT } from './capture-io';

// mpli deliver / status / destroy with the real terraform binary, set up by a delivery
// configuration file the way a provider writes one.
const dir = mkdtempSync(join(tmpdir(), 'mpli-deliver-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'vm.tf.json'), JSON.stringify({ variable: { api_token: { type: 'string' } }, resource: { terraform_data: { vm: { input: { name: '${var.hostname}', flavor: '${var.flavor}', op: '${var.mpli_operation}' } } } }, output: { name: { value: '${terraform_data.vm.output.name}' } } }));
writeFileSync(join(dir, 'mpli-delivery.json'), JSON.stringify({ adapters: { terraform: { stateDir: './state', templates: { vm: './vm.tf.json' } } }, credentials: { terraform: { TF_VAR_api_token: 'env:MPLI_TEST_API_TOKEN' } } }));
// The Scaldis example, delivered by Terraform instead of OpenStack.
const manifest = join(dir, 'scaldis.ttl');
writeFileSync(manifest, readFileSync(join(REPO_ROOT, 'examples/manifests/scaldis-cloud.ttl'), 'utf8').replaceAll('mpli:adapter "openstack"', 'mpli:adapter "terraform"'));
process.env.MPLI_TEST_API_TOKEN = 'cli-secret-55aa';

describe('mpli deliver, status, destroy', () => {
  it('plans, delivers once, shows the status, and destroys an order made from a manifest\'s offering', async () => {
    const offering = ['--manifest', manifest, '--offering', 'https://scaldis.example/.well-known/mpli#vm-s2', '--id', 'cli-1', '--param', 'template=vm', '--param', 'hostname=web-1'];
    let io = captureIo(dir);
    expect(await main(['deliver', ...offering, '--plan'], io)).toBe(0);
    expect(io.out()).toBe('1 to add, 0 to change, 0 to destroy\n  create terraform_data.vm\n');

    io = captureIo(dir);
    expect(await main(['deliver', ...offering], io)).toBe(0);
    expect(io.out()).toContain('▶ apply cli-1\n');
    expect(io.out()).toContain('  + terraform_data.vm\n');
    expect(io.out()).toContain('✔ done {"name":"web-1"}\n');
    expect(io.out()).not.toContain('cli-secret-55aa');

    io = captureIo(dir);
    expect(await main(['deliver', ...offering, '--json'], io)).toBe(0);
    expect(JSON.parse(io.out())).toMatchObject({ status: 'succeeded', resources: [{ resource: 'terraform_data.vm', operation: 'cli-1' }] });

    io = captureIo(dir);
    expect(await main(['status', 'cli-1'], io)).toBe(0);
    expect(io.out()).toBe('cli-1: ready (terraform)\n  terraform_data.vm\n  name = web-1\n');

    io = captureIo(dir);
    expect(await main(['destroy', 'cli-1'], io)).toBe(0);
    expect(io.out()).toContain('  - terraform_data.vm\n');
    io = captureIo(dir);
    expect(await main(['status', 'cli-1'], io)).toBe(1);
    expect(io.out()).toBe('cli-1: absent\n');
  });

  it('refuses bad orders with exit code 2 and says why', async () => {
    const order = join(dir, 'bad.json');
    writeFileSync(order, JSON.stringify({ id: 'bad id', offering: 'x', adapter: 'terraform', parameters: {} }));
    let io = captureIo(dir);
    expect(await main(['deliver', order], io)).toBe(2);
    expect(io.err()).toContain('Malformed order: "id" must be 1 to 64');
    io = captureIo(dir);
    expect(await main(['deliver', '--manifest', manifest, '--offering', 'https://scaldis.example/.well-known/mpli#vm-s2', '--id', 'x', '--param', 'flavor=huge'], io)).toBe(2);
    expect(io.err()).toContain('The parameter "flavor" is fixed by the offering');
    writeFileSync(order, JSON.stringify({ id: 'ok', offering: 'x', adapter: 'ansible', parameters: {} }));
    io = captureIo(dir);
    expect(await main(['deliver', order], io)).toBe(2);
    expect(io.err()).toContain('the order needs the "ansible" adapter, which the delivery configuration does not set up (it has terraform)');
    writeFileSync(join(dir, 'plain-secret.json'), JSON.stringify({ adapters: { terraform: { stateDir: '.', templates: {} } }, credentials: { terraform: { TF_VAR_x: 'hunter2' } } }));
    io = captureIo(dir);
    expect(await main(['status', 'x', '--config', 'plain-secret.json'], io)).toBe(2);
    expect(io.err()).toContain('a secret is "env:NAME" or "file:PATH", never the secret itself');
  });
});

describe('mpli serve --manifest --delivery', () => {
  it('takes orders for the manifest\'s offerings on the same endpoint, delivered by the configured adapter', async () => {
    const { request } = await import('undici');
    process.env.MPLI_TOKENS = 'serve-token-1';
    const stop = new AbortController();
    const io = { ...captureIo(dir), signal: stop.signal };
    const running = main(['serve', '--manifest', manifest, '--delivery', join(dir, 'mpli-delivery.json'), '--port', '0'], io);
    let origin = '';
    for (let i = 0; i < 200 && !origin; i += 1) {
      origin = /; orders at (http:\/\/127\.0\.0\.1:\d+)\/orders by terraform/.exec(io.out())?.[1] ?? '';
      if (!origin) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(origin, io.err()).not.toBe('');
    const call = async (method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown, token = 'serve-token-1') => {
      const response = await request(`${origin}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
      return { status: response.statusCode, json: (await response.body.json()) as Record<string, unknown> };
    };
    const order = { id: 'served-1', offering: 'https://scaldis.example/.well-known/mpli#vm-s2', parameters: { template: 'vm', hostname: 'web-9' } };
    try {
      expect((await call('POST', '/orders', order, 'wrong-token')).status).toBe(401);
      expect(await call('POST', '/orders', order)).toMatchObject({ status: 202, json: { id: 'order-served-1' } });
      let operation: Record<string, unknown> = {};
      for (let i = 0; i < 300 && !['succeeded', 'failed'].includes(String(operation.status)); i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        operation = (await call('GET', '/operations/order-served-1')).json;
      }
      expect(operation).toMatchObject({ status: 'succeeded', result: { outputs: { name: 'web-9' } } });
      expect(JSON.stringify(operation)).not.toContain('cli-secret-55aa');
      expect(await call('GET', '/orders/served-1')).toMatchObject({ status: 200, json: { state: 'ready' } });
      const manifestResponse = await request(`${origin}/.well-known/mpli`);
      expect(manifestResponse.statusCode).toBe(200);
      await manifestResponse.body.dump();
      expect((await call('DELETE', '/orders/served-1')).status).toBe(202);
      let state = '';
      for (let i = 0; i < 300 && state !== 'absent'; i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const status = await call('GET', '/orders/served-1');
        state = status.status === 404 ? 'absent' : String(status.json.state);
      }
      expect(state).toBe('absent');
    } finally {
      stop.abort();
      expect(await running).toBe(0);
      delete process.env.MPLI_TOKENS;
    }
  });
});
