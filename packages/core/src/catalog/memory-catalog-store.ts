import type { DatasetCore } from '@rdfjs/types';
import { CompactDataset } from '../dataset/compact-dataset';
import type { CatalogStore } from './catalog-store';

/** The embedded default store: manifests as compact datasets in this process. */
export class MemoryCatalogStore implements CatalogStore {
  readonly kind = 'memory';
  private readonly graphs = new Map<string, CompactDataset>();

  async putManifest(id: string, dataset: DatasetCore): Promise<void> {
    this.graphs.set(id, dataset instanceof CompactDataset ? dataset : new CompactDataset(dataset.match()));
  }

  async removeManifest(id: string): Promise<boolean> {
    return this.graphs.delete(id);
  }

  async listManifests(): Promise<string[]> {
    return [...this.graphs.keys()];
  }

  async getManifest(id: string): Promise<CompactDataset | undefined> {
    return this.graphs.get(id);
  }

  async dispose(): Promise<void> {
    this.graphs.clear();
  }
}
