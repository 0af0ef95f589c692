// For a cloud provider's portal: sign the provider's manifest, embed MPLI's publisher and REST
// endpoint in the portal's own HTTP server, and check what a marketplace will see: the manifest
// in the format it asks for, its signature verifying, and the same offerings for DOME (TMF620)
// and Gaia-X (service offering credentials, signed).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createManifestPublisher, parseRdf, readManifest } from '@mpli/core';
import { manifestToGaiaX, manifestToTmf } from '@mpli/interop';
import { createMpliServer } from '@mpli/server';
import { generateSigningKey, issueCredential, signManifest, verifyCredential, verifyManifest } from '@mpli/trust';

// The portal's key (in production: a did:web key kept in the portal's key store; never logged).
const key = await generateSigningKey();
const text = readFileSync(new URL('../manifests/scaldis-cloud.ttl', import.meta.url), 'utf8').replace('did:web:scaldis.example', key.controller);

const portal = createServer((req, res) => mpli(req, res));
await new Promise<void>((done) => portal.listen(0, '127.0.0.1', done));
const origin = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
const publisher = await createManifestPublisher({ manifest: { text, format: 'text/turtle' }, baseUrl: origin, signature: await signManifest(text, key, { format: 'text/turtle' }) });
const mpli = createMpliServer({ publisher });

try {
  // What a marketplace sees: the manifest as JSON-LD, with a link to its signature.
  const response = await fetch(`${origin}/.well-known/mpli`, { headers: { accept: 'application/ld+json' } });
  const served = await response.text();
  const link = /<([^>]+)>;\s*rel="[^"]*signature/.exec(response.headers.get('link') ?? '')?.[1];
  const signature = (await (await fetch(new URL(link!, origin))).json()) as Record<string, unknown>;
  const verdict = await verifyManifest(served, signature, { format: 'application/ld+json' });
  console.log(`${response.status} ${response.headers.get('content-type')}, signature ${verdict.verified ? 'verifies' : `fails: ${verdict.errors.join('; ')}`}`);

  // The same offerings for DOME's access node and as Gaia-X credentials.
  const manifest = readManifest((await parseRdf(text, { format: 'text/turtle' })).store);
  const tmf = manifestToTmf(manifest);
  console.log(`DOME: ${tmf.productOffering.length} product offerings, ${tmf.productOfferingPrice.length} prices`);
  const credentials = await Promise.all(manifestToGaiaX(manifest, { issuer: key.controller, validFrom: '2026-12-01T00:00:00Z' }).map((c) => issueCredential(c, key)));
  const verified = await Promise.all(credentials.map((c) => verifyCredential(c)));
  console.log(`Gaia-X: ${credentials.length} credentials signed, ${verified.filter((v) => v.verified).length} verify`);
} finally {
  await new Promise((done) => portal.close(done));
}
