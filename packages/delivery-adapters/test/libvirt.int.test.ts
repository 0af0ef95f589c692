import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { DeliveryEvent, DeliveryOrder } from '@mpli/delivery-adapters';
import { LibvirtClient, libvirtAdapter } from '@mpli/delivery-adapters/libvirt';
import { buildGuestImage, describeAdapterConformance, GUEST_MARKER } from '@mpli/delivery-adapters/testing';
import { LIBVIRT_SOCKET, libvirtAvailable } from './libvirt-service';

// Against the real libvirtd of services/libvirtd-start.sh: its test driver (test:///default,
// fast: no guest runs) for the conformance suite, and QEMU (TCG) booting a real guest.
const available = await libvirtAvailable();
const order = (id: string, parameters: DeliveryOrder['parameters']): DeliveryOrder => ({ id, offering: 'https://nuage-souverain.example/id/vm-secure-4', adapter: 'libvirt', parameters });

if (available) {
  describeAdapterConformance('libvirt (test driver)', async () => ({
    adapter: libvirtAdapter({ address: LIBVIRT_SOCKET, uri: 'test:///default', pool: 'default-pool' }),
    order: (id) => order(id, { vcpus: 1, memoryMiB: 64, diskGiB: 1 }),
    // vcpus 0 is refused by libvirt when the domain is defined, after its disk was made.
    failingOrder: (id) => order(id, { vcpus: 0, memoryMiB: 64, diskGiB: 1 }),
  }));
}

if (available) {
  // The whole suite again on QEMU: real guests boot, and the slow order waits for a console
  // marker the guest never prints, so cancel lands while the guest runs.
  const dir = mkdtempSync(join(tmpdir(), 'mpli-libvirt-conf-'));
  chmodSync(dir, 0o755);
  const { qcow2 } = buildGuestImage(dir);
  const poolName = `mpli-conf-${process.pid}`;
  describeAdapterConformance('libvirt (QEMU)', async () => {
    const admin = await LibvirtClient.connect(LIBVIRT_SOCKET, 'qemu:///system');
    const pool = await admin.createPool(`<pool type='dir'><name>${poolName}</name><target><path>${dir}</path></target></pool>`);
    const tiny = { image: 'tiny', vcpus: 1, memoryMiB: 32 };
    return {
      adapter: libvirtAdapter({ address: LIBVIRT_SOCKET, uri: 'qemu:///system', pool: poolName, consoleDir: dir, images: { tiny: { path: qcow2, format: 'qcow2' } } }),
      order: (id) => order(id, { ...tiny, waitForConsole: GUEST_MARKER }),
      failingOrder: (id) => order(id, { ...tiny, vcpus: 0 }),
      slowOrder: (id) => order(id, { ...tiny, waitForConsole: 'a line this guest never prints', bootTimeoutMs: 60_000 }),
      importOrder: (id) => order(id, { waitForConsole: GUEST_MARKER }),
      cleanup: async () => {
        await admin.destroyPool(pool).catch(() => undefined);
        await admin.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  });
}

describe.runIf(available)('libvirt adapter with QEMU', () => {
  it('uploads the image, boots the guest under TCG, reads its console, and downloads the disk byte for byte', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mpli-libvirt-'));
    chmodSync(dir, 0o755);
    const { qcow2 } = buildGuestImage(dir);
    const admin = await LibvirtClient.connect(LIBVIRT_SOCKET, 'qemu:///system');
    const poolName = `mpli-test-${process.pid}`;
    const pool = await admin.createPool(`<pool type='dir'><name>${poolName}</name><target><path>${dir}</path></target></pool>`);
    const adapter = libvirtAdapter({ address: LIBVIRT_SOCKET, uri: 'qemu:///system', pool: poolName, consoleDir: dir, images: { tiny: { path: qcow2, format: 'qcow2' } } });
    try {
      const operation = adapter.apply(order('boot-1', { image: 'tiny', vcpus: 1, memoryMiB: 32, waitForConsole: GUEST_MARKER }));
      const events: DeliveryEvent[] = [];
      for await (const event of operation.events) events.push(event);
      const result = await operation.result;
      expect(result.status, result.error).toBe('succeeded');
      expect(result.resources.map((r) => r.resource).sort()).toEqual([`domain:mpli-boot-1`, `volume:${poolName}/mpli-boot-1-disk0.qcow2`]);
      expect(events.find((e) => e.type === 'progress' && e.message.startsWith('uploaded'))).toMatchObject({ message: `uploaded ${readFileSync(qcow2).length} bytes of image tiny` });

      // The guest prints its marker on the serial console (apply waited for it), then powers itself off.
      expect(events.at(-2)).toMatchObject({ type: 'progress', message: `the guest printed "${GUEST_MARKER}" on its serial console` });
      expect(readFileSync(join(dir, 'mpli-boot-1.log'), 'latin1')).toContain(GUEST_MARKER);
      let state = '';
      for (let i = 0; i < 100 && state !== 'shutoff'; i += 1) {
        await sleep(100);
        state = (await adapter.status('boot-1')).outputs.state ?? '';
      }
      expect(state).toBe('shutoff');

      // The disk comes back through a download stream exactly as it went up.
      const volume = (await admin.lookupVolume(pool, 'mpli-boot-1-disk0.qcow2'))!;
      const hash = createHash('sha256');
      for await (const chunk of admin.download(volume)) hash.update(chunk);
      expect(hash.digest('hex')).toBe(createHash('sha256').update(readFileSync(qcow2)).digest('hex'));

      const destroyed = await adapter.destroy('boot-1').result;
      expect(destroyed.status, destroyed.error).toBe('succeeded');
      expect(await admin.lookupDomain('mpli-boot-1')).toBeUndefined();
      expect(existsSync(join(dir, 'mpli-boot-1-disk0.qcow2'))).toBe(false);
    } finally {
      await adapter.dispose();
      await admin.destroyPool(pool).catch(() => undefined);
      await admin.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stops and starts a delivered domain (shutdown, destroy, start) through the client', async () => {
    const adapter = libvirtAdapter({ address: LIBVIRT_SOCKET, uri: 'test:///default', pool: 'default-pool' });
    const lv = await LibvirtClient.connect(LIBVIRT_SOCKET, 'test:///default');
    try {
      expect((await adapter.apply(order('stop-1', { diskGiB: 1 })).result).status).toBe('succeeded');
      const domain = (await lv.lookupDomain('mpli-stop-1'))!;
      expect(await lv.domainState(domain)).toBe('running');
      await lv.shutdownDomain(domain);
      expect(await lv.domainState(domain)).toBe('shutoff');
      await lv.startDomain(domain);
      expect(await lv.domainState(domain)).toBe('running');
      await lv.destroyDomain(domain);
      expect((await adapter.status('stop-1')).outputs.state).toBe('shutoff');
      expect((await adapter.destroy('stop-1').result).status).toBe('succeeded');
      expect(await lv.lookupDomain('mpli-stop-1')).toBeUndefined();
    } finally {
      await lv.close();
      await adapter.dispose();
    }
  });

  it('cancelled after its disk was made: nothing is left', async () => {
    const adapter = libvirtAdapter({ address: LIBVIRT_SOCKET, uri: 'test:///default', pool: 'default-pool' });
    try {
      const operation = adapter.apply(order('cancel-1', { diskGiB: 1 }));
      const created: string[] = [];
      const removed: string[] = [];
      for await (const event of operation.events) {
        if (event.type === 'resource-created') {
          created.push(event.resource);
          operation.cancel();
        }
        if (event.type === 'resource-removed') removed.push(event.resource);
      }
      expect(await operation.result).toMatchObject({ status: 'cancelled', leftovers: [] });
      // Cancel lands between two libvirt calls: whatever was made by then is removed again.
      expect(created).toContain('volume:default-pool/mpli-cancel-1-disk0.qcow2');
      expect(removed.sort()).toEqual(created.sort());
      expect((await adapter.status('cancel-1')).state).toBe('absent');
    } finally {
      await adapter.dispose();
    }
  });

  it('refuses an image the provider does not offer, and says when libvirtd cannot be reached', async () => {
    const adapter = libvirtAdapter({ address: LIBVIRT_SOCKET, uri: 'qemu:///system', pool: 'none', images: {} });
    expect(() => adapter.apply(order('x', { image: 'windows' }))).toThrow(/"image" parameter must name one of this provider's images \(none\)/);
    const unreachable = libvirtAdapter({ address: { host: '127.0.0.1', port: 1 }, uri: 'qemu:///system', pool: 'default' });
    await expect(unreachable.status('x')).rejects.toMatchObject({ code: 'TOOL_FAILED', message: expect.stringContaining('cannot reach libvirtd at 127.0.0.1:1') as string });
  });
});
