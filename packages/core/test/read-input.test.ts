import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInput, validateInput } from '@mpli/core';
import { exampleText } from './examples';
import { startServer } from './loopback-server';

let server: Awaited<ReturnType<typeof startServer>>;
const turtle = exampleText('scaldis-cloud.ttl');

beforeAll(async () => {
  server = await startServer((req, res) => {
    const path = req.url ?? '/';
    if (path === '/manifest') {
      res.writeHead(200, { 'content-type': 'text/turtle; charset=utf-8' });
      res.end(turtle);
    } else if (path === '/big-declared') {
      res.writeHead(200, { 'content-type': 'text/turtle', 'content-length': String(50_000_000) });
      res.write('# huge\n');
    } else if (path === '/big-chunked') {
      res.writeHead(200, { 'content-type': 'text/turtle' });
      const chunk = `# ${'x'.repeat(1000)}\n`;
      const pump = () => {
        while (res.write(chunk)) if (res.writableLength > 64 * 1024) break;
        if (!res.destroyed) setTimeout(pump, 1);
      };
      pump();
    } else if (path === '/silent') {
      // Never answers: the client's time limit must end the exchange.
    } else if (path.startsWith('/redirect/')) {
      const left = Number(path.split('/')[2]);
      res.writeHead(302, { location: left > 0 ? `/redirect/${left - 1}` : '/manifest' });
      res.end();
    } else {
      res.writeHead(404).end();
    }
  });
});
afterAll(() => server.close());

describe('readInput over HTTP', () => {
  it('fetches a manifest and takes its format from Content-Type', async () => {
    const input = await readInput(`${server.url}/manifest`);
    expect(input).toMatchObject({ source: `${server.url}/manifest`, format: 'text/turtle' });
    expect(input.text).toBe(turtle);
  });

  it('validates a manifest fetched by URL', async () => {
    const { report, parsed } = await validateInput(`${server.url}/manifest`);
    expect(report.conforms).toBe(true);
    expect(parsed.store.size).toBeGreaterThan(200);
  });

  it('refuses a body whose declared length is above the limit, without reading it', async () => {
    await expect(readInput(`${server.url}/big-declared`, { maxBytes: 1_000_000 })).rejects.toMatchObject({ code: 'INPUT_TOO_LARGE' });
  });

  it('stops reading a body without a length once it passes the limit', async () => {
    await expect(readInput(`${server.url}/big-chunked`, { maxBytes: 200_000 })).rejects.toMatchObject({
      code: 'INPUT_TOO_LARGE',
      details: expect.objectContaining({ maxBytes: 200_000 }),
    });
  });

  it('gives up on a server that never answers', async () => {
    const started = Date.now();
    await expect(readInput(`${server.url}/silent`, { timeoutMs: 300 })).rejects.toMatchObject({ code: 'FETCH_FAILED', message: expect.stringContaining('no answer within 300 ms') });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('follows a few redirects but not endlessly', async () => {
    expect((await readInput(`${server.url}/redirect/3`)).text).toBe(turtle);
    await expect(readInput(`${server.url}/redirect/9`)).rejects.toMatchObject({ code: 'FETCH_FAILED', message: expect.stringContaining('redirects') });
  });

  it('reports HTTP errors', async () => {
    await expect(readInput(`${server.url}/nothing`)).rejects.toMatchObject({ code: 'FETCH_FAILED', message: expect.stringContaining('HTTP 404') });
  });
});

describe('readInput from files', () => {
  it('refuses a file above the limit by its size, before reading it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mpli-'));
    const path = join(dir, 'big.ttl');
    writeFileSync(path, Buffer.alloc(2048, 0x20));
    await expect(readInput(path, { maxBytes: 1024 })).rejects.toMatchObject({ code: 'INPUT_TOO_LARGE', details: { bytes: 2048, maxBytes: 1024 } });
    expect((await readInput(path, { maxBytes: 4096 })).format).toBe('text/turtle');
  });

  it('names a missing file', async () => {
    await expect(readInput('/no/such/manifest.ttl')).rejects.toMatchObject({ code: 'READ_FAILED', message: expect.stringContaining('ENOENT') });
  });
});
