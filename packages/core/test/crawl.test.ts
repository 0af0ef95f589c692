import { describe, expect, it } from 'vitest';
import { Catalog, crawl, readRegistry, type CrawlEvent } from '@mpli/core';
import { startFleet, testVerifier } from './provider-fleet';

const LOOPBACK = { allowedAddresses: ['127.0.0.1'], verifier: testVerifier, timeoutMs: 1_000, backoffMs: 10 };

describe('crawl', () => {
  it('fetches every provider a registry lists, verifies each signature, and re-crawls with 304s', async () => {
    const fleet = await startFleet(12);
    try {
      const catalog = new Catalog();
      const events: CrawlEvent[] = [];
      const first = await crawl({ ...LOOPBACK, registries: [fleet.registry], catalog, onEvent: (e) => events.push(e) });
      expect(first.failed).toEqual([]);
      expect(first.quarantined).toEqual([]);
      expect(first.fetched).toHaveLength(12);
      expect(first.fetched[0]).toMatchObject({ offerings: 4, signer: expect.stringMatching(/^did:example:p\d+$/) as string });
      expect(first.registries).toEqual([{ url: fleet.registry, providers: 12 }]);
      expect(catalog.size.manifests).toBe(12);
      expect(events.filter((e) => e.type === 'fetched')).toHaveLength(12);
      expect(events.at(-1)).toMatchObject({ type: 'progress', done: 13, queued: 13 });

      await fleet.publish(3, { price: '0.019' });
      const again = await crawl({ ...LOOPBACK, registries: [fleet.registry], catalog, state: first.state });
      expect(again.unchanged).toHaveLength(11);
      expect(again.fetched.map((f) => f.url)).toEqual([fleet.manifestUrl(3)]);
      expect(catalog.size.manifests).toBe(12);
      const three = catalog.manifests().find((m) => m.id === fleet.manifestUrl(3));
      expect([...three!.dataset.match()].some((q) => q.object.value === '0.019')).toBe(true);

      // A changed version is validated incrementally (only what the change reaches), and still
      // kept out when the change breaks a rule.
      await fleet.publish(3, { price: '-0.5' });
      const broken = await crawl({ ...LOOPBACK, registries: [fleet.registry], catalog, state: again.state });
      expect(broken.quarantined.map((q) => q.reason)).toEqual([expect.stringContaining('mplish:PriceSpecification-amountNonNegative') as string]);
      expect([...catalog.get(fleet.manifestUrl(3))!.dataset.match()].some((q) => q.object.value === '0.019')).toBe(true);
    } finally {
      await fleet.close();
    }
  });

  it('keeps bad manifests out with the reason, and never lets them replace a good version', async () => {
    const fleet = await startFleet(9, { 1: 'slow', 2: 'huge', 3: 'garbage', 4: 'invalid', 5: 'flaky', 6: 'unsigned', 7: 'badly-signed' });
    try {
      const catalog = new Catalog();
      const report = await crawl({ ...LOOPBACK, registries: [fleet.registry], catalog, timeoutMs: 1_500, maxBytes: 1024 * 1024 });
      const reason = (list: readonly { url: string; reason: string }[], i: number) => list.find((x) => x.url === fleet.manifestUrl(i))?.reason;
      expect(reason(report.failed, 1)).toContain('no answer within 1500 ms');
      expect(reason(report.failed, 2)).toContain('above the limit');
      expect(reason(report.quarantined, 3)).toMatch(/^does not parse: /);
      expect(reason(report.quarantined, 4)).toContain('mplish:PriceSpecification-currencyKnown');
      expect(reason(report.quarantined, 6)).toContain('not signed');
      expect(reason(report.quarantined, 7)).toContain('its signature does not verify');
      // The flaky one answered 503 once, then came through on a retry.
      expect(report.fetched.map((f) => f.url).sort()).toEqual([fleet.manifestUrl(0), fleet.manifestUrl(5), fleet.manifestUrl(8)].sort());
      expect(catalog.size.manifests).toBe(3);
    } finally {
      await fleet.close();
    }
  });

  it('keeps the good version when a provider starts serving garbage', async () => {
    const behaviours: Record<number, 'good' | 'garbage'> = {};
    const fleet = await startFleet(1, behaviours);
    try {
      const catalog = new Catalog();
      const first = await crawl({ ...LOOPBACK, seeds: [fleet.manifestUrl(0)], catalog });
      const size = catalog.size;
      behaviours[0] = 'garbage';
      const again = await crawl({ ...LOOPBACK, seeds: [fleet.manifestUrl(0)], catalog, state: first.state });
      expect(again.quarantined[0]?.reason).toMatch(/^does not parse: /);
      expect(catalog.size).toEqual(size);
      expect(again.state.manifests.get(fleet.manifestUrl(0))).toEqual(first.state.manifests.get(fleet.manifestUrl(0)));
    } finally {
      await fleet.close();
    }
  });

  it('flags a provider whose signer changes, keeping the version signed before', async () => {
    const fleet = await startFleet(2);
    try {
      const catalog = new Catalog();
      const first = await crawl({ ...LOOPBACK, seeds: [fleet.manifestUrl(0)], catalog });
      const before = catalog.manifests()[0]!.dataset.size;
      const impostor = await startFleet(1, { 0: 'other-signer' });
      // The same URL now serves a manifest signed by someone else.
      const state = { manifests: new Map([[impostor.manifestUrl(0), first.state.manifests.get(fleet.manifestUrl(0))!]]) };
      const report = await crawl({ ...LOOPBACK, seeds: [impostor.manifestUrl(0)], catalog, state });
      expect(report.flagged[0]?.reason).toBe('signed by did:example:impostor, not by did:example:p0 as before: a key change without a rotation MPLI can verify');
      expect(catalog.manifests()[0]!.dataset.size).toBe(before);
      await impostor.close();
    } finally {
      await fleet.close();
    }
  });

  it('follows peers to a depth limit, politely: at most one request at a time per host when asked', async () => {
    const fleet = await startFleet(6);
    try {
      // p0 names p1, p1 names p2, and so on: a chain.
      for (let i = 0; i < 5; i += 1) await fleet.publish(i, { peers: [fleet.manifestUrl(i + 1)] });
      fleet.resetConcurrency();
      const report = await crawl({ ...LOOPBACK, seeds: [fleet.manifestUrl(0)], catalog: new Catalog(), maxDepth: 2, perHostConcurrency: 1 });
      expect(report.fetched.map((f) => f.url)).toEqual([0, 1, 2].map(fleet.manifestUrl));
      expect(fleet.maxConcurrent()).toBe(1);
    } finally {
      await fleet.close();
    }
  });

  it('refuses loopback and private addresses by default, and redirects to them', async () => {
    const fleet = await startFleet(1);
    try {
      const refused = await crawl({ seeds: [fleet.manifestUrl(0)], catalog: new Catalog(), verifier: testVerifier });
      expect(refused.failed[0]?.reason).toBe('127.0.0.1 is a private, loopback or reserved address');
      const redirect = await startFleet(0);
      const port = new URL(fleet.base).port;
      const { startServer } = await import('./loopback-server');
      const bouncer = await startServer((_req, res) => res.writeHead(302, { location: `http://127.0.0.2:${port}/p0/.well-known/mpli` }).end());
      const bounced = await crawl({ ...LOOPBACK, seeds: [`${bouncer.url}/x`], catalog: new Catalog() });
      expect(bounced.failed[0]?.reason).toMatch(/^redirected to http:\/\/127\.0\.0\.2:\d+\/p0\/\.well-known\/mpli: 127\.0\.0\.2 is a private/);
      expect((await crawl({ seeds: ['http://localhost:1/'], catalog: new Catalog(), verifier: testVerifier })).failed[0]?.reason).toBe('localhost is not crawled');
      await bouncer.close();
      await redirect.close();
    } finally {
      await fleet.close();
    }
  });
});

describe('readRegistry', () => {
  it('reads the JSON form and the RDF form', async () => {
    expect(await readRegistry('{"providers":[{"manifest":"https://a.example/.well-known/mpli"},"/b/.well-known/mpli"]}', 'https://registry.example/list.json')).toEqual([
      'https://a.example/.well-known/mpli', 'https://registry.example/b/.well-known/mpli',
    ]);
    const turtle = '@prefix mpli: <https://w3id.org/mpli#> .\n<https://registry.example/#dome> mpli:peer <https://a.example/.well-known/mpli> .\n[] mpli:manifestLocation <https://b.example/.well-known/mpli> .';
    expect((await readRegistry(turtle, 'https://registry.example/list.ttl', 'text/turtle')).sort()).toEqual(['https://a.example/.well-known/mpli', 'https://b.example/.well-known/mpli']);
  });
});
