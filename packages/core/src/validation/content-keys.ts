import { createHash } from 'node:crypto';
import type { DatasetCore, Quad, Term } from '@rdfjs/types';
import { termKey } from '../dataset/term-key';

/**
 * A dataset's quads as strings in which each blank node is named by its content (a hash of its
 * outgoing quads, nested blank nodes included), so that two parses of the same text, whose
 * parsers label blank nodes differently, give the same strings, and a changed price inside a
 * `[ ... ]` changes only the quads on the path to it. Quads are counted, not just collected: two
 * blank nodes with the same content are two values (a maxCount can tell them apart).
 */
export interface ContentKeys {
  /** For each quad string: how many quads have it, and its subject's key. */
  readonly quads: Map<string, { count: number; subject: string }>;
  /** The key of a term of this dataset (its n3 id, or the content name of a blank node). */
  keyOf(term: Term): string;
}

export function contentKeys(dataset: DatasetCore): ContentKeys {
  const blankKeys = new Map<string, string>();
  const inProgress = new Set<string>();

  const keyOf = (term: Term): string => {
    if (term.termType !== 'BlankNode') return termKey(term);
    const label = termKey(term);
    const known = blankKeys.get(label);
    if (known !== undefined) return known;
    // A blank node on a cycle keeps its parser label: any consistent naming gives a correct
    // (if less precise) diff, since the two versions are then compared as labelled graphs.
    if (inProgress.has(label)) return label;
    inProgress.add(label);
    const lines = [...dataset.match(term as Quad['subject'])].map((q) => `${termKey(q.predicate)} ${keyOf(q.object)} ${termKey(q.graph)}`).sort();
    inProgress.delete(label);
    const key = `_:c${createHash('sha256').update(lines.join('\n')).digest('base64url')}`;
    blankKeys.set(label, key);
    return key;
  };

  const quads = new Map<string, { count: number; subject: string }>();
  for (const quad of dataset.match()) {
    const subject = keyOf(quad.subject);
    const line = `${subject} ${termKey(quad.predicate)} ${keyOf(quad.object)} ${termKey(quad.graph)}`;
    const entry = quads.get(line);
    if (entry) entry.count += 1;
    else quads.set(line, { count: 1, subject });
  }
  return { quads, keyOf };
}

/**
 * The keys of the subjects whose outgoing quads differ between two datasets (by content key,
 * counting duplicates).
 */
export function changedSubjects(before: ContentKeys, after: ContentKeys): Set<string> {
  const changed = new Set<string>();
  for (const [line, entry] of after.quads) if (before.quads.get(line)?.count !== entry.count) changed.add(entry.subject);
  for (const [line, entry] of before.quads) if (!after.quads.has(line)) changed.add(entry.subject);
  return changed;
}
