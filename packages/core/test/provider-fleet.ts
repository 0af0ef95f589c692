import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createManifestPublisher, parseRdf, type ManifestPublisher, type RdfFormat } from '@mpli/core';
import { exampleText } from './examples';
import { startServer } from './loopback-server';

/** How one test provider misbehaves, if at all. */
export type Behaviour = 'good' | 'slow' | 'huge' | 'garbage' | 'invalid' | 'flaky' | 'unsigned' | 'badly-signed' | 'other-signer';

/**
 * A test double of core's ManifestVerifier: a "signature" is the signer and a digest of what the
 * manifest says (its quads, blank nodes blurred, sorted), so it survives re-serialisation as the
 * real one does. The real signatures and verifier are @mpli/trust's, tested there with the crawler.
 */
async function contentDigest(text: string, format?: RdfFormat): Promise<string> {
  const { store } = await parseRdf(text, format ? { format } : {});
  const term = (t: { termType: string; value: string }) => (t.termType === 'BlankNode' ? '_' : t.value);
  const lines = [...store.match()].map((q) => `${term(q.subject)} ${term(q.predicate)} ${term(q.object)}`).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

export const testSignature = async (signer: string, text: string) => ({ signer, digest: await contentDigest(text, 'text/turtle') });

export const testVerifier = {
  async verifyManifest(manifest: { text: string; format: RdfFormat }, signature: unknown) {
    const s = signature as { signer?: string; digest?: string };
    return s.signer && s.digest === (await contentDigest(manifest.text, manifest.format))
      ? { verified: true, signer: s.signer, errors: [] }
      : { verified: false, errors: ['digest: the manifest changed after signing'] };
  },
};

/** The Scaldis example, rewritten as provider `i` of a fleet under `base`, naming `peers`. */
export function fleetManifest(base: string, i: number, options: { price?: string; peers?: readonly string[] } = {}): string {
  const home = `${base}/p${i}/.well-known/mpli`;
  return exampleText('scaldis-cloud.ttl')
    .replaceAll('https://scaldis.example/.well-known/mpli', home)
    .replace('<did:web:scaldis.example>', `<did:example:p${i}>`)
    .replace('"0.021"^^xsd:decimal', `"${options.price ?? '0.021'}"^^xsd:decimal`)
    .replace('mpli:peer <https://rheinwerk.example/.well-known/mpli> ;', options.peers?.length ? `mpli:peer ${options.peers.map((p) => `<${p}>`).join(', ')} ;` : '')
    .replace('    mpli:marketplace <https://marketplace.dome.example/registry> .', '    schema:description "A test provider" .');
}

/**
 * Providers on one loopback server, each at /p<i>/.well-known/mpli published by core's own
 * publisher (so conditional GETs are real), with a registry at /registry.json. Each provider can
 * be told to misbehave, or be changed between crawls.
 */
export async function startFleet(count: number, behaviours: Readonly<Record<number, Behaviour>> = {}) {
  const publishers = new Map<number, ManifestPublisher>();
  const hits = new Map<string, number>();
  let active = 0;
  let maxActive = 0;
  const server = await startServer((request, response) => {
    active += 1;
    maxActive = Math.max(maxActive, active);
    response.on('close', () => void (active -= 1));
    route(request, response);
  });
  const base = server.url;
  const behaviour = (i: number) => behaviours[i] ?? 'good';
  function route(request: IncomingMessage, response: ServerResponse) {
    hits.set(request.url ?? '', (hits.get(request.url ?? '') ?? 0) + 1);
    if (request.url === '/registry.json') return void response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ providers: [...publishers.keys()].map((i) => ({ manifest: `${base}/p${i}/.well-known/mpli` })) }));
    const match = /^\/p(\d+)(\/.*)$/.exec(request.url ?? '');
    const i = match ? Number(match[1]) : -1;
    const publisher = publishers.get(i);
    if (!publisher) return void response.writeHead(404).end();
    const kind = behaviour(i);
    if (kind === 'slow') return;
    if (kind === 'huge') return void response.writeHead(200, { 'content-type': 'text/turtle' }).end('#'.repeat(3 * 1024 * 1024));
    if (kind === 'garbage' && match![2] === '/.well-known/mpli') return void response.writeHead(200, { 'content-type': 'text/turtle' }).end('this is not } turtle {');
    if (kind === 'flaky' && (hits.get(request.url ?? '') ?? 0) === 1) return void response.writeHead(503, { 'retry-after': '0' }).end();
    request.url = match![2];
    publisher.handle(request, response);
  }
  const publish = async (i: number, options: { price?: string; peers?: readonly string[] } = {}) => {
    const kind = behaviour(i);
    let text = fleetManifest(base, i, options);
    if (kind === 'invalid') text = text.replace('schema:priceCurrency "EUR" ;\n        mpli:billingPeriod unit:HR', 'schema:priceCurrency "EURO" ;\n        mpli:billingPeriod unit:HR');
    const signer = kind === 'other-signer' ? 'did:example:impostor' : `did:example:p${i}`;
    const signature = kind === 'unsigned' ? undefined : await testSignature(signer, kind === 'badly-signed' ? text.replace('Small VM', 'Tiny VM') : text);
    const options2 = { manifest: { text, format: 'text/turtle' as const }, baseUrl: `${base}/p${i}`, ...(signature ? { signature } : {}), lastModified: new Date(Date.now() - 60_000) };
    const existing = publishers.get(i);
    if (existing) await existing.update(options2);
    else publishers.set(i, await createManifestPublisher(options2));
  };
  for (let i = 0; i < count; i += 1) await publish(i);
  return {
    base, hits, publish,
    registry: `${base}/registry.json`,
    manifestUrl: (i: number) => `${base}/p${i}/.well-known/mpli`,
    maxConcurrent: () => maxActive,
    resetConcurrency: () => void (maxActive = 0),
    close: server.close,
  };
}
