import type { Quad, Quad_Object, Term } from '@rdfjs/types';
import { NS } from '@mpli/shapes';
import { DataFactory, Writer, type Store } from 'n3';

const RDF_FIRST = `${NS.rdf}first`;
const RDF_REST = `${NS.rdf}rest`;
const RDF_NIL = `${NS.rdf}nil`;
const RDF_TYPE = `${NS.rdf}type`;

/**
 * Writes a store as readable Turtle: blank nodes used once are nested as `[ ... ]`, RDF lists as
 * `( ... )`, rdf:type first, and manifests before the nodes they describe.
 */
export function serializeTurtle(store: Store, prefixes: Record<string, string>): string {
  const writer = new Writer({ format: 'text/turtle', prefixes });
  const references = countObjectReferences(store);
  const nestable = (term: Term) => term.termType === 'BlankNode' && (references.get(term.value) ?? 0) === 1;
  const written = new Set<string>();

  const objectOf = (object: Term): Quad_Object => {
    if (!nestable(object)) return object as Quad_Object;
    const list = readList(store, object);
    if (list) return writer.list(list.map(objectOf)) as unknown as Quad_Object;
    written.add(object.value);
    const pairs = sortedQuads(store, object).map((quad) => ({ predicate: quad.predicate, object: objectOf(quad.object) }));
    return writer.blank(pairs as never) as unknown as Quad_Object;
  };

  for (const subject of orderedSubjects(store)) {
    if (nestable(subject) || written.has(subject.value)) continue;
    for (const quad of sortedQuads(store, subject)) {
      writer.addQuad(DataFactory.quad(quad.subject, quad.predicate, objectOf(quad.object)));
    }
  }
  let output = '';
  writer.end((error, result: string) => {
    if (error) throw error;
    output = result;
  });
  return output;
}

function countObjectReferences(store: Store): Map<string, number> {
  const counts = new Map<string, number>();
  for (const quad of store.match(null, null, null)) {
    if (quad.object.termType === 'BlankNode') counts.set(quad.object.value, (counts.get(quad.object.value) ?? 0) + 1);
  }
  return counts;
}

function sortedQuads(store: Store, subject: Term): Quad[] {
  const quads = store.getQuads(subject as never, null, null, null) as Quad[];
  return quads.sort((a, b) => Number(b.predicate.value === RDF_TYPE) - Number(a.predicate.value === RDF_TYPE));
}

/** The items of a well-formed RDF list whose cells are only used once, or undefined. */
function readList(store: Store, head: Term): Term[] | undefined {
  const items: Term[] = [];
  for (let cell: Term = head; cell.value !== RDF_NIL; ) {
    const quads = store.getQuads(cell as never, null, null, null);
    const first = quads.find((q) => q.predicate.value === RDF_FIRST);
    const rest = quads.find((q) => q.predicate.value === RDF_REST);
    if (quads.length !== 2 || !first || !rest) return undefined;
    items.push(first.object);
    cell = rest.object;
  }
  return items;
}

// Manifests and requirements first, then providers, then the rest in the store's order.
function orderedSubjects(store: Store): Term[] {
  const rank = (subject: Term) => {
    const types = store.getObjects(subject as never, DataFactory.namedNode(RDF_TYPE), null).map((t) => t.value);
    if (types.includes(`${NS.mpli}Manifest`) || types.includes(`${NS.mpli}RequirementsManifest`)) return 0;
    if (types.includes(`${NS.mpli}Provider`) || types.includes(`${NS.mpli}Consumer`)) return 1;
    return 2;
  };
  const seen = new Map<string, Term>();
  for (const subject of store.getSubjects(null, null, null)) seen.set(`${subject.termType}:${subject.value}`, subject);
  return [...seen.values()].map((subject, index) => ({ subject, index, rank: rank(subject) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((entry) => entry.subject);
}
