import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeliveryEvent, DeliveryOrder } from '@mpli/delivery-adapters';
import { terraformAdapter } from '@mpli/delivery-adapters/terraform';
import { describeAdapterConformance } from '@mpli/delivery-adapters/testing';
import { failingTemplate, slowTemplate, vmTemplate } from './terraform-templates';

// Runs the real terraform binary (on this machine's PATH, and installed by .ci/run).
const SECRET = 'tf-secret-7c1d9a2e44';
const order = (id: string, template: string, extra: Record<string, string> = {}): DeliveryOrder => ({ id, offering: 'https://scaldis.example/.well-known/mpli#vm-s2', adapter: 'terraform', parameters: { template, hostname: `host-${id}`, ...extra } });
const newAdapter = (stateDir: string) =>
  terraformAdapter({ stateDir, templates: { vm: vmTemplate, failing: failingTemplate, slow: slowTemplate }, credentials: async () => ({ TF_VAR_api_token: SECRET }) });

describeAdapterConformance('terraform', async () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'mpli-tf-'));
  return {
    adapter: newAdapter(stateDir),
    order: (id) => order(id, 'vm'),
    failingOrder: (id) => order(id, 'failing'),
    slowOrder: (id) => order(id, 'slow'),
    secret: SECRET,
    cleanup: async () => rmSync(stateDir, { recursive: true, force: true }),
  };
});

describe('terraform adapter', () => {
  it('plans with terraform and maps its JSON stream to events; outputs come from the state', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'mpli-tf-'));
    const adapter = newAdapter(stateDir);
    try {
      const plan = await adapter.plan(order('plan-1', 'failing'));
      expect(plan.changes).toEqual([
        { action: 'create', resource: 'terraform_data.network' },
        { action: 'create', resource: 'terraform_data.vm' },
      ]);
      expect(plan.summary).toBe('2 to add, 0 to change, 0 to destroy');

      const operation = adapter.apply(order('apply-1', 'vm'));
      const events: DeliveryEvent[] = [];
      for await (const event of operation.events) events.push(event);
      const result = await operation.result;
      expect(result).toMatchObject({ status: 'succeeded', outputs: { name: 'host-apply-1' }, resources: [{ resource: 'terraform_data.vm', operation: 'apply-1' }] });
      expect(events.filter((e) => e.type === 'resource-created')).toEqual([{ type: 'resource-created', operation: 'apply-1', resource: 'terraform_data.vm' }]);
      // The provisioner echoed the token: the event carries it blanked out.
      const echoed = events.find((e) => e.type === 'progress' && e.message.includes('provisioning host-apply-1'));
      expect(echoed).toMatchObject({ message: expect.stringContaining('with token [redacted]') as string });

      // A changed parameter is a change of the same order, planned against its state.
      const changed = await adapter.plan(order('apply-1', 'vm', { hostname: 'renamed' }));
      expect(changed.changes).toEqual([{ action: 'update', resource: 'terraform_data.vm' }]);
      expect(changed.summary).toBe('0 to add, 1 to change, 0 to destroy');
    } finally {
      await adapter.dispose();
      rmSync(stateDir, { recursive: true, force: true });
    }
  });

  it('cancelled after creating a resource: terraform stops on SIGINT, and what it created is destroyed', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'mpli-tf-'));
    const adapter = newAdapter(stateDir);
    try {
      const operation = adapter.apply(order('cancel-mid', 'slow'));
      const events: DeliveryEvent[] = [];
      for await (const event of operation.events) {
        events.push(event);
        if (event.type === 'resource-created') operation.cancel();
      }
      const result = await operation.result;
      expect(result).toMatchObject({ status: 'cancelled', leftovers: [] });
      const named = (type: string) => events.filter((e) => e.type === type).map((e) => ('resource' in e ? e.resource : ''));
      expect(named('resource-created')).toEqual(['terraform_data.network']);
      // terraform finishes what is in flight when SIGINT arrives: the VM may have been made too
      // (CI saw it), and then it is removed with the network. Nothing else, and nothing left.
      expect(named('resource-removed')).toContain('terraform_data.network');
      expect(named('resource-removed').every((r) => ['terraform_data.network', 'terraform_data.vm'].includes(r ?? ''))).toBe(true);
      expect((await adapter.status('cancel-mid')).state).toBe('absent');
    } finally {
      await adapter.dispose();
      rmSync(stateDir, { recursive: true, force: true });
    }
  });

  it('two applies of one order at once deliver once', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'mpli-tf-'));
    const adapter = newAdapter(stateDir);
    try {
      const [a, b] = [adapter.apply(order('twice', 'vm')), adapter.apply(order('twice', 'vm'))];
      const results = await Promise.all([a.result, b.result]);
      expect(results.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
      const created: DeliveryEvent[] = [];
      for (const op of [a, b]) for await (const e of op.events) if (e.type === 'resource-created') created.push(e);
      expect(created).toHaveLength(1);
    } finally {
      await adapter.dispose();
      rmSync(stateDir, { recursive: true, force: true });
    }
  });

  it('names the missing tool and how to install it', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'mpli-tf-'));
    const adapter = terraformAdapter({ stateDir, binary: 'tofu', templates: { vm: vmTemplate } });
    try {
      await expect(adapter.plan({ ...order('missing', 'vm'), adapter: 'opentofu' })).rejects.toMatchObject({ code: 'TOOL_MISSING', message: expect.stringContaining('opentofu.org') as string });
      const result = await adapter.apply({ ...order('missing', 'vm'), adapter: 'opentofu' }).result;
      expect(result).toMatchObject({ status: 'failed', error: expect.stringContaining('tofu is not installed') as string });
    } finally {
      rmSync(stateDir, { recursive: true, force: true });
    }
  });

  it('refuses an order for a template the provider does not have', () => {
    const adapter = newAdapter('/nonexistent');
    expect(() => adapter.apply(order('x', 'gpu'))).toThrow(/"template" parameter must name one of this provider's Terraform templates \(vm, failing, slow\)/);
  });

  it('times out a tool run, then compensates', async () => {
    const stateDir = mkdtempSync(join(tmpdir(), 'mpli-tf-'));
    const adapter = terraformAdapter({ stateDir, templates: { slow: slowTemplate }, credentials: async () => ({ TF_VAR_api_token: SECRET }), timeoutMs: 8_000 });
    try {
      const result = await adapter.apply(order('slowpoke', 'slow')).result;
      expect(result.status).toBe('failed');
      expect(result.error).toMatch(/did not finish within 8000 ms/);
      expect(result.leftovers).toEqual([]);
      expect((await adapter.status('slowpoke')).state).toBe('absent');
    } finally {
      await adapter.dispose();
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
});
