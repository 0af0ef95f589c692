// A fleet of providers for pnpm bench crawl: N providers spread over S loopback servers (hosts),
// each manifest signed for real (eddsa-rdfc-2022) and served by @mpli/core's publisher. With TLS,
// providers are did:web, as Gaia-X requires: each publishes its DID document beside its manifest,
// and verifiers resolve it over HTTPS; without, they are did:key.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createManifestPublisher, type ManifestPublisher } from '@mpli/core';
import { generateSigningKey, signManifest, type SigningKey } from '@mpli/trust';

const example = readFileSync(new URL('../examples/manifests/scaldis-cloud.ttl', import.meta.url), 'utf8');

export interface Fleet {
  readonly registry: string;
  /** Publishes a new, re-signed version of provider i with another price. */
  change(i: number, price: string): Promise<void>;
  close(): Promise<void>;
}

export async function startFleet(providers: number, hosts: number, tls?: { key: string; cert: string }): Promise<Fleet> {
  const servers: Server[] = [];
  const origins: string[] = [];
  const publishers = new Map<number, ManifestPublisher>();
  const keys = new Map<number, SigningKey>();
  const didDocuments = new Map<number, string>();
  for (let h = 0; h < hosts; h += 1) {
    const handler = (request: IncomingMessage, response: ServerResponse) => {
      const did = /^\/p(\d+)\/did\.json$/.exec(request.url ?? '');
      if (did) return void response.writeHead(200, { 'content-type': 'application/did+json' }).end(didDocuments.get(Number(did[1])) ?? '{}');
      if (request.url === '/registry.json') {
        return void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ providers: [...publishers.keys()].map((i) => ({ manifest: manifestUrl(i) })) }));
      }
      const match = /^\/p(\d+)(\/.*)$/.exec(request.url ?? '');
      const publisher = match ? publishers.get(Number(match[1])) : undefined;
      if (!publisher) return void response.writeHead(404).end();
      request.url = match![2];
      publisher.handle(request, response);
    };
    const server: Server = tls ? (createTlsServer(tls, handler) as unknown as Server) : createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    origins.push(`${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }
  const originOf = (i: number) => origins[i % hosts]!;
  const manifestUrl = (i: number) => `${originOf(i)}/p${i}/.well-known/mpli`;
  const text = (i: number, price: string) => example
    .replaceAll('https://scaldis.example/.well-known/mpli', manifestUrl(i))
    .replace('<did:web:scaldis.example>', `<${keys.get(i)!.controller}>`)
    .replace('"0.021"^^xsd:decimal', `"${price}"^^xsd:decimal`)
    .replace('mpli:peer <https://rheinwerk.example/.well-known/mpli> ;', '')
    .replace('    mpli:marketplace <https://marketplace.dome.example/registry> .', '    schema:description "A benchmark provider" .');
  const publish = async (i: number, price: string) => {
    const manifest = text(i, price);
    const options = { manifest: { text: manifest, format: 'text/turtle' as const }, baseUrl: `${originOf(i)}/p${i}`, signature: await signManifest(manifest, keys.get(i)!, { format: 'text/turtle' }), lastModified: new Date() };
    const existing = publishers.get(i);
    if (existing) await existing.update(options);
    else publishers.set(i, await createManifestPublisher(options));
  };
  for (let i = 0; i < providers; i += 1) {
    if (tls) {
      const did = `did:web:127.0.0.1%3A${new URL(originOf(i)).port}:p${i}`;
      const key = await generateSigningKey({ controller: did });
      keys.set(i, key);
      didDocuments.set(i, JSON.stringify({
        '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'], id: did,
        verificationMethod: [{ id: key.id, type: 'Multikey', controller: did, publicKeyMultibase: key.publicKeyMultibase }], assertionMethod: [key.id],
      }));
    } else keys.set(i, await generateSigningKey());
    await publish(i, '0.021');
  }
  return {
    registry: `${origins[0]!}/registry.json`,
    change: (i, price) => publish(i, price),
    close: async () => {
      await Promise.all(servers.map((server) => new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      })));
    },
  };
}
