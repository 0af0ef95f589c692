import type { DatasetCore, Term } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { CompactDataset } from '../dataset/compact-dataset';
import { NS } from '@mpli/shapes';
import { MpliError } from '../errors/mpli-error';

const { namedNode } = DataFactory;
const RDF_TYPE = namedNode(`${NS.rdf}type`);
const predicates = new Map<string, Term>();
const predicate = (iri: string): Term => {
  let term = predicates.get(iri);
  if (!term) predicates.set(iri, (term = namedNode(iri)));
  return term;
};

/** `_:label` for blank nodes, the IRI otherwise. */
export function nodeId(term: Term): string {
  return term.termType === 'BlankNode' ? `_:${term.value}` : term.value;
}

/**
 * Reads the properties of one node of an RDF/JS dataset. Lookups take the fast path of a
 * {@link CompactDataset} and use `match` on any other DatasetCore.
 */
export class NodeReader {
  constructor(
    readonly dataset: DatasetCore,
    readonly term: Term,
  ) {}

  /** The node's IRI, or `_:label` for a blank node. */
  get id(): string {
    return nodeId(this.term);
  }

  objects(property: string): Term[] {
    const p = predicate(property);
    if (this.dataset instanceof CompactDataset) return this.dataset.objects(this.term, p);
    return [...this.dataset.match(this.term as never, p as never)].map((quad) => quad.object);
  }

  one(property: string): Term | undefined {
    return this.objects(property)[0];
  }

  string(property: string): string | undefined {
    return this.one(property)?.value;
  }

  /**
   * A text in a deterministic language choice, whatever order the store returns values in: a
   * plain string first, then English, then the first language tag in alphabetical order.
   */
  text(property: string): string | undefined {
    const literals = this.objects(property).filter((term) => term.termType === 'Literal');
    const rank = (term: Term) => {
      const language = term.termType === 'Literal' ? term.language : '';
      return language === '' ? '0' : language === 'en' || language.startsWith('en-') ? `1${language}` : `2${language}`;
    };
    return literals.sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : a.value < b.value ? -1 : 1))[0]?.value;
  }

  strings(property: string): string[] {
    return this.objects(property).map((term) => term.value);
  }

  number(property: string): number | undefined {
    const term = this.one(property);
    if (term?.termType !== 'Literal') return undefined;
    const value = Number(term.value);
    return Number.isFinite(value) ? value : undefined;
  }

  boolean(property: string): boolean | undefined {
    const value = this.one(property)?.value;
    return value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : undefined;
  }

  node(property: string): NodeReader | undefined {
    const term = this.one(property);
    return term && term.termType !== 'Literal' ? new NodeReader(this.dataset, term) : undefined;
  }

  nodes(property: string): NodeReader[] {
    return this.objects(property)
      .filter((term) => term.termType !== 'Literal')
      .map((term) => new NodeReader(this.dataset, term));
  }

  types(): string[] {
    return this.objects(RDF_TYPE.value).map((term) => term.value);
  }

  /** Throws `MODEL_INCOMPLETE` naming this node and the property when `value` is undefined. */
  require<T>(value: T | undefined, property: string): T {
    if (value === undefined) {
      throw new MpliError('MODEL_INCOMPLETE', `${this.id} has no usable ${property}; validate the manifest to see why`, {
        details: { node: this.id, property },
      });
    }
    return value;
  }
}

/** The subjects typed with `classIri` in the dataset. */
export function subjectsOfType(dataset: DatasetCore, classIri: string): Term[] {
  const type = predicate(classIri);
  if (dataset instanceof CompactDataset) return dataset.subjects(RDF_TYPE, type);
  return [...dataset.match(null, RDF_TYPE as never, type as never)].map((quad) => quad.subject);
}

/** The local name of an IRI in the MPLI namespace when it is one of `names`, else undefined. */
export function mpliName<T extends string>(iri: string | undefined, names: readonly T[]): T | undefined {
  if (!iri?.startsWith(NS.mpli)) return undefined;
  const local = iri.slice(NS.mpli.length);
  return (names as readonly string[]).includes(local) ? (local as T) : undefined;
}

/** Reads an RDF list (rdf:first / rdf:rest) starting at `head`. */
export function readList(dataset: DatasetCore, head: Term): Term[] {
  const items: Term[] = [];
  let current: Term | undefined = head;
  for (let guard = 0; current && current.value !== `${NS.rdf}nil` && guard < 10_000; guard += 1) {
    const reader: NodeReader = new NodeReader(dataset, current);
    const first = reader.one(`${NS.rdf}first`);
    if (first) items.push(first);
    current = reader.one(`${NS.rdf}rest`);
  }
  return items;
}
