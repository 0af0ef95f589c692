import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManifestPublisher, parseRdf, type ManifestPublisher } from '@mpli/core';
import { generateSigningKey, signManifest } from '@mpli/trust';
import { main } from '@mpli/cli';
import { captureIo, REPO_ROOT } from './capture-io';

const example = readFileSync(join(REPO_ROOT, 'examples/manifests/scaldis-cloud.ttl'), 'utf8');
const publishers = new Map<number, ManifestPublisher>();
let base = '';
const server = createServer((request, response) => {
  if (request.url === '/registry.json') return void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ providers: [0, 1, 2].map((i) => ({ manifest: `${base}/p${i}/.well-known/mpli` })) }));
  const match = /^\/p(\d+)(\/.*)$/.exec(request.url ?? '');
  const publisher = match ? publishers.get(Number(match[1])) : undefined;
  if (!publisher) return void response.writeHead(404).end();
  request.url = match![2];
  publisher.handle(request, response);
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (let i = 0; i < 3; i += 1) {
    const key = await generateSigningKey();
    const text = example.replaceAll('https://scaldis.example/.well-known/mpli', `${base}/p${i}/.well-known/mpli`).replace('<did:web:scaldis.example>', `<${key.controller}>`)
      .replace('mpli:peer <https://rheinwerk.example/.well-known/mpli> ;', '').replace('    mpli:marketplace <https://marketplace.dome.example/registry> .', '    schema:description "test" .');
    // Provider 2 serves a manifest changed after signing.
    const served = i === 2 ? text.replace('"0.021"^^xsd:decimal', '"0.009"^^xsd:decimal') : text;
    publishers.set(i, await createManifestPublisher({ manifest: { text: served, format: 'text/turtle' }, baseUrl: `${base}/p${i}`, signature: await signManifest(text, key, { format: 'text/turtle' }) }));
  }
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('mpli crawl', () => {
  it('writes the manifests that verify and a report, and exits 1 naming the one kept out', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mpli-crawl-'));
    const io = captureIo(REPO_ROOT);
    expect(await main(['crawl', '--registry', `${base}/registry.json`, '--out', out, '--allow-private'], io)).toBe(1);
    expect(io.out()).toMatch(/^2 fetched, 0 unchanged, 0 failed, 1 kept out, 0 flagged/);
    expect(io.out()).toContain(`⊘ ${base}/p2/.well-known/mpli: its signature does not verify: digest:`);
    const files = readdirSync(out).sort();
    expect(files).toHaveLength(3);
    expect(files).toContain('crawl-report.json');
    const written = files.find((f) => f.endsWith('.ttl'))!;
    expect((await parseRdf(readFileSync(join(out, written), 'utf8'), { format: 'text/turtle' })).store.size).toBeGreaterThan(200);
  });

  it('refuses loopback addresses unless allowed, and needs somewhere to write', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mpli-crawl-'));
    const io = captureIo(REPO_ROOT);
    expect(await main(['crawl', `${base}/p0/.well-known/mpli`, '--out', out], io)).toBe(1);
    expect(io.out()).toContain('127.0.0.1 is a private, loopback or reserved address');
    expect(await main(['crawl', `${base}/p0/.well-known/mpli`], captureIo(REPO_ROOT))).toBe(2);
  });
});
