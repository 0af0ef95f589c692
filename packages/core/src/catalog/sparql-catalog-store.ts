import type { DatasetCore } from '@rdfjs/types';
import { NS } from '@mpli/shapes';
import type { Dispatcher } from 'undici';
import type { CompactDataset } from '../dataset/compact-dataset';
import { MpliError } from '../errors/mpli-error';
import { httpExchange, type ExchangeOptions } from '../io/http-exchange';
import { parseRdf } from '../rdf/parse';
import { serializeRdf } from '../rdf/serialize';
import type { CatalogStore } from './catalog-store';

/** Where a SPARQL 1.1 service answers. */
export interface SparqlStoreOptions {
  /** The SPARQL 1.1 Protocol query endpoint, such as http://127.0.0.1:8890/sparql. */
  readonly queryEndpoint: string;
  /** The Graph Store Protocol endpoint, such as http://127.0.0.1:8890/sparql-graph-crud. */
  readonly graphStoreEndpoint: string;
  /** Sent as `Authorization` with every request, such as "Bearer …" or "Basic …". Never logged. */
  readonly authorization?: string;
  readonly dispatcher?: Dispatcher;
  /** Per request. Default 60 s. */
  readonly timeoutMs?: number;
  /** Largest response read. Default 200 MiB. */
  readonly maxBytes?: number;
}

interface SelectResults {
  results: { bindings: Record<string, { type: string; value: string }>[] };
}

/**
 * A catalog store on any SPARQL 1.1 service: each manifest is a named graph written and read
 * with the Graph Store Protocol (PUT, GET, DELETE with `?graph=`), and listed with a SPARQL
 * SELECT. Tested against Virtuoso 7 (Debian's virtuoso-opensource) on loopback.
 */
export class SparqlCatalogStore implements CatalogStore {
  readonly kind = 'sparql';

  constructor(private readonly options: SparqlStoreOptions) {}

  async putManifest(id: string, dataset: DatasetCore): Promise<void> {
    if (!/^[a-z][a-z0-9+.-]*:/i.test(id) || id.startsWith('_:')) throw new MpliError('INVALID_INPUT', `A manifest stored in a SPARQL store needs an IRI, not ${id}`);
    const body = await serializeRdf(dataset, 'application/n-triples');
    const response = await this.send(this.graphUrl(id), { method: 'PUT', headers: { 'content-type': 'application/n-triples' }, body });
    this.expect(response.status, [200, 201, 204], `store the manifest ${id}`);
  }

  async removeManifest(id: string): Promise<boolean> {
    const response = await this.send(this.graphUrl(id), { method: 'DELETE' });
    if (response.status === 404) return false;
    this.expect(response.status, [200, 204], `remove the manifest ${id}`);
    return true;
  }

  async listManifests(): Promise<string[]> {
    const query = `SELECT DISTINCT ?g WHERE { GRAPH ?g { ?m a <${NS.mpli}Manifest> } } ORDER BY ?g`;
    const results = await this.select(query);
    return results.results.bindings.map((binding) => binding.g?.value).filter((g): g is string => g !== undefined);
  }

  async getManifest(id: string): Promise<CompactDataset | undefined> {
    const response = await this.send(this.graphUrl(id), { headers: { accept: 'application/n-triples' } });
    if (response.status === 404) return undefined;
    this.expect(response.status, [200], `read the manifest ${id}`);
    const { store } = await parseRdf(response.text, { format: 'application/n-triples', source: id, maxBytes: Number.POSITIVE_INFINITY });
    return store.size === 0 ? undefined : store;
  }

  /** Runs a SPARQL SELECT and returns its JSON results. */
  async select(query: string): Promise<SelectResults> {
    const response = await this.send(this.options.queryEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/sparql-results+json' },
      body: new URLSearchParams({ query }).toString(),
    });
    this.expect(response.status, [200], 'run a SPARQL query');
    return JSON.parse(response.text) as SelectResults;
  }

  async dispose(): Promise<void> {
    await this.options.dispatcher?.close();
  }

  private graphUrl(id: string): string {
    const url = new URL(this.options.graphStoreEndpoint);
    url.searchParams.set('graph', id);
    return url.toString();
  }

  private send(url: string, exchange: ExchangeOptions) {
    const headers = { ...exchange.headers, ...(this.options.authorization ? { authorization: this.options.authorization } : {}) };
    return httpExchange(url, {
      ...exchange,
      headers,
      timeoutMs: this.options.timeoutMs ?? 60_000,
      maxBytes: this.options.maxBytes ?? 200 * 1024 * 1024,
      ...(this.options.dispatcher ? { dispatcher: this.options.dispatcher } : {}),
    });
  }

  private expect(status: number, ok: readonly number[], what: string): void {
    if (!ok.includes(status)) throw new MpliError('FETCH_FAILED', `The SPARQL store could not ${what}: HTTP ${status}`, { details: { status } });
  }
}
