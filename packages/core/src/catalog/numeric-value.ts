import type { DatasetCore, Term } from '@rdfjs/types';
import { NS, unitByIri, type QuantityKind } from '@mpli/shapes';
import { NodeReader } from '../model/node-reader';
import { multiply, parseDecimal, type Rational } from '../quantity/rational';

/** What a number measures: a plain number, or a quantity of a kind, in its base unit. */
export type NumericKind = 'number' | QuantityKind;

/** A numeric value found in a manifest, in the base unit of its kind. */
export interface NumericValue {
  readonly kind: NumericKind;
  /** Close to `exact`, for fast comparisons. */
  readonly approx: number;
  readonly exact: Rational;
  /** As written, such as "16 GiB" or "99.95". */
  readonly text: string;
}

const NUMERIC_DATATYPES = new Set(['integer', 'decimal', 'double', 'float', 'int', 'long', 'nonNegativeInteger', 'positiveInteger'].map((t) => `${NS.xsd}${t}`));

/** A numeric literal, or a qudt:QuantityValue node with a known unit, as a NumericValue. */
export function numericValue(dataset: DatasetCore, term: Term): NumericValue | undefined {
  if (term.termType === 'Literal') {
    if (!NUMERIC_DATATYPES.has(term.datatype.value)) return undefined;
    const exact = parseDecimal(term.value);
    return exact ? { kind: 'number', approx: Number(term.value), exact, text: term.value } : undefined;
  }
  const node = new NodeReader(dataset, term);
  const literal = node.one(`${NS.qudt}numericValue`);
  const unit = unitByIri(node.string(`${NS.qudt}unit`) ?? '');
  const amount = literal?.termType === 'Literal' ? parseDecimal(literal.value) : undefined;
  const factor = unit ? parseDecimal(unit.factor) : undefined;
  if (!amount || !unit || !factor || !literal) return undefined;
  const exact = multiply(amount, factor);
  return { kind: unit.kind, approx: Number(literal.value) * Number(unit.factor), exact, text: `${literal.value} ${unit.symbol}` };
}
