import type { Quad_Object, Quad_Subject } from '@rdfjs/types';
import { NS } from '@mpli/shapes';
import { DataFactory } from 'n3';
import type { CompactDataset } from '../dataset/compact-dataset';
import { MpliError } from '../errors/mpli-error';

const { namedNode, blankNode, literal, quad } = DataFactory;

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/** A small helper that writes typed triples into an n3 store, for the builders. */
export class GraphWriter {
  constructor(readonly store: CompactDataset) {}

  /** A subject for an id: an IRI, `_:label`, or a fresh blank node when undefined. */
  node(id?: string): Quad_Subject {
    if (id === undefined) return blankNode();
    return id.startsWith('_:') ? blankNode(id.slice(2)) : namedNode(id);
  }

  add(subject: Quad_Subject, property: string, object: Quad_Object | undefined): void {
    if (object) this.store.add(quad(subject, namedNode(property), object));
  }

  /** Adds `value` when defined, as a literal of the natural XSD type. */
  value(subject: Quad_Subject, property: string, value: string | number | boolean | undefined): void {
    if (value !== undefined) this.add(subject, property, this.literal(value));
  }

  iri(subject: Quad_Subject, property: string, iri: string | undefined): void {
    if (iri !== undefined) this.add(subject, property, namedNode(iri));
  }

  typed(subject: Quad_Subject, property: string, lexical: string | undefined, xsdType: string): void {
    if (lexical !== undefined) this.add(subject, property, literal(lexical, namedNode(`${NS.xsd}${xsdType}`)));
  }

  /** An exact decimal from a string ("0.042") or number; throws `INVALID_INPUT` for anything else. */
  decimal(subject: Quad_Subject, property: string, value: string | number | undefined): void {
    if (value === undefined) return;
    const lexical = String(value);
    if (!DECIMAL.test(lexical)) throw new MpliError('INVALID_INPUT', `"${lexical}" is not a decimal number (for ${property})`);
    this.typed(subject, property, lexical, 'decimal');
  }

  type(subject: Quad_Subject, classIri: string): void {
    this.iri(subject, `${NS.rdf}type`, classIri);
  }

  /** A child blank node linked from `subject` by `property`. */
  child(subject: Quad_Subject, property: string, classIri?: string): Quad_Subject {
    const node = blankNode();
    this.add(subject, property, node);
    if (classIri) this.type(node, classIri);
    return node;
  }

  /** An RDF list of IRIs; returns its head. */
  list(iris: readonly string[]): Quad_Object {
    let head: Quad_Object = namedNode(`${NS.rdf}nil`);
    for (const iri of [...iris].reverse()) {
      const cell = blankNode();
      this.add(cell, `${NS.rdf}first`, namedNode(iri));
      this.add(cell, `${NS.rdf}rest`, head);
      head = cell;
    }
    return head;
  }

  literal(value: string | number | boolean): Quad_Object {
    if (typeof value === 'boolean') return literal(String(value), namedNode(`${NS.xsd}boolean`));
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) throw new MpliError('INVALID_INPUT', `${value} is not a finite number`);
      if (Number.isInteger(value)) return literal(BigInt(value).toString(), namedNode(`${NS.xsd}integer`));
      const lexical = String(value);
      return literal(lexical, namedNode(`${NS.xsd}${DECIMAL.test(lexical) ? 'decimal' : 'double'}`));
    }
    return literal(value);
  }
}
