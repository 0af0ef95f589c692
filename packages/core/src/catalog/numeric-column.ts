import type { Term } from '@rdfjs/types';
import { compare, toNumber, type Rational } from '../quantity/rational';
import { numericValue, type NumericKind, type NumericValue } from './numeric-value';
import type { OfferingIndex } from './offering-index';
import type { PathColumn } from './path-column';

interface SortedKeys {
  readonly approx: Float64Array;
  readonly rows: Int32Array;
  /** The value's term (a literal or a quantity node), to compute the exact value when needed. */
  readonly terms: readonly Term[];
  /** 1 where the double is the exact value (an integer within 2^53), so no recomputation is needed. */
  readonly exactDouble: Uint8Array;
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const isExactDouble = (value: Rational) => value.den === 1n && value.num <= SAFE && value.num >= -SAFE;

// Doubles decide everything except values within this relative distance of a bound, which are
// compared exactly (bigint rationals): fast on the bulk, exact at the edge.
const EDGE = 1e-9;

/**
 * The numeric values at one path, per kind (plain numbers, data sizes, durations, data rates),
 * in the base unit of the kind and sorted, so a range finds its rows by binary search. Only
 * doubles are kept; exact values are recomputed for the few values near a bound.
 */
export class NumericColumn {
  private constructor(
    private readonly index: OfferingIndex,
    private readonly column: PathColumn,
    private readonly byKind: ReadonlyMap<NumericKind, SortedKeys>,
  ) {}

  static build(index: OfferingIndex, column: PathColumn): NumericColumn {
    const pending = new Map<NumericKind, { approx: number; row: number; term: Term; exact: boolean }[]>();
    column.forEach((row, term) => {
      const value = numericValue(index.entry(row).dataset, term);
      if (!value) return;
      const list = pending.get(value.kind) ?? [];
      const exact = isExactDouble(value.exact);
      list.push({ approx: exact ? Number(value.exact.num) : value.approx, row, term, exact });
      pending.set(value.kind, list);
    });
    const byKind = new Map<NumericKind, SortedKeys>();
    for (const [kind, list] of pending) {
      list.sort((a, b) => a.approx - b.approx);
      byKind.set(kind, {
        approx: Float64Array.from(list, (v) => v.approx),
        rows: Int32Array.from(list, (v) => v.row),
        terms: list.map((v) => v.term),
        exactDouble: Uint8Array.from(list, (v) => (v.exact ? 1 : 0)),
      });
    }
    return new NumericColumn(index, column, byKind);
  }

  /** The numeric values of one row (empty when it has none or none is numeric). */
  of(row: number): NumericValue[] {
    const dataset = this.index.entry(row).dataset;
    return this.column.of(row).map((term) => numericValue(dataset, term)).filter((v): v is NumericValue => v !== undefined);
  }

  /** Sets `marks[row] = value` for each row with a value of `kind` in [min, max] (either bound optional). */
  markInRange(kind: NumericKind, min: Rational | undefined, max: Rational | undefined, marks: Uint8Array, value: number): void {
    const keys = this.byKind.get(kind);
    if (!keys) return;
    const { lo, hi, innerLo, innerHi } = bounds(keys, min, max);
    // Strictly inside: no comparison needed. Near either bound: compare exactly.
    for (let i = innerLo; i < innerHi; i += 1) marks[keys.rows[i] as number] = value;
    for (let i = lo; i < innerLo; i += 1) if (this.within(keys, i, min, max)) marks[keys.rows[i] as number] = value;
    for (let i = innerHi; i < hi; i += 1) if (this.within(keys, i, min, max)) marks[keys.rows[i] as number] = value;
  }

  /** Calls `hit` for each row with a value of `kind` in [min, max] (either bound optional). */
  forEachInRange(kind: NumericKind, min: Rational | undefined, max: Rational | undefined, hit: (row: number) => void): void {
    const keys = this.byKind.get(kind);
    if (!keys) return;
    const { lo, hi } = bounds(keys, min, max);
    for (let i = lo; i < hi; i += 1) if (this.within(keys, i, min, max)) hit(keys.rows[i] as number);
  }

  /**
   * The lowest and the highest value of `kind` among the given rows, exactly, found by walking
   * the sorted keys from each end (no per-row reading).
   */
  extremes(kind: NumericKind, rows: readonly number[]): { lowest?: NumericValue | undefined; highest?: NumericValue | undefined; rows: number } {
    const keys = this.byKind.get(kind);
    if (!keys || rows.length === 0) return { rows: 0 };
    const wanted = new Uint8Array(this.index.rows);
    for (const row of rows) wanted[row] = 1;
    const valueAt = (i: number) => numericValue(this.index.entry(keys.rows[i] as number).dataset, keys.terms[i] as Term);
    let first = -1;
    let last = -1;
    const seen = new Uint8Array(this.index.rows);
    let count = 0;
    for (let i = 0; i < keys.rows.length; i += 1) {
      const row = keys.rows[i] as number;
      if (!wanted[row]) continue;
      if (first < 0) first = i;
      last = i;
      if (!seen[row]) {
        seen[row] = 1;
        count += 1;
      }
    }
    if (first < 0) return { rows: 0 };
    return { lowest: valueAt(first), highest: valueAt(last), rows: count };
  }

  /** The kinds present in the column. */
  kinds(): NumericKind[] {
    return [...this.byKind.keys()];
  }

  private within(keys: SortedKeys, i: number, min: Rational | undefined, max: Rational | undefined): boolean {
    // Both sides exact as doubles (integers, the common case): the doubles decide.
    if (keys.exactDouble[i] && (min === undefined || isExactDouble(min)) && (max === undefined || isExactDouble(max))) {
      const value = keys.approx[i] as number;
      return (min === undefined || value >= Number(min.num)) && (max === undefined || value <= Number(max.num));
    }
    const exact = numericValue(this.index.entry(keys.rows[i] as number).dataset, keys.terms[i] as Term)?.exact;
    return exact !== undefined && (min === undefined || compare(exact, min) >= 0) && (max === undefined || compare(exact, max) <= 0);
  }
}

// Candidate positions [lo, hi), and [innerLo, innerHi) where doubles alone decide: values more
// than EDGE (relative) inside both bounds.
function bounds(keys: SortedKeys, min: Rational | undefined, max: Rational | undefined) {
  const minD = min === undefined ? Number.NEGATIVE_INFINITY : toNumber(min);
  const maxD = max === undefined ? Number.POSITIVE_INFINITY : toNumber(max);
  const slackMin = Math.abs(minD) * EDGE + Number.MIN_VALUE;
  const slackMax = Math.abs(maxD) * EDGE + Number.MIN_VALUE;
  const lo = min === undefined ? 0 : lowerBound(keys.approx, minD - slackMin);
  const hi = max === undefined ? keys.approx.length : upperBound(keys.approx, maxD + slackMax);
  const innerLo = min === undefined ? 0 : Math.max(lo, upperBound(keys.approx, minD + slackMin));
  const innerHi = max === undefined ? keys.approx.length : Math.max(innerLo, lowerBound(keys.approx, maxD - slackMax));
  return { lo, hi, innerLo: Math.min(innerLo, hi), innerHi: Math.min(innerHi, hi) };
}

/** The first position whose value is greater than `value`. */
function upperBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first position whose value is not less than `value`. */
function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
