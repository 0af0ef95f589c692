import type { DatasetCore, Quad, Term } from '@rdfjs/types';
import { NS } from '@mpli/shapes';
import { CompactDataset } from '../dataset/compact-dataset';
import { termKey } from '../dataset/term-key';
import { subjectsOfType } from '../model/node-reader';

const ROOT_TYPES = [`${NS.mpli}Manifest`, `${NS.mpli}RequirementsManifest`];

/**
 * Splits a catalog into one dataset per manifest: each manifest node with everything reachable
 * from it through outgoing links (its provider, offerings, prices, quantities...), plus one more
 * dataset for the quads no manifest reaches (last, and only when there are some). `roots` are the
 * manifest nodes to start from; by default every mpli:Manifest and mpli:RequirementsManifest. MPLI manifests are self-contained, so validating
 * the parts gives the same problems as validating the whole, while the validator's bookkeeping
 * (which grows with shapes × focus nodes) stays the size of one manifest.
 */
export function partitionByManifest(dataset: DatasetCore, roots: readonly Term[] = ROOT_TYPES.flatMap((type) => subjectsOfType(dataset, type))): DatasetCore[] {
  const reached = new Set<string>();
  const parts: DatasetCore[] = [];
  for (const root of roots) {
    const part = new CompactDataset();
    const seen = new Set<string>([termKey(root)]);
    const queue: Term[] = [root];
    for (let next = queue.pop(); next; next = queue.pop()) {
      reached.add(termKey(next));
      for (const quad of dataset.match(next as Quad['subject'])) {
        part.add(quad);
        const key = termKey(quad.object);
        if (quad.object.termType !== 'Literal' && !seen.has(key)) {
          seen.add(key);
          queue.push(quad.object);
        }
      }
    }
    parts.push(part);
  }
  const rest = new CompactDataset();
  for (const quad of dataset.match()) if (!reached.has(termKey(quad.subject))) rest.add(quad);
  if (rest.size > 0 || parts.length === 0) parts.push(rest);
  return parts;
}
