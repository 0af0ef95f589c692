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
