import { describe, expect, it } from 'vitest';
import { buildManifest, readManifest, SparqlCatalogStore } from '@mpli/core';
import { manifest, vm } from './catalog-fixtures';
import { catalogStoreContract } from './catalog-store-contract';
import { serviceAvailable } from './services';

// Against a real SPARQL 1.1 store: Virtuoso from Debian on loopback (services/virtuoso-start.sh).
const QUERY = process.env.MPLI_SPARQL_QUERY ?? 'http://127.0.0.1:8890/sparql';
const GRAPHS = process.env.MPLI_SPARQL_GRAPH_STORE ?? 'http://127.0.0.1:8890/sparql-graph-crud';
const available = await serviceAvailable('Virtuoso', `${QUERY}?query=${encodeURIComponent('ASK {}')}`);

describe.skipIf(!available)('SparqlCatalogStore on Virtuoso', () => {
  const store = () => new SparqlCatalogStore({ queryEndpoint: QUERY, graphStoreEndpoint: GRAPHS });
  // The loopback test store is ours: each contract test starts from no manifests at all.
  const emptyStore = async () => {
    const fresh = store();
    for (const id of await fresh.listManifests()) await fresh.removeManifest(id);
    return fresh;
  };
  catalogStoreContract(emptyStore);

  it('refuses a manifest without an IRI', async () => {
    await expect(store().putManifest('_:b0', buildManifest(manifest('x', [vm('a')])))).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('reports a store that answers errors', async () => {
    const wrong = new SparqlCatalogStore({ queryEndpoint: `${QUERY}-nothing-here`, graphStoreEndpoint: GRAPHS });
    await expect(wrong.listManifests()).rejects.toMatchObject({ code: 'FETCH_FAILED' });
    const dataset = buildManifest(manifest('roundtrip', [vm('a')]));
    await store().putManifest(readManifest(dataset).id, dataset);
    expect(await store().listManifests()).toContain(readManifest(dataset).id);
  });
});
