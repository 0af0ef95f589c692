import { Catalog, crawl } from '@mpli/core';
import { describe, expect, it } from 'vitest';
import { createManifestVerifier } from '@mpli/trust';
import { startSignedFleet, type FleetBehaviour } from './support/signed-fleet';

// 200 providers on 10 loopback hosts, each with its own key; every tenth misbehaves in its own way.
const KINDS: FleetBehaviour[] = ['slow', 'huge', 'garbage', 'broken', 'unsigned', 'forged', 'gone'];
const behaviours: Record<number, FleetBehaviour> = {};
for (let i = 5; i < 200; i += 10) behaviours[i] = KINDS[Math.floor(i / 10) % KINDS.length]!;

describe('crawling 200 providers on loopback', () => {
  it('keeps every good manifest, each bad one out with its reason, and re-crawls only what changed', async () => {
    const fleet = await startSignedFleet(200, 10, behaviours);
    try {
      const catalog = new Catalog();
      // 3 s per attempt: under CI's parallel load a 1 s limit timed the huge body out before its byte limit struck.
      const options = { registries: [fleet.registry], catalog, verifier: createManifestVerifier(), allowedAddresses: ['127.0.0.1'], timeoutMs: 3_000, maxBytes: 256 * 1024, retries: 1, backoffMs: 10, concurrency: 32 };
      const first = await crawl(options);
      const bad = Object.keys(behaviours).length;
      expect(first.fetched).toHaveLength(200 - bad);
      expect(catalog.size.manifests).toBe(200 - bad);
      const why = (i: number) => [...first.failed, ...first.quarantined].find((x) => x.url === fleet.url(i))?.reason ?? 'none';
      const expected: Record<FleetBehaviour, RegExp> = {
        slow: /no answer within 3000 ms/, huge: /above the limit/, garbage: /^does not parse/, broken: /mplish:PriceSpecification-currencyKnown/,
        unsigned: /not signed/, forged: /its signature does not verify: digest/, gone: /HTTP 410/, good: /never/,
      };
      for (const [i, kind] of Object.entries(behaviours)) expect(why(Number(i)), `provider ${i} (${kind})`).toMatch(expected[kind]);

      // Ten providers publish a new price; one good provider turns to garbage.
      for (let i = 0; i < 10; i += 1) await fleet.publish(i * 20, '0.018');
      behaviours[2] = 'garbage';
      const again = await crawl({ ...options, state: first.state });
      expect(again.fetched.map((f) => f.url).sort()).toEqual(Array.from({ length: 10 }, (_, i) => fleet.url(i * 20)).sort());
      expect(again.unchanged).toHaveLength(200 - bad - 10 - 1);
      expect(again.quarantined.some((q) => q.url === fleet.url(2))).toBe(true);
      // The garbage never replaced the good version.
      expect(catalog.size.manifests).toBe(200 - bad);
    } finally {
      await fleet.close();
    }
  }, 60_000);
});
