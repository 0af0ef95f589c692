import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GlanceClient, KeystoneSession, openstackAdapter } from '@mpli/delivery-adapters/openstack';

// A Keystone, a Glance and the flavor list of a Nova on loopback. Glance records the sha512 of
// what it received (as the real one does); `damage` flips one byte of what reaches it or what it sends.
let damage: 'none' | 'received' | 'sent' = 'none';
const images = new Map<string, { data: Buffer; recorded: string; tags: string[] }>();
const deleted: string[] = [];
let created = 0;
const json = (response: ServerResponse, status: number, body?: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(body === undefined ? undefined : JSON.stringify(body));
};
const flipped = (data: Buffer) => {
  const copy = Buffer.from(data);
  copy[copy.length >> 1]! ^= 0xff;
  return copy;
};
const record = (id: string) => {
  const image = images.get(id)!;
  return { id, name: id, status: 'active', size: image.data.length, disk_format: 'qcow2', tags: image.tags, os_hash_algo: 'sha512', os_hash_value: image.recorded };
};
/** PUT /v2/images/{id}/file: keeps the bytes and records their sha512. */
function receiveFile(request: IncomingMessage, response: ServerResponse, image: { data: Buffer; recorded: string }) {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const received = damage === 'received' ? flipped(Buffer.concat(chunks)) : Buffer.concat(chunks);
    image.recorded = createHash('sha512').update(received).digest('hex');
    image.data = received;
    json(response, 204);
  });
}

/** GET /v2/images/{id}/file, from the byte a Range header names. */
function sendFile(request: IncomingMessage, response: ServerResponse, image: { data: Buffer }) {
  const from = Number(/^bytes=(\d+)-$/.exec(request.headers.range ?? '')?.[1] ?? 0);
  const sent = (damage === 'sent' ? flipped(image.data) : image.data).subarray(from);
  response.writeHead(from ? 206 : 200, { 'content-type': 'application/octet-stream', 'content-length': String(sent.length), ...(from ? { 'content-range': `bytes ${from}-${image.data.length - 1}/${image.data.length}` } : {}) });
  // Two writes, so that a reader sees more than one chunk before the end.
  response.write(sent.subarray(0, sent.length >> 1));
  setTimeout(() => response.end(sent.subarray(sent.length >> 1)), 20);
}
const server = createServer((request: IncomingMessage, response: ServerResponse) => {
  const url = request.url ?? '/';
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  if (url === '/v3/auth/tokens') {
    response.setHeader('x-subject-token', 'token-1');
    const endpoint = (type: string, path: string) => ({ type, endpoints: [{ interface: 'public', url: `${base}${path}` }] });
    return json(response, 201, { token: { expires_at: new Date(Date.now() + 3_600_000).toISOString(), catalog: [endpoint('compute', '/compute'), endpoint('image', '/image')] } });
  }
  if (url === '/compute/flavors') return json(response, 200, { flavors: [{ id: 'f1', name: 'small' }] });
  if (url.startsWith('/compute/servers/detail')) return json(response, 200, { servers: [] });
  if (url.startsWith('/image/v2/images?')) {
    const tag = new URL(url, base).searchParams.get('tag');
    return json(response, 200, { images: [...images.keys()].filter((id) => tag && images.get(id)!.tags.includes(tag)).map(record) });
  }
  if (request.method === 'POST' && url === '/image/v2/images') {
    const body: Buffer[] = [];
    request.on('data', (chunk: Buffer) => body.push(chunk));
    request.on('end', () => {
      const id = `img-${++created}`;
      const { tags } = JSON.parse(Buffer.concat(body).toString()) as { tags: string[] };
      images.set(id, { data: Buffer.alloc(0), recorded: '', tags });
      json(response, 201, { id, name: id, status: 'queued', tags });
    });
    return;
  }
  const [, id, file] = /^\/image\/v2\/images\/([^/]+)(\/file)?$/.exec(url) ?? [];
  const image = id ? images.get(id) : undefined;
  if (!id || !image) return json(response, 404, {});
  if (request.method === 'DELETE') return images.delete(id), deleted.push(id), json(response, 204);
  if (file && request.method === 'PUT') return receiveFile(request, response, image);
  if (file) return sendFile(request, response, image);
  return json(response, 200, record(id));
});
const dir = mkdtempSync(join(tmpdir(), 'mpli-glance-hash-'));
const disk = join(dir, 'disk.qcow2');
const content = randomBytes(300_000);
writeFileSync(disk, content);
beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)));
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())).then(() => rmSync(dir, { recursive: true, force: true })));
beforeEach(() => {
  damage = 'none';
  deleted.length = 0;
});
const authUrl = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3`;
const glance = () => new GlanceClient(new KeystoneSession(authUrl(), async () => ({ kind: 'application-credential', id: 'app', secret: 's3cret' })));
const stored = (data: Buffer) => {
  const id = `img-${++created}`;
  images.set(id, { data, recorded: createHash('sha512').update(data).digest('hex'), tags: [] });
  return id;
};
const readAll = async (chunks: AsyncIterable<Buffer>) => {
  const got: Buffer[] = [];
  for await (const chunk of chunks) got.push(chunk);
  return got;
};

describe("Glance's record of an image's data", () => {
  it('checks a whole download against it, and fails before the last chunk is handed over', async () => {
    const id = stored(content);
    const expect_ = { algorithm: 'sha512', value: images.get(id)!.recorded };
    expect(Buffer.concat(await readAll(glance().download(id, { expect: expect_ }))).equals(content)).toBe(true);

    damage = 'sent';
    const got: Buffer[] = [];
    await expect(
      (async () => {
        for await (const chunk of glance().download(id, { expect: expect_ })) got.push(chunk);
      })(),
    ).rejects.toThrow(new RegExp(`image ${id} downloaded with sha512 [0-9a-f]{16}…, but glance recorded ${expect_.value.slice(0, 16)}`));
    expect(Buffer.concat(got).length).toBeLessThan(content.length);
  });

  it('fails an order whose image reached Glance otherwise than it was sent, and removes that image', async () => {
    damage = 'received';
    const adapter = openstackAdapter({ authUrl: authUrl(), credentials: async () => ({ applicationCredentialId: 'app', applicationCredentialSecret: 's3cret' }), images: { tiny: { path: disk, diskFormat: 'qcow2' } } });
    try {
      const result = await adapter.apply({ id: 'hash-1', offering: 'https://example.org/id/vm', adapter: 'openstack', parameters: { image: 'tiny', flavor: 'small' } }).result;
      expect(result.status).toBe('failed');
      expect(result.error).toMatch(/uploaded with sha512 [0-9a-f]{16}…, but glance recorded/);
      expect(deleted).toHaveLength(1);
    } finally {
      await adapter.dispose();
    }
  });

  it('cannot check a read from an offset, and does not', async () => {
    const id = stored(content);
    const tail = await readAll(glance().download(id, { offset: 1000, expect: { algorithm: 'sha512', value: 'not-the-hash-of-the-tail' } }));
    expect(Buffer.concat(tail).equals(content.subarray(1000))).toBe(true);
  });
});
