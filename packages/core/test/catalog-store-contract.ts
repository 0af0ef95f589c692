import { expect, it } from 'vitest';
import { Catalog, parseDecimal, readManifest, readRequirements, resolve, toDecimalString, type CatalogStore } from '@mpli/core';
import { canonical, parseExample, PROVIDER_EXAMPLES } from './examples';
import { generateManifests } from './generated-manifests';

/** A deep copy with every `amount` written canonically (by value). */
function decimalsByValue<T>(value: T): T {
  return JSON.parse(JSON.stringify(value), (key, inner: unknown) =>
    key === 'amount' && typeof inner === 'string' ? toDecimalString(parseDecimal(inner) ?? { num: 0n, den: 1n }) : inner) as T;
}

/**
 * What every catalog store must do, run against each implementation: the memory store in the
 * unit tests, Virtuoso in the integration tests.
 */
export function catalogStoreContract(makeStore: () => Promise<CatalogStore>): void {
  it('stores, lists, reads back and removes manifests as named graphs', async () => {
    const store = await makeStore();
    const originals = await Promise.all(PROVIDER_EXAMPLES.map(async (name) => (await parseExample(name)).store));
    for (const dataset of originals) await store.putManifest(readManifest(dataset).id, dataset);
    const ids = originals.map((d) => readManifest(d).id).sort();
    expect((await store.listManifests()).filter((id) => ids.includes(id)).sort()).toEqual(ids);
    for (const dataset of originals) {
      const back = await store.getManifest(readManifest(dataset).id);
      expect(back?.size).toBe(dataset.size);
      // Stores may canonicalise literals (Virtuoso writes "49.00"^^xsd:decimal back as "49"): compare amounts by value.
      expect(canonical(decimalsByValue(readManifest(back ?? dataset)))).toEqual(canonical(decimalsByValue(readManifest(dataset))));
    }
    expect(await store.removeManifest(ids[0] ?? '')).toBe(true);
    expect(await store.listManifests()).not.toContain(ids[0]);
    expect(await store.getManifest(ids[0] ?? '')).toBeUndefined();
  });

  it('replaces a manifest whole when it is stored again', async () => {
    const store = await makeStore();
    const { store: dataset } = await parseExample('scaldis-cloud.ttl');
    const id = readManifest(dataset).id;
    await store.putManifest(id, dataset);
    const smaller = [...dataset].filter((q) => q.predicate.value !== 'https://w3id.org/mpli#peer');
    await store.putManifest(id, new (await import('@mpli/core')).CompactDataset(smaller));
    expect((await store.getManifest(id))?.size).toBe(dataset.size - 1);
  });

  it('holds a large manifest whole (no silent truncation)', async () => {
    const store = await makeStore();
    const [big] = generateManifests(1, 1500);
    if (!big) throw new Error('no manifest generated');
    await store.putManifest(big.id, big.dataset);
    expect(big.dataset.size).toBeGreaterThan(20_000);
    expect((await store.getManifest(big.id))?.size).toBe(big.dataset.size);
  });

  it('feeds the resolver: a catalog loaded from the store matches like one built in memory', async () => {
    const store = await makeStore();
    const memory = new Catalog();
    for (const name of PROVIDER_EXAMPLES) {
      const { store: dataset } = await parseExample(name);
      memory.addDataset(dataset);
      await store.putManifest(readManifest(dataset).id, dataset);
    }
    const loaded = await Catalog.load(store);
    const requirements = readRequirements((await parseExample('requirements-hospital.ttl')).store);
    const ids = (catalog: Catalog) => resolve(requirements, catalog, { asOf: '2026-12-01' }).then((r) => r.needs.map((n) => n.matches.map((m) => m.offering.id)));
    expect(await ids(loaded)).toEqual(await ids(memory));
  });
}
