import type { DatasetCore, Quad, Quad_Object, Term } from '@rdfjs/types';
import { NS } from '@mpli/shapes';
import { DataFactory, Writer } from 'n3';
import { termKey } from '../dataset/term-key';

const RDF_FIRST = `${NS.rdf}first`;
const RDF_REST = `${NS.rdf}rest`;
const RDF_NIL = `${NS.rdf}nil`;
const RDF_TYPE = `${NS.rdf}type`;

/** The quads of a dataset grouped by subject, in first-seen order, with blank-node reference counts. */
function groupBySubject(dataset: DatasetCore): { bySubject: Map<string, Quad[]>; references: Map<string, number> } {
  const bySubject = new Map<string, Quad[]>();
  const references = new Map<string, number>();
  for (const quad of dataset.match()) {
    const key = termKey(quad.subject);
    const list = bySubject.get(key);
    if (list) list.push(quad);
    else bySubject.set(key, [quad]);
    if (quad.object.termType === 'BlankNode') references.set(quad.object.value, (references.get(quad.object.value) ?? 0) + 1);
  }
  for (const quads of bySubject.values()) {
    quads.sort((a, b) => Number(b.predicate.value === RDF_TYPE) - Number(a.predicate.value === RDF_TYPE));
  }
  return { bySubject, references };
}

/** The items of a well-formed RDF list whose cells have nothing else, or undefined. */
function readList(bySubject: Map<string, Quad[]>, head: Term): Term[] | undefined {
  const items: Term[] = [];
  for (let cell: Term = head; cell.value !== RDF_NIL; ) {
    const quads = bySubject.get(termKey(cell)) ?? [];
    const first = quads.find((q) => q.predicate.value === RDF_FIRST);
    const rest = quads.find((q) => q.predicate.value === RDF_REST);
    if (quads.length !== 2 || !first || !rest) return undefined;
    items.push(first.object);
    cell = rest.object;
  }
  return items;
}

// Manifests and requirements first, then providers and consumers, then the rest in order.
function rank(quads: readonly Quad[]): number {
  const types = quads.filter((q) => q.predicate.value === RDF_TYPE).map((q) => q.object.value);
  if (types.includes(`${NS.mpli}Manifest`) || types.includes(`${NS.mpli}RequirementsManifest`)) return 0;
  if (types.includes(`${NS.mpli}Provider`) || types.includes(`${NS.mpli}Consumer`)) return 1;
  return 2;
}

/**
 * Writes a dataset as readable Turtle: blank nodes used once are nested as `[ ... ]`, RDF lists
 * as `( ... )`, rdf:type first, and manifests before the nodes they describe.
 */
export function serializeTurtle(dataset: DatasetCore, prefixes: Record<string, string>): string {
  const writer = new Writer({ format: 'text/turtle', prefixes });
  const { bySubject, references } = groupBySubject(dataset);
  const nestable = (term: Term) => term.termType === 'BlankNode' && (references.get(term.value) ?? 0) === 1 && bySubject.has(termKey(term));
  const written = new Set<string>();

  const objectOf = (object: Term): Quad_Object => {
    if (!nestable(object)) return object as Quad_Object;
    const list = readList(bySubject, object);
    if (list) return writer.list(list.map(objectOf)) as unknown as Quad_Object;
    written.add(termKey(object));
    const pairs = (bySubject.get(termKey(object)) ?? []).map((quad) => ({ predicate: quad.predicate, object: objectOf(quad.object) }));
    return writer.blank(pairs as never) as unknown as Quad_Object;
  };

  const subjects = [...bySubject.entries()].map(([key, quads], index) => ({ key, quads, index, rank: rank(quads) }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index);
  for (const { key, quads } of subjects) {
    const subject = quads[0]?.subject;
    if (!subject || nestable(subject) || written.has(key)) continue;
    for (const quad of quads) writer.addQuad(DataFactory.quad(quad.subject, quad.predicate, objectOf(quad.object), quad.graph));
  }
  let output = '';
  writer.end((error, result: string) => {
    if (error) throw error;
    output = result;
  });
  return output;
}
