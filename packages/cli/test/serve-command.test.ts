import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import { main } from '@mpli/cli';
import { captureIo, REPO_ROOT } from './capture-io';

describe('mpli serve', () => {
  it('publishes a manifest with content negotiation and an API catalog until stopped', async () => {
    const stop = new AbortController();
    const io = { ...captureIo(REPO_ROOT), signal: stop.signal };
    const running = main(['serve', '--manifest', 'examples/manifests/scaldis-cloud.ttl', '--port', '0'], io);
    let url = '';
    for (let i = 0; i < 100 && !url; i += 1) {
      url = /at (http:\/\/127\.0\.0\.1:\d+\/\.well-known\/mpli)/.exec(io.out())?.[1] ?? '';
      if (!url) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(url).not.toBe('');
    const turtle = await request(url);
    expect(turtle.statusCode).toBe(200);
    expect(turtle.headers['content-type']).toBe('text/turtle; charset=utf-8');
    expect(await turtle.body.text()).toContain('Scaldis Cloud SRL');
    const jsonld = await request(url, { headers: { accept: 'application/ld+json' } });
    expect(jsonld.headers['content-type']).toBe('application/ld+json; charset=utf-8');
    await jsonld.body.dump();
    const catalog = await request(url.replace('/mpli', '/api-catalog'));
    expect(((await catalog.body.json()) as { linkset: unknown[] }).linkset).toHaveLength(2);
    stop.abort();
    expect(await running).toBe(0);
    expect(io.out()).toContain('stopped');
  });

  it('serves a marketplace over what it crawled at start', async () => {
    const { createManifestPublisher } = await import('@mpli/core');
    const { readFileSync } = await import('node:fs');
    const { createServer } = await import('node:http');
    const publisher = await createManifestPublisher({ manifest: { text: readFileSync(`${REPO_ROOT}examples/manifests/scaldis-cloud.ttl`, 'utf8'), format: 'text/turtle' }, baseUrl: 'http://127.0.0.1' });
    const provider = createServer((req, res) => publisher.handle(req, res));
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    const seed = `http://127.0.0.1:${(provider.address() as { port: number }).port}`;
    const stop = new AbortController();
    const io = { ...captureIo(REPO_ROOT), signal: stop.signal };
    const running = main(['serve', '--marketplace', '--seed', seed, '--allow-private', '--allow-unsigned', '--port', '0'], io);
    for (let i = 0; i < 200 && !io.out().includes('crawled:'); i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    // Its peers and marketplace (example.* names) do not resolve here: they are counted, not fatal.
    expect(io.out()).toMatch(/crawled: 1 manifests in, 2 kept out; 4 offerings/);
    const origin = /marketplace at (http:\/\/127\.0\.0\.1:\d+)/.exec(io.out())![1]!;
    const providers = await request(`${origin}/providers`);
    expect(((await providers.body.json()) as { items: { name: string }[] }).items.map((p) => p.name)).toEqual(['Scaldis Cloud SRL']);
    stop.abort();
    expect(await running).toBe(0);
    await new Promise<void>((resolve) => provider.close(() => resolve()));
  });

  it('exits 2 for a manifest that cannot be read', async () => {
    const io = captureIo(REPO_ROOT);
    expect(await main(['serve', '--manifest', 'nowhere.ttl', '--port', '0'], io)).toBe(2);
    expect(io.err()).toContain('cannot read nowhere.ttl: ENOENT');
  });
});
