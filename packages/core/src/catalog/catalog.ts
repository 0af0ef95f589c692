import type { DatasetCore, Term } from '@rdfjs/types';
import { NS } from '@mpli/shapes';
import { CompactDataset } from '../dataset/compact-dataset';
import { MpliError } from '../errors/mpli-error';
import { NodeReader, subjectsOfType } from '../model/node-reader';
import { partitionByManifest } from '../validation/partition';
import type { CatalogEntry } from './catalog-entry';
import type { CatalogStore } from './catalog-store';
import { OfferingIndex } from './offering-index';

/** Limits that protect a catalog (and its host) from inputs that are too large. */
export interface CatalogLimits {
  /** Most offerings across all manifests. Default 2,000,000. */
  readonly maxOfferings?: number;
  /** Most quads across all manifests. Default 50,000,000. */
  readonly maxQuads?: number;
}

/**
 * Provider manifests kept side by side, one dataset each, with an index of every offering for the
 * resolver. Adding a manifest with the id of one already held replaces it whole. Limits are
 * checked before anything changes, so a refused manifest leaves the catalog as it was.
 *
 * @example
 * const catalog = new Catalog();
 * catalog.addDataset((await parseRdf(text, { source: 'p.ttl' })).store, { source: 'p.ttl' });
 * const result = resolve(requirements, catalog);
 */
export class Catalog {
  private readonly entries = new Map<string, CatalogEntry>();
  private cachedIndex: OfferingIndex | undefined;
  private quads = 0;
  private offeringCount = 0;
  private changes = 0;
  readonly limits: Required<CatalogLimits>;

  constructor(limits: CatalogLimits = {}) {
    this.limits = { maxOfferings: limits.maxOfferings ?? 2_000_000, maxQuads: limits.maxQuads ?? 50_000_000 };
  }

  /** Adds every manifest a dataset holds (each with what it reaches); returns their entries. */
  addDataset(dataset: DatasetCore, options: { source?: string } = {}): CatalogEntry[] {
    const roots = subjectsOfType(dataset, `${NS.mpli}Manifest`);
    if (roots.length === 0) throw new MpliError('INVALID_INPUT', `${options.source ?? 'The dataset'} holds no mpli:Manifest`);
    const parts = roots.length === 1 && dataset instanceof CompactDataset ? [dataset] : partitionByManifest(dataset, roots).slice(0, roots.length);
    const entries = parts.map((part, i) => describe(part instanceof CompactDataset ? part : new CompactDataset(part.match()), roots[i] as Term, options.source));
    this.checkLimits(entries);
    for (const entry of entries) this.put(entry);
    return entries;
  }

  /** Removes a manifest by id; returns whether it was there. */
  removeManifest(id: string): boolean {
    const entry = this.entries.get(id);
    if (!entry) return false;
    this.entries.delete(id);
    this.quads -= entry.dataset.size;
    this.offeringCount -= entry.offerings.length;
    this.cachedIndex = undefined;
    this.changes += 1;
    return true;
  }

  /** The manifest with this id (its IRI), if held. */
  get(id: string): CatalogEntry | undefined {
    return this.entries.get(id);
  }

  /** The manifests held, in insertion order. */
  manifests(): CatalogEntry[] {
    return [...this.entries.values()];
  }

  /** Grows with every change: caches built from the catalog compare it to know they are stale. */
  get version(): number {
    return this.changes;
  }

  get manifestCount(): number {
    return this.entries.size;
  }

  get size(): { manifests: number; offerings: number; quads: number } {
    return { manifests: this.entries.size, offerings: this.offeringCount, quads: this.quads };
  }

  /** Builds a catalog from every manifest a store holds. */
  static async load(store: CatalogStore, limits: CatalogLimits = {}): Promise<Catalog> {
    const catalog = new Catalog(limits);
    for (const id of await store.listManifests()) {
      const dataset = await store.getManifest(id);
      if (dataset) catalog.addDataset(dataset, { source: `${store.kind}:${id}` });
    }
    return catalog;
  }

  /** Writes every manifest of the catalog to a store (replacing graphs of the same ids). */
  async saveTo(store: CatalogStore): Promise<void> {
    for (const entry of this.manifests()) await store.putManifest(entry.id, entry.dataset);
  }

  /** The index of every offering, built on first use after a change. */
  index(): OfferingIndex {
    this.cachedIndex ??= new OfferingIndex(this.manifests());
    return this.cachedIndex;
  }

  private put(entry: CatalogEntry): void {
    this.removeManifest(entry.id);
    entry.dataset.trim();
    this.entries.set(entry.id, entry);
    this.quads += entry.dataset.size;
    this.offeringCount += entry.offerings.length;
    this.cachedIndex = undefined;
    this.changes += 1;
  }

  private checkLimits(entries: readonly CatalogEntry[]): void {
    const replaced = entries.map((e) => this.entries.get(e.id)).filter((e): e is CatalogEntry => e !== undefined);
    const quads = this.quads + entries.reduce((n, e) => n + e.dataset.size, 0) - replaced.reduce((n, e) => n + e.dataset.size, 0);
    const offerings = this.offeringCount + entries.reduce((n, e) => n + e.offerings.length, 0) - replaced.reduce((n, e) => n + e.offerings.length, 0);
    if (offerings > this.limits.maxOfferings) {
      throw new MpliError('CATALOG_LIMIT', `The catalog would hold ${offerings} offerings, above its limit maxOfferings = ${this.limits.maxOfferings}`, { details: { limit: 'maxOfferings', value: offerings, max: this.limits.maxOfferings } });
    }
    if (quads > this.limits.maxQuads) {
      throw new MpliError('CATALOG_LIMIT', `The catalog would hold ${quads} quads, above its limit maxQuads = ${this.limits.maxQuads}`, { details: { limit: 'maxQuads', value: quads, max: this.limits.maxQuads } });
    }
  }
}

function describe(dataset: CompactDataset, root: Term, source?: string): CatalogEntry {
  const node = new NodeReader(dataset, root);
  return {
    id: node.id,
    dataset,
    manifest: root,
    provider: node.one(`${NS.dcterms}publisher`),
    offerings: node.objects(`${NS.mpli}offering`).filter((t) => t.termType !== 'Literal'),
    ...(source ? { source } : {}),
  };
}
