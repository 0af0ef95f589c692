import type { Quad_Object, Quad_Subject, Term } from '@rdfjs/types';
import { NS } from '@mpli/shapes';
import { DataFactory } from 'n3';
import type { CompactDataset } from '../../dataset/compact-dataset';
import { GraphWriter } from '../../model/graph-writer';
import { roundTo, toDecimalString, type Rational } from '../../quantity/rational';

const SH = NS.sh;
const { namedNode, literal } = DataFactory;

/** Digits kept when a threshold has no finite decimal form: more than any value in a manifest. */
const DIGITS = 40;

/**
 * A GraphWriter with the SHACL vocabulary at hand, for compiling requirements into shapes.
 * Thresholds are exact decimals; one that has no finite decimal form is rounded towards the
 * side that keeps the comparison exact for every value of at most 40 decimal places.
 */
export class ShapeWriter extends GraphWriter {
  constructor(store: CompactDataset) {
    super(store);
  }

  sh(subject: Quad_Subject, local: string, object: Quad_Object | undefined): void {
    this.add(subject, `${SH}${local}`, object);
  }

  /** A fresh blank node shape. */
  shape(): Quad_Subject {
    return this.node();
  }

  /** `sh:path`: one property, or a sequence path. */
  path(shape: Quad_Subject, path: readonly string[]): void {
    this.sh(shape, 'path', path.length === 1 ? namedNode(path[0] as string) : this.list(path));
  }

  /** A property shape on `shape` along `path`; returns it. */
  property(shape: Quad_Subject, path: readonly string[], id?: string): Quad_Subject {
    const property = id ? this.node(id) : this.shape();
    this.sh(shape, 'property', property);
    this.path(property, path);
    return property;
  }

  /** "Some value along the path conforms to `valueShape`" (SHACL's qualified existential). */
  some(property: Quad_Subject, valueShape: Quad_Subject): void {
    this.sh(property, 'qualifiedValueShape', valueShape);
    this.sh(property, 'qualifiedMinCount', this.literal(1));
  }

  /** An RDF list of terms (`sh:in`, `sh:or`); returns its head. */
  termList(terms: readonly Term[]): Quad_Object {
    let head: Quad_Object = namedNode(`${NS.rdf}nil`);
    for (const term of [...terms].reverse()) {
      const cell = this.node();
      this.add(cell, `${NS.rdf}first`, term as Quad_Object);
      this.add(cell, `${NS.rdf}rest`, head);
      head = cell;
    }
    return head;
  }

  /** A decimal threshold, rounded up (for a minimum) or down (for a maximum) when it must be. */
  threshold(value: Rational, side: 'min' | 'max'): Quad_Object {
    return literal(toDecimalString(roundTo(value, DIGITS, side === 'min' ? 'up' : 'down'), DIGITS), namedNode(`${NS.xsd}decimal`));
  }
}
