import type { DatasetCore } from '@rdfjs/types';
import type { CompactDataset } from '../dataset/compact-dataset';

/**
 * Where a catalog keeps its manifests: one named graph per manifest, keyed by the manifest's IRI.
 * Two implementations ship: {@link MemoryCatalogStore} (the default) and
 * {@link SparqlCatalogStore} for any SPARQL 1.1 endpoint with the Graph Store Protocol, for
 * catalogs that outgrow one machine. `Catalog.load(store)` builds the resolver's index from one.
 */
export interface CatalogStore {
  /** "memory", "sparql", or another implementation's name. */
  readonly kind: string;
  /** Stores a manifest's quads as the graph `id`, replacing whatever the graph held. */
  putManifest(id: string, dataset: DatasetCore): Promise<void>;
  /** Removes the graph `id`; returns whether it existed. */
  removeManifest(id: string): Promise<boolean>;
  /** The ids of the manifests held. */
  listManifests(): Promise<string[]>;
  /** A manifest's quads, or undefined. */
  getManifest(id: string): Promise<CompactDataset | undefined>;
  /** Releases connections; the store is unusable afterwards. */
  dispose(): Promise<void>;
}
