import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { Catalog, crawl, createManifestPublisher, type ManifestPublisher } from '@mpli/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManifestVerifier, generateSigningKey, signManifest, type SigningKey } from '@mpli/trust';

const example = readFileSync(new URL('../../../examples/manifests/scaldis-cloud.ttl', import.meta.url), 'utf8');
const publishers = new Map<number, ManifestPublisher>();
const keys: SigningKey[] = [];
let base = '';
const server = createServer((request, response) => {
  const match = /^\/p(\d+)(\/.*)$/.exec(request.url ?? '');
  const publisher = match ? publishers.get(Number(match[1])) : undefined;
  if (!publisher) return void response.writeHead(404).end();
  request.url = match![2];
  publisher.handle(request, response);
});

const manifestOf = (i: number, price = '0.021') => example
  .replaceAll('https://scaldis.example/.well-known/mpli', `${base}/p${i}/.well-known/mpli`)
  .replace('<did:web:scaldis.example>', `<${keys[i]!.controller}>`)
  .replace('"0.021"^^xsd:decimal', `"${price}"^^xsd:decimal`)
  .replace('mpli:peer <https://rheinwerk.example/.well-known/mpli> ;', '')
  .replace('    mpli:marketplace <https://marketplace.dome.example/registry> .', '    schema:description "A test provider" .');

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (let i = 0; i < 4; i += 1) {
    keys.push(await generateSigningKey());
    const text = manifestOf(i);
    publishers.set(i, await createManifestPublisher({ manifest: { text, format: 'text/turtle' }, baseUrl: `${base}/p${i}`, signature: await signManifest(text, keys[i]!, { format: 'text/turtle' }) }));
  }
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('crawling signed manifests with the trust package\'s verifier', () => {
  it('lets in manifests whose eddsa-rdfc-2022 signature verifies, served re-serialised by the publisher', async () => {
    // Provider 3 changes its price after signing and serves the old signature.
    const signed = await signManifest(manifestOf(3), keys[3]!, { format: 'text/turtle' });
    await publishers.get(3)!.update({ manifest: { text: manifestOf(3, '0.009'), format: 'text/turtle' }, signature: signed });
    const catalog = new Catalog();
    const report = await crawl({ seeds: [0, 1, 2, 3].map((i) => `${base}/p${i}/.well-known/mpli`), catalog, verifier: createManifestVerifier(), allowedAddresses: ['127.0.0.1'] });
    expect(report.fetched.map((f) => f.signer).sort()).toEqual(keys.slice(0, 3).map((k) => k.controller).sort());
    expect(report.quarantined).toEqual([{ url: `${base}/p3/.well-known/mpli`, reason: expect.stringContaining('digest: the manifest\'s canonical digest') as string }]);
    expect(catalog.size.manifests).toBe(3);
    expect(report.timings.verifyMs).toBeGreaterThan(0);
  });
});
