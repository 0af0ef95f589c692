import type { DatasetCore } from '@rdfjs/types';
import { NS } from '@mpli/shapes';
import { NodeReader } from './node-reader';
import { singleNodeOfType } from './read-manifest';

/** The requirements manifest node of a dataset (the only one, or the one named). */
export function readManifestNodeOrThrow(dataset: DatasetCore, id?: string): NodeReader {
  return new NodeReader(dataset, singleNodeOfType(dataset, `${NS.mpli}RequirementsManifest`, id));
}
