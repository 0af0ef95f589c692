import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '@mpli/cli';
import { LibvirtClient, type PoolRef } from '@mpli/delivery-adapters/libvirt';
import { buildGuestImage, GUEST_MARKER, serviceAvailable } from '@mpli/delivery-adapters/testing';
import { captureIo } from './capture-io';

// mpli migrate between two libvirt providers on the real libvirtd (QEMU, TCG), each set up by a
// delivery configuration file the way a provider writes one.
const SOCKET = '/run/libvirt/libvirt-sock';
const available = await serviceAvailable('libvirtd', async () => (await LibvirtClient.connect({ socket: SOCKET }, 'qemu:///system', { timeoutMs: 3_000 })).close());
const dir = mkdtempSync(join(tmpdir(), 'mpli-migrate-cli-'));
chmodSync(dir, 0o755);
const { qcow2 } = buildGuestImage(dir, { powerOff: false });
let admin: LibvirtClient;
const pools: PoolRef[] = [];

describe.runIf(available)('mpli migrate', () => {
  beforeAll(async () => {
    admin = await LibvirtClient.connect({ socket: SOCKET }, 'qemu:///system');
    for (const name of ['a', 'b']) {
      mkdirSync(join(dir, name), { mode: 0o755 });
      pools.push(await admin.createPool(`<pool type='dir'><name>mpli-cli-${name}-${process.pid}</name><target><path>${join(dir, name)}</path></target></pool>`));
      writeFileSync(join(dir, `${name}.json`), JSON.stringify({ adapters: { libvirt: { socket: SOCKET, uri: 'qemu:///system', pool: `mpli-cli-${name}-${process.pid}`, consoleDir: `./${name}`, images: { tiny: { path: qcow2, format: 'qcow2' } }, shutdownTimeoutMs: 1000 } } }));
    }
  });
  afterAll(async () => {
    for (const pool of pools) await admin.destroyPool(pool).catch(() => undefined);
    await admin?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('plans (changing nothing), migrates step by step, and refuses an order no source adapter knows', async () => {
    writeFileSync(join(dir, 'order.json'), JSON.stringify({ id: 'cli-vm', offering: 'https://example.org/id/vm', adapter: 'libvirt', parameters: { image: 'tiny', vcpus: 1, memoryMiB: 32, waitForConsole: GUEST_MARKER } }));
    let io = captureIo(dir);
    expect(await main(['deliver', 'order.json', '--config', 'a.json'], io), io.err()).toBe(0);

    const common = ['--from', 'a.json', '--to', 'b.json', '--vm', 'cli-vm', '--format', 'qcow2', '--param', `waitForConsole=${GUEST_MARKER}`];
    io = captureIo(dir);
    expect(await main(['migrate', ...common, '--plan'], io), io.err()).toBe(0);
    expect(io.out()).toContain('✔ source.image-download: the source lets 1 disk(s) be read\n');
    expect(io.out()).toMatch(/ready: [\d.]+ MB to move, about \d+ s, downtime about \d+ s\n$/);
    expect(existsSync(join(dir, 'mpli-migrations'))).toBe(false);

    // As on a terminal: a progress bar per disk on stderr.
    io = { ...captureIo(dir), color: true };
    expect(await main(['migrate', ...common], io), io.err()).toBe(0);
    expect(io.err()).toMatch(/\r {2}transfer disk0 \[#+\] [\d.]+ MB of [\d.]+ MB, [\d.]+ MB\/s, \d+ s left/);
    expect(io.out()).toContain('▶ export: stopping and describing cli-vm at the source\n');
    expect(io.out()).toContain('▶ convert: converting disk disk0 to qcow2\n');
    expect(io.out()).toMatch(/✔ migrated cli-vm → cli-vm-migrated \(disk0 mpli-disk-v1:[0-9a-f]{64}\)\n$/);

    io = captureIo(dir);
    expect(await main(['status', 'cli-vm-migrated', '--config', 'b.json'], io)).toBe(0);
    expect(io.out()).toContain('state = running');

    io = captureIo(dir);
    expect(await main(['migrate', '--from', 'a.json', '--to', 'b.json', '--vm', 'nothing'], io)).toBe(2);
    expect(io.err()).toContain('no adapter of the source configuration knows order nothing');
    for (const [config, id] of [['a.json', 'cli-vm'], ['b.json', 'cli-vm-migrated']]) expect(await main(['destroy', id!, '--config', config!], captureIo(dir))).toBe(0);
  });
});
