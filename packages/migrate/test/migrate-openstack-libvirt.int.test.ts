import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { LibvirtClient, libvirtAdapter } from '@mpli/delivery-adapters/libvirt';
import { openstackAdapter } from '@mpli/delivery-adapters/openstack';
import { buildGuestImage, GUEST_MARKER, serviceAvailable } from '@mpli/delivery-adapters/testing';
import { guestDigest, runMigration, type MigrationEvent } from '@mpli/migrate';
import { finished } from './operations';

// Across stacks, on real software: a server on OpenStack (Debian's Keystone, Glance and Nova with
// its fake driver, from services/openstack) moves to libvirt (Debian's libvirtd, QEMU TCG), where
// the guest boots and prints its marker. The fake driver runs no guest and snapshots no data, so
// the source's disk is the image the server booted from (exportFrom: 'boot-image').
const KEYSTONE = 'http://127.0.0.1:5000/v3';
const SOCKET = { socket: '/run/libvirt/libvirt-sock' } as const;
const available =
  (await serviceAvailable('Keystone', async () => (await request(KEYSTONE, { signal: AbortSignal.timeout(3000) })).body.dump())) &&
  (await serviceAvailable('libvirtd', async () => (await LibvirtClient.connect(SOCKET, 'qemu:///system', { timeoutMs: 3_000 })).close()));
const root = mkdtempSync(join(tmpdir(), 'mpli-migrate-os-'));
chmodSync(root, 0o755);
const image = buildGuestImage(root, { powerOff: false });
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe.runIf(available)('migrating from OpenStack to libvirt', () => {
  it('moves the server\'s disk out of Glance, into a libvirt volume, and boots it under QEMU', async () => {
    const openstack = openstackAdapter({ authUrl: KEYSTONE, auth: { username: 'demo', project: 'demo' }, credentials: async () => ({ password: 'demo-ci-pw' }), images: { tiny: { path: image.qcow2, diskFormat: 'qcow2' } }, exportFrom: 'boot-image' });
    const admin = await LibvirtClient.connect(SOCKET, 'qemu:///system');
    mkdirSync(join(root, 'lv'), { mode: 0o755 });
    const pool = await admin.createPool(`<pool type='dir'><name>mpli-os-lv-${process.pid}</name><target><path>${join(root, 'lv')}</path></target></pool>`);
    const libvirt = libvirtAdapter({ address: SOCKET, uri: 'qemu:///system', pool: pool.name, consoleDir: join(root, 'lv'), shutdownTimeoutMs: 1_000 });
    try {
      const delivered = await finished(openstack.apply({ id: 'os-vm-1', offering: 'https://scaldis.example/.well-known/mpli#vm-s2', adapter: 'openstack', parameters: { image: 'tiny', flavor: 'ci.tiny' } }));
      expect(delivered.status, delivered.error).toBe('succeeded');
      const events: MigrationEvent[] = [];
      const result = await runMigration(
        { id: 'os-to-lv', source: { adapter: openstack, orderId: 'os-vm-1' }, target: { adapter: libvirt, order: { id: 'os-vm-1-lv', offering: 'https://example.org/id/vm', adapter: 'libvirt', parameters: { waitForConsole: GUEST_MARKER } } }, workDir: join(root, 'work') },
        { onEvent: (e) => events.push(e) },
      );
      expect(result.status, result.error).toBe('migrated');
      expect(result.digests.disk0).toBe(await guestDigest(image.qcow2));
      expect(readFileSync(join(root, 'lv', 'mpli-os-vm-1-lv.log'), 'latin1')).toContain(GUEST_MARKER);
      // The OpenStack server is stopped, not deleted; the libvirt domain has the flavor's size.
      expect((await openstack.status('os-vm-1')).outputs.status).toBe('SHUTOFF');
      const described = await libvirt.export!('os-vm-1-lv', { stop: false });
      const source = await openstack.export!('os-vm-1', { stop: false });
      expect({ vcpus: described.vm.vcpus, memoryMiB: described.vm.memoryMiB }).toEqual({ vcpus: source.vm.vcpus, memoryMiB: source.vm.memoryMiB });
    } finally {
      await finished(libvirt.destroy('os-vm-1-lv'));
      await finished(openstack.destroy('os-vm-1'));
      await libvirt.dispose();
      await openstack.dispose();
      await admin.destroyPool(pool).catch(() => undefined);
      await admin.close();
    }
  });
});
