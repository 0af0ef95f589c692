import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryAdapter, DeliveryOrder } from '@mpli/delivery-adapters';
import { LibvirtClient, libvirtAdapter, type PoolRef } from '@mpli/delivery-adapters/libvirt';
import { buildGuestImage, GUEST_MARKER, serviceAvailable } from '@mpli/delivery-adapters/testing';
import { guestDigest, planMigration, runMigration, type MigrationEvent } from '@mpli/migrate';
import { finished, succeeded } from './operations';

// Two providers on the real libvirtd of services/libvirtd-start.sh (QEMU, TCG), each with a pool
// and console folder of its own: a VM delivered by the first moves to the second.
const SOCKET = { socket: '/run/libvirt/libvirt-sock' } as const;
const available = await serviceAvailable('libvirtd', async () => (await LibvirtClient.connect(SOCKET, 'qemu:///system', { timeoutMs: 3_000 })).close());
const root = mkdtempSync(join(tmpdir(), 'mpli-migrate-lv-'));
chmodSync(root, 0o755);
const image = buildGuestImage(root, { powerOff: false, name: 'running-guest' });
const order = (id: string, parameters: DeliveryOrder['parameters']): DeliveryOrder => ({ id, offering: 'https://example.org/id/vm', adapter: 'libvirt', parameters });

let admin: LibvirtClient;
const pools: PoolRef[] = [];
const provider = async (name: string): Promise<DeliveryAdapter> => {
  const dir = join(root, name);
  const pool = await admin.createPool(`<pool type='dir'><name>mpli-${name}-${process.pid}</name><target><path>${dir}</path></target></pool>`).catch(async () => (await admin.lookupPool(`mpli-${name}-${process.pid}`))!);
  pools.push(pool);
  return libvirtAdapter({ address: SOCKET, uri: 'qemu:///system', pool: pool.name, consoleDir: dir, images: { tiny: { path: image.qcow2, format: 'qcow2' } }, shutdownTimeoutMs: 1_000 });
};

describe.runIf(available)('migrating a VM between two libvirt providers', () => {
  beforeAll(async () => {
    admin = await LibvirtClient.connect(SOCKET, 'qemu:///system');
    for (const name of ['a', 'b']) {
      const { mkdirSync } = await import('node:fs');
      mkdirSync(join(root, name), { mode: 0o755 });
    }
  });
  afterAll(async () => {
    for (const pool of pools) await admin.destroyPool(pool).catch(() => undefined);
    await admin?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('moves a running guest: the disk verified at every hop, converted to qcow2, booted at the target, the source stopped and kept', async () => {
    const a = await provider('a');
    const b = await provider('b');
    try {
      await succeeded(a.apply(order('vm-1', { image: 'tiny', vcpus: 1, memoryMiB: 32, waitForConsole: GUEST_MARKER })));
      const events: MigrationEvent[] = [];
      const result = await runMigration(
        { id: 'm-1', source: { adapter: a, orderId: 'vm-1' }, target: { adapter: b, order: order('vm-1-moved', { waitForConsole: GUEST_MARKER }), format: 'qcow2' }, workDir: join(root, 'work-1') },
        { onEvent: (e) => events.push(e) },
      );
      expect(result).toMatchObject({ id: 'm-1', status: 'migrated', digests: { disk0: await guestDigest(image.qcow2) } });
      expect(events.filter((e) => e.type === 'step').map((e) => e.step)).toEqual(['export', 'stage', 'transfer', 'convert', 'import', 'verify', 'verify', 'cutover']);
      expect(readFileSync(join(root, 'b', 'mpli-vm-1-moved.log'), 'latin1')).toContain(GUEST_MARKER);
      const moved = await admin.lookupDomain('mpli-vm-1-moved');
      expect(await admin.domainState(moved!)).toBe('running');
      expect((await admin.lookupVolume(pools[1]!, 'mpli-vm-1-moved-disk0.qcow2'))).toBeDefined();
      // The source is stopped, not deleted.
      expect((await a.status('vm-1')).outputs.state).toBe('shutoff');
      // Running it again finds the migration done.
      expect((await runMigration({ id: 'm-1', source: { adapter: a, orderId: 'vm-1' }, target: { adapter: b, order: order('vm-1-moved', { waitForConsole: GUEST_MARKER }), format: 'qcow2' }, workDir: join(root, 'work-1') })).status).toBe('migrated');
      // The copies are gone; the journal stays.
      expect(readdirSync(join(root, 'work-1'))).toEqual(['m-1.journal']);
    } finally {
      for (const [adapter, id] of [[a, 'vm-1'], [b, 'vm-1-moved']] as const) await finished(adapter.destroy(id));
      await a.dispose();
      await b.dispose();
    }
  });

  it('resumes a cancelled migration from its journal, without reading the source again', async () => {
    const a = await provider('a');
    const b = await provider('b');
    const request = { id: 'm-2', source: { adapter: a, orderId: 'vm-2' }, target: { adapter: b, order: order('vm-2-moved', { waitForConsole: GUEST_MARKER }) }, workDir: join(root, 'work-2') };
    try {
      await succeeded(a.apply(order('vm-2', { image: 'tiny', vcpus: 1, memoryMiB: 32 })));
      const controller = new AbortController();
      await expect(runMigration(request, { signal: controller.signal, onEvent: (e) => e.type === 'step' && e.step === 'transfer' && controller.abort() })).rejects.toMatchObject({ code: 'CANCELLED' });
      expect(await b.status('vm-2-moved')).toMatchObject({ state: 'absent' });
      const events: MigrationEvent[] = [];
      const result = await runMigration(request, { onEvent: (e) => events.push(e) });
      expect(result.status).toBe('migrated');
      expect(events.find((e) => e.type === 'step' && e.step === 'stage')).toMatchObject({ resumed: true });
      expect(events.some((e) => e.type === 'bytes' && e.step === 'stage')).toBe(false);
    } finally {
      for (const [adapter, id] of [[a, 'vm-2'], [b, 'vm-2-moved']] as const) await finished(adapter.destroy(id));
      await a.dispose();
      await b.dispose();
    }
  });

  it('plans without changing anything: checks with ids, the VM described, an estimate; refusals explained', async () => {
    const a = await provider('a');
    const b = await provider('b');
    try {
      await succeeded(a.apply(order('vm-4', { image: 'tiny', vcpus: 2, memoryMiB: 48 })));
      const plan = await planMigration({ id: 'm-4', source: { adapter: a, orderId: 'vm-4' }, target: { adapter: b, order: order('vm-4-moved', {}), format: 'qcow2' }, workDir: join(root, 'work-4') });
      expect(plan.ok).toBe(true);
      expect(plan.checks.map((c) => c.id)).toEqual(['source.can-export', 'target.can-import', 'source.delivered', 'target.order-free', 'source.image-download', 'disk.formats', 'vm.firmware', 'network.macs', 'tools.qemu-img', 'workdir.space']);
      expect(plan.vm).toMatchObject({ vcpus: 2, memoryMiB: 48, firmware: 'bios', machine: expect.stringMatching(/^pc/) as string, disks: [{ id: 'disk0', format: 'qcow2', bytes: readFileSync(image.qcow2).length }] });
      expect(plan.checks.find((c) => c.id === 'disk.formats')?.explanation).toBe('disk0 (qcow2) → qcow2');
      expect(plan.estimate.bytes).toBe(readFileSync(image.qcow2).length);
      expect((await a.status('vm-4')).outputs.state).toBe('running');
      expect(existsSync(join(root, 'work-4'))).toBe(false);

      const { import: _import, ...cannotImport } = b;
      const refused = await planMigration({ id: 'm-5', source: { adapter: a, orderId: 'vm-4' }, target: { adapter: { ...cannotImport, capabilities: { ...b.capabilities, import: false } }, order: order('vm-4-elsewhere', {}) }, workDir: join(root, 'work-5') });
      expect(refused.ok).toBe(false);
      expect(refused.checks.filter((c) => !c.passed).map((c) => c.id)).toEqual(['target.can-import']);
      const taken = await planMigration({ id: 'm-6', source: { adapter: a, orderId: 'vm-4' }, target: { adapter: a, order: order('vm-4', {}) }, workDir: join(root, 'work-6') });
      expect(taken.checks.find((c) => c.id === 'target.order-free')).toMatchObject({ passed: false, explanation: expect.stringContaining('is ready: choose another id') as string });
    } finally {
      await finished(a.destroy('vm-4'));
      await a.dispose();
      await b.dispose();
    }
  });

  it('finds a disk the target stored damaged before it boots, and rolls back: nothing left there, the source running again', async () => {
    const a = await provider('a');
    const b = await provider('b');
    // A target whose storage changes what it is given: its import uploads a copy with 512 bytes
    // overwritten, through the real libvirt adapter, which reads the volume back for the check.
    const damaging: DeliveryAdapter = {
      ...b,
      import: (request) => {
        const path = join(root, 'damaged.qcow2');
        copyFileSync(request.disks[0]!.path, path);
        execFileSync('qemu-io', ['-f', 'qcow2', '-c', 'write -P 0x55 4096 512', path]);
        return b.import!({ ...request, disks: [{ ...request.disks[0]!, path }] });
      },
    };
    try {
      await succeeded(a.apply(order('vm-7', { image: 'tiny', vcpus: 1, memoryMiB: 32 })));
      const result = await runMigration({ id: 'm-7', source: { adapter: a, orderId: 'vm-7' }, target: { adapter: damaging, order: order('vm-7-moved', {}), format: 'qcow2' }, workDir: join(root, 'work-7') });
      expect(result).toMatchObject({ status: 'rolled-back', error: expect.stringMatching(/^disk disk0 as the target stored it reads mpli-disk-v1:\w+, not mpli-disk-v1:/) as string });
      expect(await b.status('vm-7-moved')).toMatchObject({ state: 'absent', resources: [] });
      expect(await admin.lookupDomain('mpli-vm-7-moved')).toBeUndefined();
      expect((await a.status('vm-7')).outputs.state).toBe('running');
      expect(readdirSync(join(root, 'work-7'))).toEqual(['m-7.journal']);
    } finally {
      await finished(a.destroy('vm-7'));
      await a.dispose();
      await b.dispose();
    }
  });

  it('rolls back when the target refuses the VM: nothing left there, the source running again as it was', async () => {
    const a = await provider('a');
    const broken = libvirtAdapter({ address: SOCKET, uri: 'qemu:///system', pool: 'no-such-pool' });
    try {
      await succeeded(a.apply(order('vm-3', { image: 'tiny', vcpus: 1, memoryMiB: 32 })));
      expect((await a.status('vm-3')).outputs.state).toBe('running');
      const result = await runMigration({ id: 'm-3', source: { adapter: a, orderId: 'vm-3' }, target: { adapter: broken, order: order('vm-3-moved', {}) }, workDir: join(root, 'work-3') });
      expect(result).toMatchObject({ status: 'rolled-back', error: expect.stringContaining('no storage pool "no-such-pool"') as string });
      expect((await a.status('vm-3')).outputs.state).toBe('running');
      expect(readdirSync(join(root, 'work-3'))).toEqual(['m-3.journal']);
      await expect(runMigration({ id: 'm-3', source: { adapter: a, orderId: 'vm-3' }, target: { adapter: broken, order: order('vm-3-moved', {}) }, workDir: join(root, 'work-3') })).rejects.toMatchObject({ code: 'JOURNAL' });
      expect(existsSync(join(root, 'work-3', 'm-3.journal'))).toBe(true);
    } finally {
      await finished(a.destroy('vm-3'));
      await a.dispose();
      await broken.dispose();
    }
  });
});
