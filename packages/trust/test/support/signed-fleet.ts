import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createManifestPublisher, type ManifestPublisher } from '@mpli/core';
import { generateSigningKey, signManifest, type SigningKey } from '@mpli/trust';

const example = readFileSync(new URL('../../../../examples/manifests/scaldis-cloud.ttl', import.meta.url), 'utf8');

/** How a provider of the fleet behaves. */
export type FleetBehaviour = 'good' | 'slow' | 'huge' | 'garbage' | 'broken' | 'unsigned' | 'forged' | 'gone';

/**
 * Providers on several loopback servers (hosts), each with its own key and a manifest signed for
 * real, served by @mpli/core's publisher; some misbehave, and any can change between crawls.
 */
export async function startSignedFleet(count: number, hosts: number, behaviours: Record<number, FleetBehaviour>) {
  const publishers = new Map<number, ManifestPublisher>();
  const keys = new Map<number, SigningKey>();
  const servers: Server[] = [];
  const origins: string[] = [];
  const route = (request: IncomingMessage, response: ServerResponse) => {
    if (request.url === '/registry.json') return void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ providers: [...keys.keys()].map((i) => ({ manifest: url(i) })) }));
    const match = /^\/p(\d+)(\/.*)$/.exec(request.url ?? '');
    const i = match ? Number(match[1]) : -1;
    const behaviour = behaviours[i] ?? 'good';
    if (behaviour === 'slow') return;
    if (behaviour === 'gone') return void response.writeHead(410).end();
    if (behaviour === 'huge') return void response.writeHead(200, { 'content-type': 'text/turtle' }).end('#'.repeat(2 * 1024 * 1024));
    if (behaviour === 'garbage' && match?.[2] === '/.well-known/mpli') return void response.writeHead(200, { 'content-type': 'text/turtle' }).end('<<<< not turtle');
    const publisher = publishers.get(i);
    if (!publisher) return void response.writeHead(404).end();
    request.url = match![2];
    publisher.handle(request, response);
  };
  for (let h = 0; h < hosts; h += 1) {
    const server = createServer(route);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    origins.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }
  const origin = (i: number) => origins[i % hosts]!;
  const url = (i: number) => `${origin(i)}/p${i}/.well-known/mpli`;
  const text = (i: number, price: string) => example
    .replaceAll('https://scaldis.example/.well-known/mpli', url(i))
    .replace('<did:web:scaldis.example>', `<${keys.get(i)!.controller}>`)
    .replace('"0.021"^^xsd:decimal', `"${price}"^^xsd:decimal`)
    .replace('mpli:peer <https://rheinwerk.example/.well-known/mpli> ;', '')
    .replace('    mpli:marketplace <https://marketplace.dome.example/registry> .', '    schema:description "A test provider" .');
  const publish = async (i: number, price = '0.021') => {
    const behaviour = behaviours[i] ?? 'good';
    const manifest = text(i, price);
    const served = behaviour === 'broken' ? manifest.replace('schema:priceCurrency "EUR"', 'schema:priceCurrency "EURO"') : behaviour === 'forged' ? manifest.replace(`"${price}"`, '"0.001"') : manifest;
    const signature = behaviour === 'unsigned' ? undefined : await signManifest(manifest, keys.get(i)!, { format: 'text/turtle' });
    const options = { manifest: { text: served, format: 'text/turtle' as const }, baseUrl: `${origin(i)}/p${i}`, ...(signature ? { signature } : {}), lastModified: new Date() };
    const existing = publishers.get(i);
    if (existing) await existing.update(options);
    else publishers.set(i, await createManifestPublisher(options));
  };
  for (let i = 0; i < count; i += 1) {
    keys.set(i, await generateSigningKey());
    await publish(i);
  }
  return {
    registry: `${origins[0]!}/registry.json`,
    url,
    publish,
    close: () => Promise.all(servers.map((server) => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }))),
  };
}
