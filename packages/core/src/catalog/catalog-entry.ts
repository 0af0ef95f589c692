import type { Term } from '@rdfjs/types';
import type { CompactDataset } from '../dataset/compact-dataset';

/** One provider manifest held by a catalog. */
export interface CatalogEntry {
  /** The manifest's IRI (or `_:label`): its key in the catalog. */
  readonly id: string;
  readonly dataset: CompactDataset;
  readonly manifest: Term;
  readonly provider: Term | undefined;
  /** The offering nodes the manifest lists, in order. */
  readonly offerings: readonly Term[];
  /** Where it came from (file or URL), when known. */
  readonly source?: string;
}
