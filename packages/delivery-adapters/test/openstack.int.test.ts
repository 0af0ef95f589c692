import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, connect, type Socket } from 'node:net';
import { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import type { DeliveryOrder } from '@mpli/delivery-adapters';
import { GlanceClient, KeystoneSession, NovaClient, openstackAdapter } from '@mpli/delivery-adapters/openstack';
import { buildGuestImage, describeAdapterConformance } from '@mpli/delivery-adapters/testing';
import { OPENSTACK, openstackAvailable } from './openstack-service';

// Against real Keystone, Glance and Nova (Debian's Zed packages, Nova on its fake driver) started
// by services/openstack/start.sh on loopback.
const available = await openstackAvailable();
const dir = mkdtempSync(join(tmpdir(), 'mpli-openstack-'));
const { qcow2 } = buildGuestImage(dir);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const order = (id: string, parameters: DeliveryOrder['parameters'] = {}): DeliveryOrder => ({ id, offering: 'https://scaldis.example/.well-known/mpli#vm-s2', adapter: 'openstack', parameters: { image: 'tiny', flavor: OPENSTACK.flavor, ...parameters } });
/** The guest image as a stream that takes about three seconds to arrive, as over a slow link. */
const slowly = (signal: AbortSignal) =>
  Readable.from((async function* () {
    const data = readFileSync(qcow2);
    const step = Math.ceil(data.length / 15);
    for (let at = 0; at < data.length && !signal.aborted; at += step) {
      yield data.subarray(at, at + step);
      await sleep(200);
    }
  })());
const demo = () =>
  openstackAdapter({
    authUrl: OPENSTACK.authUrl,
    auth: { username: OPENSTACK.user, project: OPENSTACK.project },
    credentials: async () => ({ password: OPENSTACK.password }),
    images: { tiny: { path: qcow2, diskFormat: 'qcow2' }, slow: { open: slowly, diskFormat: 'qcow2' } },
    // Nova's fake driver puts no data in snapshots: exports take the boot image.
    exportFrom: 'boot-image',
  });

if (available) {
  describeAdapterConformance('openstack', async () => ({
    adapter: demo(),
    order: (id) => order(id),
    // Nova refuses to boot an image that needs more memory than the flavor has, after the image was uploaded.
    failingOrder: (id) => order(id, { min_ram: 4096 }),
    // The image upload takes seconds, so cancel lands while Glance is receiving it.
    slowOrder: (id) => order(id, { image: 'slow' }),
    importOrder: (id) => ({ id, offering: 'https://scaldis.example/.well-known/mpli#vm-s2', adapter: 'openstack', parameters: {} }),
    secret: OPENSTACK.password,
  }));
}

describe.runIf(available)('openstack adapter', () => {
  it('uploads to Glance, boots on Nova, and reads the image back with Range from any byte', async () => {
    const adapter = demo();
    try {
      const result = await adapter.apply(order('os-1')).result;
      expect(result.status, result.error).toBe('succeeded');
      expect(result.outputs).toMatchObject({ status: 'ACTIVE', macs: '' });
      const imageId = result.resources.find((r) => r.resource.startsWith('image:'))!.resource.slice('image:'.length);

      const session = new KeystoneSession(OPENSTACK.authUrl, async () => ({ kind: 'password', username: OPENSTACK.user, password: OPENSTACK.password, project: OPENSTACK.project }));
      const glance = new GlanceClient(session);
      const original = readFileSync(qcow2);
      const image = await glance.get(imageId);
      expect(image).toMatchObject({ status: 'active', size: original.length, os_hash_algo: 'sha512', os_hash_value: createHash('sha512').update(original).digest('hex') });
      const tail: Buffer[] = [];
      for await (const chunk of glance.download(imageId, { offset: 65_536 })) tail.push(chunk);
      expect(Buffer.concat(tail).equals(original.subarray(65_536))).toBe(true);

      expect((await adapter.destroy('os-1').result).status).toBe('succeeded');
      expect(await glance.get(imageId)).toBeUndefined();
    } finally {
      await adapter.dispose();
    }
  });

  it('stops a server, snapshots it with createImage, and starts it again', async () => {
    const adapter = demo();
    const session = new KeystoneSession(OPENSTACK.authUrl, async () => ({ kind: 'password', username: OPENSTACK.user, password: OPENSTACK.password, project: OPENSTACK.project }));
    const nova = new NovaClient(session);
    const glance = new GlanceClient(session);
    let snapshot: string | undefined;
    try {
      const result = await adapter.apply(order('os-snap')).result;
      expect(result.status, result.error).toBe('succeeded');
      const serverId = result.outputs.server!;
      await nova.stop(serverId);
      expect((await nova.get(serverId))?.status).toBe('SHUTOFF');
      snapshot = await nova.createImage(serverId, 'mpli-os-snap-snapshot', { mpli_operation: 'os-snap-export' });
      // Nova's fake driver hands no disk data to Glance: the snapshot's record is what can be checked here.
      expect((await nova.waitTaskDone(serverId))['OS-EXT-STS:task_state']).toBeNull();
      const image = await glance.get(snapshot);
      expect(image).toMatchObject({ id: snapshot, name: 'mpli-os-snap-snapshot', mpli_operation: 'os-snap-export' });
      await nova.start(serverId);
      expect((await nova.get(serverId))?.status).toBe('ACTIVE');
    } finally {
      if (snapshot) await glance.delete(snapshot);
      await adapter.destroy('os-snap').result;
      await adapter.dispose();
    }
  });

  it('resumes a Glance download from the byte where the connection broke', async () => {
    // A proxy in front of Glance that cuts the first whole-image download after 100 kB of answer;
    // the resumed request (with a Range header) goes through.
    const glanceUrl = new URL((await new KeystoneSession(OPENSTACK.authUrl, async () => ({ kind: 'password', username: OPENSTACK.user, password: OPENSTACK.password, project: OPENSTACK.project })).endpoint('image'))!);
    let cuts = 0;
    const ranges: string[] = [];
    const proxy = createServer((client: Socket) => {
      const upstream = connect(Number(glanceUrl.port), glanceUrl.hostname);
      let cutAfter: number | undefined;
      let relayed = 0;
      client.on('data', (d: Buffer) => {
        const head = d.toString('latin1');
        const range = /range: (bytes=\d+-)/i.exec(head);
        if (range) ranges.push(range[1]!);
        else if (/^GET \S+\/file /.test(head) && cuts === 0) cutAfter = relayed + 100_000;
        upstream.write(d);
      });
      upstream.on('data', (d: Buffer) => {
        relayed += d.length;
        if (cutAfter !== undefined && relayed > cutAfter) {
          cuts += 1;
          client.destroy();
          upstream.destroy();
        } else client.write(d);
      });
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const port = (proxy.address() as { port: number }).port;
    const adapter = demo();
    try {
      const result = await adapter.apply(order('os-resume')).result;
      expect(result.status, result.error).toBe('succeeded');
      const imageId = result.resources.find((r) => r.resource.startsWith('image:'))!.resource.slice('image:'.length);
      const session = new KeystoneSession(OPENSTACK.authUrl, async () => ({ kind: 'password', username: OPENSTACK.user, password: OPENSTACK.password, project: OPENSTACK.project }), { endpointOverrides: { image: `http://127.0.0.1:${port}` } });
      const glance = new GlanceClient(session);
      expect((await glance.get(imageId))?.status).toBe('active');
      const chunks: Buffer[] = [];
      for await (const chunk of glance.download(imageId)) chunks.push(chunk);
      expect(Buffer.concat(chunks).equals(readFileSync(qcow2))).toBe(true);
      expect(cuts).toBe(1);
      expect(ranges).toHaveLength(1);
      expect(Number(/\d+/.exec(ranges[0]!)![0])).toBeGreaterThan(0);
    } finally {
      proxy.close();
      await adapter.destroy('os-resume').result;
      await adapter.dispose();
    }
  });

  it('uploads through interoperable import (glance-direct) when asked', async () => {
    const adapter = openstackAdapter({ authUrl: OPENSTACK.authUrl, auth: { username: OPENSTACK.user, project: OPENSTACK.project }, credentials: async () => ({ password: OPENSTACK.password }), images: { tiny: { path: qcow2, diskFormat: 'qcow2' } }, useImport: true });
    try {
      const result = await adapter.apply(order('os-import')).result;
      expect(result.status, result.error).toBe('succeeded');
      expect(result.outputs.status).toBe('ACTIVE');
      expect((await adapter.destroy('os-import').result).status).toBe('succeeded');
    } finally {
      await adapter.dispose();
    }
  });

  it('authenticates with an application credential, and renews a token that was revoked', async () => {
    const admin = new KeystoneSession(OPENSTACK.authUrl, async () => ({ kind: 'password', username: OPENSTACK.user, password: OPENSTACK.password, project: OPENSTACK.project }));
    const token = await request(`${OPENSTACK.authUrl}/auth/tokens`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ auth: { identity: { methods: ['password'], password: { user: { name: OPENSTACK.user, domain: { name: 'Default' }, password: OPENSTACK.password } } }, scope: { project: { name: OPENSTACK.project, domain: { name: 'Default' } } } } }),
    });
    const { token: issued } = (await token.body.json()) as { token: { user: { id: string } } };
    const created = await admin.call('identity', `/users/${issued.user.id}/application_credentials`, { method: 'POST', json: { application_credential: { name: `mpli-test-${Date.now()}` } } });
    const { application_credential: credential } = (await created.body.json()) as { application_credential: { id: string; secret: string } };
    const adapter = openstackAdapter({ authUrl: OPENSTACK.authUrl, credentials: async () => ({ applicationCredentialId: credential.id, applicationCredentialSecret: credential.secret }) });
    expect(await adapter.status('nothing-here')).toMatchObject({ state: 'absent' });

    // Revoke the session's token behind its back: the next call gets a 401, renews, and succeeds.
    const session = new KeystoneSession(OPENSTACK.authUrl, async () => ({ kind: 'application-credential', id: credential.id, secret: credential.secret }));
    await session.authenticate();
    const current = (session as unknown as { token: string }).token;
    const revoked = await request(`${OPENSTACK.authUrl}/auth/tokens`, { method: 'DELETE', headers: { 'x-auth-token': current, 'x-subject-token': current } });
    expect(revoked.statusCode).toBe(204);
    await revoked.body.dump();
    const images = await new GlanceClient(session).findByTag('none');
    expect(images).toEqual([]);
    expect((session as unknown as { token: string }).token).not.toBe(current);
  });

  it('says plainly when the password is wrong, without repeating it', async () => {
    const adapter = openstackAdapter({ authUrl: OPENSTACK.authUrl, auth: { username: OPENSTACK.user, project: OPENSTACK.project }, credentials: async () => ({ password: 'wrong-password-123' }) });
    const result = await adapter.apply(order('os-bad')).result;
    expect(result).toMatchObject({ status: 'failed', error: 'keystone: the credentials were refused (HTTP 401)' });
    expect(JSON.stringify(result)).not.toContain('wrong-password-123');
  });
});
