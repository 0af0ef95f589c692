// The discovery steps of pnpm demo: providers publish their signed manifests at
// /.well-known/mpli, a marketplace crawls them through its REST endpoint, verifying each
// signature, and answers a consumer's POST /match.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createManifestPublisher, formatFromFileName, type ManifestPublisher } from '@mpli/core';
import { createMpliServer } from '@mpli/server';
import { createManifestVerifier, generateSigningKey, signManifest } from '@mpli/trust';

type Step = { step: string; ok: boolean; detail: string };

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; origin: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export async function discoverySteps(manifests: string, say: (text?: string) => void): Promise<Step[]> {
  const steps: Step[] = [];
  const servers: Server[] = [];
  try {
    say('\n9. Providers publish signed manifests at /.well-known/mpli; a marketplace crawls them and serves MPLI over REST.');
    const seeds: string[] = [];
    for (const file of ['scaldis-cloud.ttl', 'rheinwerk-cloud.jsonld', 'nuage-souverain.ttl']) {
      const key = await generateSigningKey();
      // Offline, each provider signs with a did:key stand-in for its did:web.
      const text = readFileSync(join(manifests, file), 'utf8').replace(/did:web:[a-z.-]+example/, key.controller);
      const format = formatFromFileName(file)!;
      const holder: { publisher?: ManifestPublisher } = {};
      const { server, origin } = await listen((req, res) => holder.publisher?.handle(req, res));
      // The links it serves (to its signature) need its own origin, known once it listens.
      holder.publisher = await createManifestPublisher({ manifest: { text, format }, baseUrl: origin, signature: await signManifest(text, key, { format }) });
      servers.push(server);
      seeds.push(origin);
    }
    const token = 'demo-token';
    const { server, origin } = await listen(createMpliServer({ tokens: [token], crawl: { verifier: createManifestVerifier(), allowedAddresses: ['127.0.0.1'], followLinks: false } }));
    servers.push(server);
    const started = await fetch(`${origin}/crawls`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ seeds }) });
    let operation = (await started.json()) as { id: string; status: string; result?: { fetched: { url: string; signer?: string }[] } };
    while (operation.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 50));
      operation = (await (await fetch(`${origin}/operations/${operation.id}`)).json()) as typeof operation;
    }
    for (const fetched of operation.result?.fetched ?? []) say(`   ✔ crawled ${fetched.url}, signature by ${fetched.signer?.slice(0, 24) ?? '?'}… verified`);
    steps.push({ step: 'publish, crawl, verify', ok: operation.status === 'succeeded' && operation.result?.fetched.length === 3, detail: `${operation.result?.fetched.length ?? 0} signed manifests in` });

    const requirements = readFileSync(join(manifests, 'requirements-hospital.ttl'), 'utf8');
    const answer = await fetch(`${origin}/match?asOf=2026-12-01&top=3`, { method: 'POST', headers: { 'content-type': 'text/turtle' }, body: requirements });
    const result = (await answer.json()) as { needs: { need: { title?: string }; matches: { offering: { identifier: string; name: string } }[] }[] };
    for (const need of result.needs) say(`   POST /match → ${need.need.title ?? 'need'}: ${need.matches.map((m) => m.offering.name).join(', ') || 'no match'}`);
    steps.push({ step: 'REST match', ok: answer.status === 200 && result.needs[0]?.matches[0]?.offering.identifier === 'vm-m4', detail: `HTTP ${answer.status}` });
  } finally {
    await Promise.all(servers.map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
  }
  return steps;
}
