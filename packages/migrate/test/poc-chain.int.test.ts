import { execFileSync } from 'node:child_process';
import { chmodSync, createWriteStream, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import type { DeliveryOrder } from '@mpli/delivery-adapters';
import { LibvirtClient, libvirtAdapter } from '@mpli/delivery-adapters/libvirt';
import { opennebulaAdapter } from '@mpli/delivery-adapters/opennebula';
import { openstackAdapter } from '@mpli/delivery-adapters/openstack';
import { buildGuestImage, GUEST_MARKER, serviceAvailable, startOpenNebulaSimulator } from '@mpli/delivery-adapters/testing';
import { guestDigest, runMigration, startRelay, type MigrationRequest } from '@mpli/migrate';
import { receiverIn, senderIn } from './netns';
import { finished, succeeded } from './operations';

// The proof of concept, on one machine: a VM goes from OpenStack (Debian's Keystone, Glance and
// Nova with its fake driver) to OpenNebula (the protocol simulator, its image datastore on disk)
// to libvirt (Debian's libvirtd, QEMU TCG). The disks travel between three network namespaces
// with no route between them (services/netns-up.sh): sent from inside the source's, received
// inside the target's, through a relay in the root namespace. The providers' control APIs stay on
// loopback, where the runner reaches them. At the end the guest boots under QEMU and the disk is
// compared byte for byte.
const KEYSTONE = 'http://127.0.0.1:5000/v3';
const SOCKET = { socket: '/run/libvirt/libvirt-sock' } as const;
const NAMESPACES = ['mpli-os', 'mpli-one', 'mpli-lv'];
const available =
  (await serviceAvailable('network namespaces (services/netns-up.sh)', async () => {
    const listed = execFileSync('ip', ['netns', 'list']).toString();
    for (const ns of NAMESPACES) if (!listed.includes(ns)) throw new Error(`no namespace ${ns}`);
  })) &&
  (await serviceAvailable('Keystone', async () => (await request(KEYSTONE, { signal: AbortSignal.timeout(3000) })).body.dump())) &&
  (await serviceAvailable('libvirtd', async () => (await LibvirtClient.connect(SOCKET, 'qemu:///system', { timeoutMs: 3_000 })).close()));
const root = mkdtempSync(join(tmpdir(), 'mpli-poc-'));
chmodSync(root, 0o755);
const image = buildGuestImage(root, { powerOff: false });
afterAll(() => rmSync(root, { recursive: true, force: true }));

/**
 * A target's entrance: its receiver inside the target's network namespace, and a relay in the
 * root namespace listening on the source's network. The sender runs inside the source's
 * namespace, which has no route to the target's: the relay is the only way through.
 */
async function targetEntrance(name: string, source: { ns: string; net: number }, target: { ns: string; net: number }) {
  const dir = join(root, `${name}-incoming`);
  mkdirSync(dir);
  const receiver = await receiverIn(target.ns, `10.231.${target.net}.2`, dir, `${name}-token`);
  const relay = await startRelay({ listen: { host: `10.231.${source.net}.1`, port: 0 }, target: { host: `10.231.${target.net}.2`, port: receiver.port } });
  return {
    transfer: { url: `http://10.231.${source.net}.1:${relay.address.port}`, token: `${name}-token`, receivedDir: dir, send: senderIn(source.ns) },
    receiverPort: receiver.port,
    relay,
    close: async () => {
      await relay.close();
      receiver.stop();
    },
  };
}

/** What a direct connection from one namespace to an address gives: its error code, or CONNECTED. */
function connectFrom(ns: string, host: string, port: number): string {
  return execFileSync('ip', ['netns', 'exec', ns, process.execPath, '-e', `require('net').connect(${port}, '${host}').on('connect', () => { console.log('CONNECTED'); process.exit(0); }).on('error', (e) => { console.log(e.code); process.exit(0); })`]).toString().trim();
}

describe.runIf(available)('the proof of concept: OpenStack → OpenNebula → libvirt', () => {
  it('moves a VM across three stacks and boots it at the end with the same disk, byte for byte', { timeout: 180_000 }, async () => {
    const sim = await startOpenNebulaSimulator({ dir: join(root, 'one'), users: [{ name: 'mpli', password: 'one-pw' }], stepMs: 20 });
    const openstack = openstackAdapter({ authUrl: KEYSTONE, auth: { username: 'demo', project: 'demo' }, credentials: async () => ({ password: 'demo-ci-pw' }), images: { tiny: { path: image.qcow2, diskFormat: 'qcow2' } }, exportFrom: 'boot-image' });
    const opennebula = opennebulaAdapter({ endpoint: sim.endpoint, username: 'mpli', credentials: async () => ({ password: 'one-pw' }), pollIntervalMs: 20 });
    const admin = await LibvirtClient.connect(SOCKET, 'qemu:///system');
    mkdirSync(join(root, 'lv'), { mode: 0o755 });
    const pool = await admin.createPool(`<pool type='dir'><name>mpli-poc-${process.pid}</name><target><path>${join(root, 'lv')}</path></target></pool>`);
    const libvirt = libvirtAdapter({ address: SOCKET, uri: 'qemu:///system', pool: pool.name, consoleDir: join(root, 'lv'), shutdownTimeoutMs: 1_000 });
    const order = (id: string, adapter: string, parameters: DeliveryOrder['parameters'] = {}): DeliveryOrder => ({ id, offering: `https://example.org/${adapter}/vm`, adapter, parameters });
    // Ids of this run: a run cut short elsewhere cannot leave a VM these would find.
    const vmId = `poc-${process.pid}`;
    const toOne = await targetEntrance('one', { ns: 'mpli-os', net: 1 }, { ns: 'mpli-one', net: 2 });
    const toLibvirt = await targetEntrance('libvirt', { ns: 'mpli-one', net: 2 }, { ns: 'mpli-lv', net: 3 });
    try {
      await succeeded(openstack.apply(order(vmId, 'openstack', { image: 'tiny', flavor: 'ci.tiny' })));
      const original = await guestDigest(image.qcow2);

      const first: MigrationRequest = { id: 'poc-1', source: { adapter: openstack, orderId: vmId }, target: { adapter: opennebula, order: order(`${vmId}-one`, 'opennebula'), format: 'qcow2' }, workDir: join(root, 'work'), transfer: toOne.transfer };
      const hop1 = await runMigration(first);
      expect(hop1, hop1.error).toMatchObject({ status: 'migrated', digests: { disk0: original } });
      expect((await opennebula.status(`${vmId}-one`)).outputs.state).toBe('RUNNING');
      // The disk went through the relay, and could not have gone around it.
      expect(toOne.relay.bytes().forward).toBeGreaterThan(0);
      expect(connectFrom('mpli-os', '10.231.2.2', toOne.receiverPort)).toBe('ENETUNREACH');
      expect(connectFrom('mpli-one', '10.231.3.2', toLibvirt.receiverPort)).toBe('ENETUNREACH');

      const second: MigrationRequest = { id: 'poc-2', source: { adapter: opennebula, orderId: `${vmId}-one` }, target: { adapter: libvirt, order: order(`${vmId}-lv`, 'libvirt', { waitForConsole: GUEST_MARKER, bootTimeoutMs: 30_000 }), format: 'qcow2' }, workDir: join(root, 'work'), transfer: toLibvirt.transfer };
      const hop2 = await runMigration(second);
      expect(hop2, hop2.error).toMatchObject({ status: 'migrated', digests: { disk0: original } });
      expect(readFileSync(join(root, 'lv', `mpli-${vmId}-lv.log`), 'latin1')).toContain(GUEST_MARKER);

      // The disk at the end, read back from libvirt and flattened to raw, is the original byte for byte.
      const volume = (await admin.lookupVolume(pool, `mpli-${vmId}-lv-disk0.qcow2`))!;
      await pipeline(Readable.from(admin.download(volume)), createWriteStream(join(root, 'final.qcow2')));
      execFileSync('qemu-img', ['convert', '-f', 'qcow2', '-O', 'raw', join(root, 'final.qcow2'), join(root, 'final.raw')]);
      expect(readFileSync(join(root, 'final.raw')).equals(readFileSync(image.raw))).toBe(true);
      // The receivers dropped their copies once the target took the disk.
      expect(readdirSync(join(root, 'one-incoming'))).toEqual([]);
      expect(readdirSync(join(root, 'libvirt-incoming'))).toEqual([]);
      // Both earlier homes keep the VM, stopped.
      expect((await openstack.status(vmId)).outputs.status).toBe('SHUTOFF');
      expect((await opennebula.status(`${vmId}-one`)).outputs.state).toBe('POWEROFF');
    } finally {
      await finished(libvirt.destroy(`${vmId}-lv`));
      await finished(opennebula.destroy(`${vmId}-one`));
      await finished(openstack.destroy(vmId));
      for (const a of [libvirt, opennebula, openstack]) await a.dispose();
      await toOne.close();
      await toLibvirt.close();
      await admin.destroyPool(pool).catch(() => undefined);
      await admin.close();
      await sim.close();
    }
  });
});
