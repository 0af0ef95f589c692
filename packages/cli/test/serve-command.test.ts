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

  it('exits 2 for a manifest that cannot be read', async () => {
    const io = captureIo(REPO_ROOT);
    expect(await main(['serve', '--manifest', 'nowhere.ttl', '--port', '0'], io)).toBe(2);
    expect(io.err()).toContain('cannot read nowhere.ttl: ENOENT');
  });
});
