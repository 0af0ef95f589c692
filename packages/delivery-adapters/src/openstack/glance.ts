import type { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import { DeliveryError } from '../delivery-error';
import { expectOk, readJson } from './http';
import { checkHash, type GlanceHash } from './image-hash';
import type { KeystoneSession } from './keystone';

export interface GlanceImage {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly size?: number | null;
  readonly disk_format?: string | null;
  readonly tags: string[];
  readonly os_hash_algo?: string | null;
  readonly os_hash_value?: string | null;
  readonly [property: string]: unknown;
}

/** Glance v2: images, their data (upload, interoperable import, ranged and resumable download). */
export class GlanceClient {
  constructor(private readonly session: KeystoneSession) {}

  /** Creates an image record (queued, no data yet), with extra properties (`min_ram`, custom strings). */
  async create(image: { name: string; diskFormat: string; tags?: string[]; properties?: Record<string, string | number | boolean | undefined> }): Promise<GlanceImage> {
    const response = await this.session.call('image', '/v2/images', { method: 'POST', json: { name: image.name, disk_format: image.diskFormat, container_format: 'bare', visibility: 'private', tags: image.tags ?? [], ...image.properties } });
    return readJson<GlanceImage>('glance', response, `creating image ${image.name}`);
  }

  /** Uploads an image's data in one PUT (streamed). */
  async upload(id: string, data: Readable, options: { size?: number; signal?: AbortSignal } = {}): Promise<void> {
    const response = await this.session.call('image', `/v2/images/${id}/file`, { method: 'PUT', body: data, headers: { 'content-type': 'application/octet-stream', ...(options.size !== undefined ? { 'content-length': String(options.size) } : {}) }, timeoutMs: 600_000, ...(options.signal ? { signal: options.signal } : {}) });
    await expectOk('glance', response, `uploading image ${id}`);
  }

  /** Interoperable import: stages the data, then asks Glance to import it (`glance-direct`). */
  async stageAndImport(id: string, data: Readable, options: { signal?: AbortSignal } = {}): Promise<void> {
    const staged = await this.session.call('image', `/v2/images/${id}/stage`, { method: 'PUT', body: data, headers: { 'content-type': 'application/octet-stream' }, timeoutMs: 600_000, ...(options.signal ? { signal: options.signal } : {}) });
    await expectOk('glance', staged, `staging image ${id}`);
    const imported = await this.session.call('image', `/v2/images/${id}/import`, { method: 'POST', json: { method: { name: 'glance-direct' } } });
    await expectOk('glance', imported, `importing image ${id}`);
  }

  async get(id: string): Promise<GlanceImage | undefined> {
    const response = await this.session.call('image', `/v2/images/${id}`);
    if (response.statusCode === 404) return void (await response.body.dump());
    return readJson<GlanceImage>('glance', response, `reading image ${id}`);
  }

  async findByTag(tag: string): Promise<GlanceImage[]> {
    const response = await this.session.call('image', `/v2/images?tag=${encodeURIComponent(tag)}&limit=1000`);
    return (await readJson<{ images: GlanceImage[] }>('glance', response, 'listing images')).images;
  }

  async findByName(name: string): Promise<GlanceImage[]> {
    const response = await this.session.call('image', `/v2/images?name=${encodeURIComponent(name)}&limit=1000`);
    return (await readJson<{ images: GlanceImage[] }>('glance', response, 'listing images')).images;
  }

  async delete(id: string): Promise<void> {
    const response = await this.session.call('image', `/v2/images/${id}`, { method: 'DELETE' });
    if (response.statusCode === 404) return void (await response.body.dump());
    await expectOk('glance', response, `deleting image ${id}`);
  }

  /** Waits until the image is `active` (or fails when it is `killed`, `deleted`, or the time runs out). */
  async waitActive(id: string, timeoutMs = 120_000): Promise<GlanceImage> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const image = await this.get(id);
      if (image?.status === 'active') return image;
      if (!image || ['killed', 'deleted', 'deactivated'].includes(image.status)) throw new DeliveryError('TOOL_FAILED', `glance: image ${id} is ${image?.status ?? 'gone'}`);
      if (Date.now() > until) throw new DeliveryError('TIMEOUT', `glance: image ${id} still ${image.status} after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  /** A GET of the image's data from `offset` (HTTP Range), refused when the server ignores the range. */
  private async readFrom(id: string, offset: number, signal: AbortSignal | undefined) {
    const response = await this.session.call('image', `/v2/images/${id}/file`, { headers: offset ? { range: `bytes=${offset}-` } : {}, timeoutMs: 600_000, ...(signal ? { signal } : {}) });
    if (response.statusCode >= 400) await expectOk('glance', response, `downloading image ${id}`);
    if (offset && response.statusCode !== 206) {
      await response.body.dump();
      throw new DeliveryError('TOOL_FAILED', `glance: image ${id} cannot be read from byte ${offset} (HTTP ${response.statusCode}, no Range support)`);
    }
    return response;
  }

  /**
   * Downloads an image's data from `offset` with HTTP Range, resuming from the last byte received
   * when the connection breaks (up to `retries` times). Never holds more than one chunk. A read
   * of the whole image (from byte 0) is hashed and checked against `expect`, Glance's record of
   * the image, when given: the last chunk is only handed over once the whole image is known good.
   */
  async *download(id: string, options: { offset?: number; retries?: number; signal?: AbortSignal; expect?: GlanceHash } = {}): AsyncGenerator<Buffer> {
    let offset = options.offset ?? 0;
    const hash = options.expect && offset === 0 ? createHash(options.expect.algorithm) : undefined;
    let held: Buffer | undefined;
    for (let attempt = 0; ; attempt += 1) {
      const response = await this.readFrom(id, offset, options.signal);
      try {
        for await (const chunk of response.body) {
          offset += (chunk as Buffer).length;
          hash?.update(chunk as Buffer);
          if (held) yield held;
          held = chunk as Buffer;
        }
      } catch (error) {
        if (options.signal?.aborted || attempt >= (options.retries ?? 3)) throw new DeliveryError('TOOL_FAILED', `glance: downloading image ${id} broke at byte ${offset}: ${(error as Error).message}`);
        continue;
      }
      if (hash) checkHash(id, 'downloaded', options.expect!, hash.digest('hex'));
      if (held) yield held;
      return;
    }
  }
}
