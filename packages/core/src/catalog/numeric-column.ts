import { compare, toNumber, type Rational } from '../quantity/rational';
import { numericValue, type NumericKind, type NumericValue } from './numeric-value';
import type { OfferingIndex } from './offering-index';
import type { PathColumn } from './path-column';

interface SortedKeys {
  readonly approx: Float64Array;
  readonly rows: Int32Array;
  readonly exact: readonly Rational[];
}

// Doubles decide everything except values within this relative distance of a bound, which are
// compared exactly (bigint rationals): fast on the bulk, exact at the edge.
const EDGE = 1e-9;

/**
 * The numeric values at one path, per kind (plain numbers, data sizes, durations, data rates),
 * in the base unit of the kind and sorted, so a range finds its rows by binary search.
 */
export class NumericColumn {
  private constructor(
    private readonly byKind: ReadonlyMap<NumericKind, SortedKeys>,
    private readonly values: ReadonlyMap<number, readonly NumericValue[]>,
  ) {}

  static build(index: OfferingIndex, column: PathColumn): NumericColumn {
    const pending = new Map<NumericKind, { approx: number; row: number; exact: Rational }[]>();
    const values = new Map<number, NumericValue[]>();
    column.forEach((row, term) => {
      const value = numericValue(index.entry(row).dataset, term);
      if (!value) return;
      const list = pending.get(value.kind) ?? [];
      list.push({ approx: value.approx, row, exact: value.exact });
      pending.set(value.kind, list);
      values.set(row, [...(values.get(row) ?? []), value]);
    });
    const byKind = new Map<NumericKind, SortedKeys>();
    for (const [kind, list] of pending) {
      list.sort((a, b) => a.approx - b.approx);
      byKind.set(kind, { approx: Float64Array.from(list, (v) => v.approx), rows: Int32Array.from(list, (v) => v.row), exact: list.map((v) => v.exact) });
    }
    return new NumericColumn(byKind, values);
  }

  /** The numeric values of one row (empty when it has none or none is numeric). */
  of(row: number): readonly NumericValue[] {
    return this.values.get(row) ?? [];
  }

  /** Calls `hit` for each row with a value of `kind` in [min, max] (either bound optional). */
  forEachInRange(kind: NumericKind, min: Rational | undefined, max: Rational | undefined, hit: (row: number) => void): void {
    const keys = this.byKind.get(kind);
    if (!keys) return;
    const minD = min === undefined ? Number.NEGATIVE_INFINITY : toNumber(min);
    const maxD = max === undefined ? Number.POSITIVE_INFINITY : toNumber(max);
    const slackMin = Math.abs(minD) * EDGE + Number.MIN_VALUE;
    const slackMax = Math.abs(maxD) * EDGE + Number.MIN_VALUE;
    const lo = min === undefined ? 0 : lowerBound(keys.approx, minD - slackMin);
    for (let i = lo; i < keys.approx.length && (keys.approx[i] as number) <= maxD + slackMax; i += 1) {
      const approx = keys.approx[i] as number;
      const nearMin = min !== undefined && approx <= minD + slackMin;
      const nearMax = max !== undefined && approx >= maxD - slackMax;
      if (nearMin || nearMax) {
        const exact = keys.exact[i] as Rational;
        if ((min !== undefined && compare(exact, min) < 0) || (max !== undefined && compare(exact, max) > 0)) continue;
      }
      hit(keys.rows[i] as number);
    }
  }

  /** The kinds present in the column. */
  kinds(): NumericKind[] {
    return [...this.byKind.keys()];
  }
}

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
