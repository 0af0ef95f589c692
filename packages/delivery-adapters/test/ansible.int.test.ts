import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { DeliveryEvent, DeliveryOrder } from '@mpli/delivery-adapters';
import { ansibleAdapter } from '@mpli/delivery-adapters/ansible';
import { describeAdapterConformance } from '@mpli/delivery-adapters/testing';

// Runs the real ansible-playbook (Debian's ansible-core, installed by services/up.sh) against
// localhost with the local connection.
const SECRET = 'ansible-secret-3b7f01';
const playbook = (name: string) => fileURLToPath(new URL(`ansible/${name}.yml`, import.meta.url));
const playbooks = { vm: playbook('vm'), failing: playbook('failing'), slow: playbook('slow') };
const order = (id: string, which: string, baseDir: string): DeliveryOrder => ({ id, offering: 'https://scaldis.example/.well-known/mpli#vm-s2', adapter: 'ansible', parameters: { playbook: which, hostname: `host-${id}`, base_dir: baseDir } });

function setup() {
  const workDir = mkdtempSync(join(tmpdir(), 'mpli-ansible-'));
  const baseDir = mkdtempSync(join(tmpdir(), 'mpli-ansible-vms-'));
  const adapter = ansibleAdapter({ workDir, playbooks, credentials: async () => ({ API_TOKEN: SECRET }) });
  const cleanup = async () => {
    rmSync(workDir, { recursive: true, force: true });
    rmSync(baseDir, { recursive: true, force: true });
  };
  return { adapter, workDir, baseDir, cleanup };
}

describeAdapterConformance('ansible', async () => {
  const { adapter, baseDir, cleanup } = setup();
  return { adapter, order: (id) => order(id, 'vm', baseDir), failingOrder: (id) => order(id, 'failing', baseDir), slowOrder: (id) => order(id, 'slow', baseDir), secret: SECRET, cleanup };
});

describe('ansible adapter', () => {
  it('plans in check mode, applies with per-task events, publishes resources and outputs, and undoes a failure', async () => {
    const { adapter, baseDir, cleanup } = setup();
    try {
      const plan = await adapter.plan(order('a1', 'vm', baseDir));
      expect(plan.changes).toEqual([{ action: 'create', resource: 'localhost: create the VM disk' }]);
      expect(readdirSync(baseDir)).toEqual([]);

      const operation = adapter.apply(order('a1', 'vm', baseDir));
      const events: DeliveryEvent[] = [];
      for await (const event of operation.events) events.push(event);
      const result = await operation.result;
      expect(result).toMatchObject({ status: 'succeeded', outputs: { hostname: 'host-a1' }, resources: [{ resource: join(baseDir, 'a1-disk.img'), operation: 'a1' }] });
      expect(existsSync(join(baseDir, 'a1-disk.img'))).toBe(true);
      expect(events.map((e) => (e.type === 'progress' ? e.message : e.type))).toEqual(expect.arrayContaining(['task: create the VM disk', 'localhost: create the VM disk: changed', 'resource-created']));
      expect(JSON.stringify(events)).not.toContain(SECRET);

      const failed = await adapter.apply(order('a2', 'failing', baseDir)).result;
      expect(failed.status).toBe('failed');
      expect(failed.error).toBe('ansible-playbook: task "boot the VM" failed on localhost: boot refused for token [redacted]');
      expect(existsSync(join(baseDir, 'a2-disk.img'))).toBe(false);
      expect((await adapter.status('a2')).state).toBe('absent');

      await adapter.destroy('a1').result;
      expect(existsSync(join(baseDir, 'a1-disk.img'))).toBe(false);
    } finally {
      await adapter.dispose();
      await cleanup();
    }
  });

  it('cancelled while booting: ansible-playbook stops, and the undo removes the disk it made', async () => {
    const { adapter, baseDir, cleanup } = setup();
    try {
      const operation = adapter.apply(order('c1', 'slow', baseDir));
      const seen: string[] = [];
      for await (const event of operation.events) {
        seen.push(event.type === 'progress' ? event.message : event.type);
        if (event.type === 'progress' && event.message === 'localhost: create the VM disk: changed') operation.cancel();
      }
      expect(await operation.result).toMatchObject({ status: 'cancelled', leftovers: [] });
      expect(seen).toContain('compensating');
      expect(existsSync(join(baseDir, 'c1-disk.img'))).toBe(false);
      expect((await adapter.status('c1')).state).toBe('absent');
    } finally {
      await adapter.dispose();
      await cleanup();
    }
  });

  it('refuses an order for a playbook the provider does not have', () => {
    const adapter = ansibleAdapter({ workDir: '/nonexistent', playbooks });
    expect(() => adapter.apply(order('x', 'gpu', '/tmp'))).toThrow(/"playbook" parameter must name one of this provider's playbooks \(vm, failing, slow\)/);
  });
});
