import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryOrder } from '@mpli/delivery-adapters';
import { OneClient, opennebulaAdapter, readImage, readVm, serializeTemplate, vmStateName } from '@mpli/delivery-adapters/opennebula';
import { describeAdapterConformance, startOpenNebulaSimulator, type OpenNebulaSimulator } from '@mpli/delivery-adapters/testing';

// OpenNebula has no Debian package, so these tests run against the XML-RPC simulator that
// @mpli/delivery-adapters/testing ships, built from OpenNebula's published API reference.
const dir = mkdtempSync(join(tmpdir(), 'mpli-one-'));
const diskFile = join(dir, 'tiny.raw');
writeFileSync(diskFile, randomBytes(3 * 1024 * 1024 + 17));
let sim: OpenNebulaSimulator;
const PASSWORD = 'one-secret-77c1';

beforeAll(async () => {
  sim = await startOpenNebulaSimulator({ dir: join(dir, 'one'), users: [{ name: 'oneadmin', password: 'opennebula' }, { name: 'mpli', password: PASSWORD }], stepMs: 20 });
  const admin = new OneClient(sim.endpoint, async () => 'oneadmin:opennebula');
  await admin.call('one.template.allocate', serializeTemplate([['NAME', 'gpu-h100x2'], ['CPU', '8'], ['VCPU', '8'], ['MEMORY', '2048']]));
});
afterAll(async () => {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

const adapter = () => opennebulaAdapter({ endpoint: sim.endpoint, username: 'mpli', credentials: async () => ({ password: PASSWORD }), images: { tiny: { path: diskFile }, missing: { path: join(dir, 'no-such-file.qcow2') } }, pollIntervalMs: 20 });
const order = (id: string, parameters: DeliveryOrder['parameters']): DeliveryOrder => ({ id, offering: 'https://nuage-souverain.example/id/gpu-h100x2', adapter: 'opennebula', parameters });

describeAdapterConformance('opennebula (simulator)', async () => ({
  adapter: adapter(),
  order: (id) => order(id, { image: 'tiny', vcpus: 1, memoryMiB: 256 }),
  // The image's file is not on the front-end: it is registered, then goes to ERROR.
  failingOrder: (id) => order(id, { image: 'missing', vcpus: 1, memoryMiB: 256 }),
  // More memory than the host has: the scheduler leaves it PENDING until it is cancelled.
  slowOrder: (id) => order(id, { image: 'tiny', vcpus: 1, memoryMiB: 1_000_000 }),
  importOrder: (id) => order(id, {}),
  secret: PASSWORD,
}));

describe('opennebula adapter', () => {
  it('instantiates a provider template by name, tags the VM, and terminates it', async () => {
    const one = adapter();
    const result = await one.apply(order('tpl-1', { template: 'gpu-h100x2' })).result;
    expect(result.error).toBeUndefined();
    expect(result).toMatchObject({ status: 'succeeded', outputs: { state: 'RUNNING' } });
    const vmId = Number(result.outputs.vm);
    const client = new OneClient(sim.endpoint, async () => `mpli:${PASSWORD}`);
    const vm = readVm(await client.call<string>('one.vm.info', vmId));
    expect(vm).toMatchObject({ name: 'mpli-tpl-1', userTemplate: { MPLI_OPERATION: 'tpl-1' } });
    expect((await one.destroy('tpl-1').result).status).toBe('succeeded');
    expect(vmStateName(readVm(await client.call<string>('one.vm.info', vmId)).state, 0)).toBe('DONE');
    await expect(one.plan(order('tpl-2', { template: 'no-such-template' }))).rejects.toThrow('OpenNebula has no VM template named "no-such-template"');
  });
});

describe('opennebula export and import', () => {
  it('powers off, saves disk 0 with disksaveas, reads the saved image, and resumes the VM on restore', async () => {
    const one = adapter();
    expect((await one.apply(order('exp-1', { image: 'tiny', vcpus: 2, memoryMiB: 384 })).result).status).toBe('succeeded');
    const exported = await one.export!('exp-1');
    expect(exported).toMatchObject({ wasRunning: true, vm: { name: 'mpli-exp-1', vcpus: 2, memoryMiB: 384, firmware: 'bios', disks: [{ id: 'disk0', format: 'raw' }] } });
    expect((await one.status('exp-1')).outputs.state).toBe('POWEROFF');
    const chunks: Buffer[] = [];
    for await (const chunk of exported.disks[0]!.read({ offset: 1000 })) chunks.push(chunk);
    expect(Buffer.concat(chunks).equals(readFileSync(diskFile).subarray(1000))).toBe(true);
    // The saved image belongs to the order: destroying it removes the image too.
    expect((await one.status('exp-1')).resources.map((r) => r.resource)).toHaveLength(3);
    await exported.restore();
    expect((await one.status('exp-1')).outputs.state).toBe('RUNNING');

    const imported = await one.import!({ order: order('imp-1', {}), vm: { ...exported.vm, nics: [{ mac: '02:00:c0:a8:01:07' }] }, disks: [{ id: 'disk0', path: diskFile, format: 'raw' }] }).result;
    expect(imported).toMatchObject({ status: 'succeeded', outputs: { state: 'RUNNING', macs: '02:00:c0:a8:01:07' } });
    for (const id of ['exp-1', 'imp-1']) expect((await one.destroy(id).result).status).toBe('succeeded');
    expect((await one.status('exp-1')).state).toBe('absent');
  });
});

describe('the OpenNebula simulator', () => {
  const client = (session = `mpli:${PASSWORD}`) => new OneClient(sim.endpoint, async () => session);

  it('answers like oned: codes, messages, object ids, and xmlrpc-c faults', async () => {
    await expect(client('mpli:wrong').call('one.vm.info', 0)).rejects.toMatchObject({ oneCode: 0x100, message: "opennebula: [one.vm.info] User couldn't be authenticated, aborting call." });
    await expect(client().call('one.vm.info', 4242)).rejects.toMatchObject({ oneCode: 0x400, objectId: 4242, message: 'opennebula: [one.vm.info] Error getting virtual machine [4242].' });
    await expect(client().call('one.vm.info', 'zero')).rejects.toThrow('XML-RPC fault -501: Parameter that is supposed to be integer is not');
    await expect(client().call('one.vm.action', 'poweroff')).rejects.toThrow('XML-RPC fault -501: Not enough parameters');
    await expect(client().call('one.vm.allocate', 'NAME = "x"\nCPU = "1"\nMEMORY = "-5"')).rejects.toMatchObject({ oneCode: 0x4000, message: 'opennebula: [one.vm.allocate] Error allocating a new virtual machine. MEMORY attribute must be a positive integer value.' });
    expect(await client().call('one.system.version')).toBe('6.10.0');
  });

  it('runs the VM state machine, refuses actions in the wrong state, and saves a disk byte for byte', async () => {
    const c = client();
    const imageId = await c.call<number>('one.image.allocate', serializeTemplate([['NAME', 'sim-disk'], ['PATH', diskFile]]), 1);
    const vmId = await c.call<number>('one.vm.allocate', serializeTemplate([['NAME', 'sim-vm'], ['CPU', '1'], ['MEMORY', '128'], ['DISK', { IMAGE_ID: String(imageId) }], ['NIC', { MAC: '02:00:c0:a8:00:07' }]]), true);
    const state = async () => {
      const vm = readVm(await c.call<string>('one.vm.info', vmId));
      return vmStateName(vm.state, vm.lcmState);
    };
    const until = async (name: string) => {
      for (let i = 0; i < 200 && (await state()) !== name; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
      return state();
    };
    // Its image is still being copied: CLONING, then HOLD as asked.
    expect(await state()).toBe('CLONING');
    expect(await until('HOLD')).toBe('HOLD');
    await expect(c.call('one.vm.action', 'poweroff', vmId)).rejects.toMatchObject({ oneCode: 0x800, message: 'opennebula: [one.vm.action] Error performing action "poweroff": This action is not available for state HOLD' });
    await c.call('one.vm.action', 'release', vmId);
    expect(await until('RUNNING')).toBe('RUNNING');
    expect(readVm(await c.call<string>('one.vm.info', vmId)).nics).toEqual([{ mac: '02:00:c0:a8:00:07' }]);
    expect(readImage(await c.call<string>('one.image.info', imageId))).toMatchObject({ state: 2, runningVms: 1, sizeMb: 4, format: 'raw' });
    await expect(c.call('one.image.delete', imageId)).rejects.toThrow('[one.image.delete] Cannot delete image. There are 1 VMs using it.');

    await c.call('one.vm.action', 'poweroff', vmId);
    expect(await until('POWEROFF')).toBe('POWEROFF');
    const saved = await c.call<number>('one.vm.disksaveas', vmId, 0, 'sim-saved', '', -1);
    for (let i = 0; i < 200 && readImage(await c.call<string>('one.image.info', saved)).state !== 1; i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
    const copy = readImage(await c.call<string>('one.image.info', saved));
    const hash = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
    expect(hash(copy.source)).toBe(hash(diskFile));

    await c.call('one.vm.action', 'terminate', vmId);
    expect(await until('DONE')).toBe('DONE');
    expect(readImage(await c.call<string>('one.image.info', imageId)).state).toBe(1);
    await expect(c.call('one.vm.action', 'terminate', vmId)).resolves.toBe(vmId);
  });
});
