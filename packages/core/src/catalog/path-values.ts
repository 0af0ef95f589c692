import type { DatasetCore, Term } from '@rdfjs/types';
import { NodeReader } from '../model/node-reader';

/**
 * The values reached from `start` by following `path` (property IRIs, in order): the SHACL
 * sequence path `( p1 p2 ... )`. Duplicates reached through different nodes are kept once.
 */
export function valuesAtPath(dataset: DatasetCore, start: Term, path: readonly string[]): Term[] {
  let frontier: Term[] = [start];
  for (const property of path) {
    const next: Term[] = [];
    for (const node of frontier) {
      if (node.termType === 'Literal') continue;
      for (const value of objectsOf(dataset, node, property)) next.push(value);
    }
    frontier = dedupe(next);
  }
  return frontier;
}

function objectsOf(dataset: DatasetCore, node: Term, property: string): Term[] {
  return new NodeReader(dataset, node).objects(property);
}

function dedupe(terms: Term[]): Term[] {
  if (terms.length < 2) return terms;
  const seen = new Set<string>();
  return terms.filter((term) => {
    const key = `${term.termType}|${term.value}|${term.termType === 'Literal' ? term.datatype.value + term.language : ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
