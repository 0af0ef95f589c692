import type { Quad, Term } from '@rdfjs/types';
import { NS } from '@mpli/shapes';
import { termKey } from '../dataset/term-key';
import { mpliShapesGraph } from './shapes-graph';

const SH = NS.sh;
const iri = (value: string) => ({ termType: 'NamedNode', value }) as Quad['predicate'];

// Constraints that look past a value into the value's own quads. The others (datatype, counts,
// ranges, patterns, sh:in, sh:hasValue, comparisons of value sets) judge the value term alone.
const LOOKS_INTO_VALUES = ['class', 'node', 'property', 'qualifiedValueShape', 'and', 'or', 'not', 'xone'].map((c) => `${SH}${c}`);
// Shape features under which a verdict can depend on quads that do not hang below the focus node.
const NON_LOCAL = ['inversePath', 'sparql', 'select', 'targetObjectsOf', 'targetSubjectsOf', 'target'].map((c) => `${SH}${c}`);

export interface ShapeDependencies {
  /** False when some shape uses a feature that makes verdicts non-local (then validate in full). */
  readonly local: boolean;
  /**
   * Predicates through which a focus node's verdict can depend on another node's quads: those of
   * property shapes that look into their values, every predicate of a complex path, and rdf:type
   * and rdfs:subClassOf (sh:class follows them).
   */
  readonly predicates: ReadonlySet<string>;
}

let cached: ShapeDependencies | undefined;

/** What the MPLI shapes can make a verdict depend on (computed once from the shapes graph). */
export function shapeDependencies(): ShapeDependencies {
  if (cached) return cached;
  const shapes = mpliShapesGraph();
  const local = NON_LOCAL.every((predicate) => shapes.match(null, iri(predicate)).size === 0);
  const predicates = new Set([`${NS.rdf}type`, `${NS.rdfs}subClassOf`]);
  for (const { subject, object: path } of shapes.match(null, iri(`${SH}path`))) {
    if (path.termType !== 'NamedNode') {
      for (const term of termsBelow(path, shapes)) if (term.termType === 'NamedNode') predicates.add(term.value);
    } else if (LOOKS_INTO_VALUES.some((c) => shapes.match(subject, iri(c)).size > 0)) {
      predicates.add(path.value);
    }
  }
  cached = { local, predicates };
  return cached;
}

/** Every term reachable from a complex path's node (its predicates, list nodes, path operators). */
function termsBelow(start: Term, shapes: ReturnType<typeof mpliShapesGraph>): Term[] {
  const seen = new Map<string, Term>([[termKey(start), start]]);
  const queue = [start];
  for (let node = queue.pop(); node; node = queue.pop()) {
    for (const quad of shapes.match(node as Quad['subject'])) {
      for (const term of [quad.predicate, quad.object]) {
        if (!seen.has(termKey(term))) {
          seen.set(termKey(term), term);
          if (term.termType === 'BlankNode') queue.push(term);
        }
      }
    }
  }
  return [...seen.values()];
}
