// For a marketplace developer: import the SDK, crawl providers' signed manifests (three
// providers published on loopback here), verify each signature, match a consumer's requirements
// both ways, and answer in the TM Forum form DOME's marketplace speaks (TMF679).
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Catalog, crawl, createManifestPublisher, formatFromFileName, parseRdf, readRequirements, resolve, type ManifestPublisher } from '@mpli/core';
import { matchToTmf679 } from '@mpli/interop';
import { createManifestVerifier, generateSigningKey, signManifest } from '@mpli/trust';

const manifests = new URL('../manifests/', import.meta.url);
const servers: Server[] = [];

/** A provider publishing its signed manifest at /.well-known/mpli (did:key stands in for its did:web, offline). */
async function provider(file: string): Promise<string> {
  const key = await generateSigningKey();
  const text = readFileSync(new URL(file, manifests), 'utf8').replace(/did:web:[a-z.-]+example/, key.controller);
  const format = formatFromFileName(file)!;
  const holder: { publisher?: ManifestPublisher } = {};
  const server = createServer((req, res) => holder.publisher?.handle(req, res));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  servers.push(server);
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  holder.publisher = await createManifestPublisher({ manifest: { text, format }, baseUrl: origin, signature: await signManifest(text, key, { format }) });
  return origin;
}

try {
  const seeds = await Promise.all(['scaldis-cloud.ttl', 'rheinwerk-cloud.jsonld', 'nuage-souverain.ttl'].map(provider));
  const catalog = new Catalog();
  // Loopback is refused by default (a crawler must not be turned against its own network); allowed here.
  const report = await crawl({ seeds, catalog, verifier: createManifestVerifier(), allowedAddresses: ['127.0.0.1'], followLinks: false });
  console.log(`crawled ${report.fetched.length} signed manifests, ${report.failed.length} failed, ${catalog.size.offerings} offerings`);

  const requirements = readRequirements((await parseRdf(readFileSync(new URL('requirements-hospital.ttl', manifests), 'utf8'), { format: 'text/turtle' })).store);
  const result = await resolve(requirements, catalog, { asOf: '2026-12-01', top: 2 });
  for (const need of result.needs) {
    console.log(`${need.need.title}: ${need.matches.map((m) => `#${m.rank} ${m.offering.name} (${m.offering.provider.name})`).join(', ') || 'no match'}`);
  }
  const answer = matchToTmf679(result, { consumer: { id: 'did:web:az-sint-lieven.example', name: requirements.consumer.name }, now: new Date('2026-12-01T09:00:00Z') });
  console.log(`TMF679: ${answer.qualificationResult}, ${answer.productOfferingQualificationItem.filter((i) => i.qualificationItemResult === 'qualified').length} qualified`);
} finally {
  await Promise.all(servers.map((s) => new Promise((done) => s.close(done))));
}
