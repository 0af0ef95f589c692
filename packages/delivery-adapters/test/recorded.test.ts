import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import type { DeliveryEvent } from '@mpli/delivery-adapters';
import { terraformAdapter } from '@mpli/delivery-adapters/terraform';
import { recordHttp, replayCli, replayHttp } from '@mpli/delivery-adapters/testing';

const dir = mkdtempSync(join(tmpdir(), 'mpli-recorded-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('replayCli', () => {
  it('stands in for terraform: an apply that errors part way is reported from its JSON stream', async () => {
    const ui = (o: object) => JSON.stringify(o);
    const binary = await replayCli(join(dir, 'bin'), 'terraform', [
      { args: ['init', '-input=false', '-no-color'], stdout: 'Terraform has been successfully initialized!\n', code: 0 },
      { args: ['plan', '-input=false', '-no-color', '-detailed-exitcode', '-out=mpli.tfplan'], stdout: '', code: 2 },
      {
        args: ['apply', '-auto-approve', '-input=false', '-no-color', '-json', 'mpli.tfplan'],
        stdout: [
          ui({ type: 'apply_start', '@message': 'openstack_compute_instance_v2.vm: Creating...', hook: { resource: { addr: 'openstack_compute_instance_v2.vm' }, action: 'create' } }),
          ui({ type: 'apply_errored', '@message': 'openstack_compute_instance_v2.vm: Creation errored after 2s', hook: { resource: { addr: 'openstack_compute_instance_v2.vm' }, action: 'create' } }),
          ui({ type: 'diagnostic', diagnostic: { severity: 'error', summary: 'Error creating OpenStack server', detail: 'Quota exceeded for cores' } }),
        ].join('\n') + '\n',
        stderr: 'Error: Error creating OpenStack server: Quota exceeded for cores\n',
        code: 1,
      },
    ]);
    const adapter = terraformAdapter({ stateDir: join(dir, 'state'), binary, templates: { vm: { resource: {} } } });
    const operation = adapter.apply({ id: 'quota-1', offering: 'urn:o', adapter: 'terraform', parameters: { template: 'vm' } });
    const events: DeliveryEvent[] = [];
    for await (const event of operation.events) events.push(event);
    const result = await operation.result;
    expect(result).toMatchObject({ status: 'failed', error: 'terraform apply failed (exit 1): Error: Error creating OpenStack server: Quota exceeded for cores', leftovers: [] });
    expect(events.filter((e) => e.type === 'progress').map((e) => (e as { message: string }).message)).toEqual([
      'openstack_compute_instance_v2.vm: Creating...',
      'openstack_compute_instance_v2.vm: Creation errored after 2s',
      'error: Error creating OpenStack server (Quota exceeded for cores)',
    ]);
  });

  it('refuses arguments it has no recording for', async () => {
    const binary = await replayCli(join(dir, 'bin2'), 'tool', [{ args: ['a'], stdout: 'x', code: 0 }]);
    const adapter = terraformAdapter({ stateDir: join(dir, 'state2'), binary, templates: { vm: {} } });
    await expect(adapter.plan({ id: 'x', offering: 'urn:o', adapter: 'terraform', parameters: { template: 'vm' } })).rejects.toThrow('no recorded run of tool with arguments ["init","-input=false","-no-color"]');
  });
});

describe('recordHttp and replayHttp', () => {
  it('records real exchanges without credentials, and replays them in order, telling mismatches', async () => {
    const real = createServer((req, res) => res.writeHead(200, { 'content-type': 'application/json', 'x-subject-token': 'tok-123' }).end(JSON.stringify({ path: req.url, password: 'p4ss' })));
    await new Promise<void>((resolve) => real.listen(0, '127.0.0.1', resolve));
    const recorder = await recordHttp(`http://127.0.0.1:${(real.address() as AddressInfo).port}`, { redact: (t) => t.replaceAll('p4ss', '[redacted]') });
    for (const path of ['/v3/auth/tokens', '/v2/images?tag=x']) await (await request(`${recorder.url}${path}`, { headers: { authorization: 'Bearer secret' } })).body.text();
    await recorder.save(join(dir, 'recording.json'));
    await recorder.close();
    await new Promise<void>((resolve) => real.close(() => resolve()));
    const recording = readFileSync(join(dir, 'recording.json'), 'utf8');
    expect(recording).not.toMatch(/p4ss|tok-123|secret/);

    const replay = await replayHttp(JSON.parse(recording));
    const first = await request(`${replay.url}/v3/auth/tokens`);
    expect(await first.body.json()).toEqual({ path: '/v3/auth/tokens', password: '[redacted]' });
    const wrong = await request(`${replay.url}/v2/servers`);
    expect(wrong.statusCode).toBe(599);
    await wrong.body.dump();
    expect(() => replay.assertDone()).toThrow('exchange 1: expected GET /v2/images?tag=x, got GET /v2/servers');
    await replay.close();
  });
});
