import type { Term } from '@rdfjs/types';
import type { OfferingIndex } from './offering-index';
import { valuesAtPath } from './path-values';

/**
 * The values at one property path for every row, in compressed sparse row form: row `r`'s values
 * are `values[offsets[r] .. offsets[r + 1])`.
 */
export class PathColumn {
  private constructor(
    readonly path: readonly string[],
    private readonly offsets: Int32Array,
    private readonly values: readonly Term[],
  ) {}

  static build(index: OfferingIndex, path: readonly string[]): PathColumn {
    const offsets = new Int32Array(index.rows + 1);
    const values: Term[] = [];
    for (let row = 0; row < index.rows; row += 1) {
      for (const value of valuesAtPath(index.entry(row).dataset, index.term(row), path)) values.push(value);
      offsets[row + 1] = values.length;
    }
    return new PathColumn(path, offsets, values);
  }

  /** The values of one row. */
  of(row: number): readonly Term[] {
    return this.values.slice(this.offsets[row], this.offsets[row + 1]);
  }

  /** How many values one row has. */
  count(row: number): number {
    return (this.offsets[row + 1] as number) - (this.offsets[row] as number);
  }

  /** A fresh array with `some` for rows that have a value at the path and `none` for the others. */
  presence(some: number, none: number): Uint8Array {
    const rows = this.offsets.length - 1;
    const out = new Uint8Array(rows);
    for (let row = 0; row < rows; row += 1) out[row] = (this.offsets[row + 1] as number) > (this.offsets[row] as number) ? some : none;
    return out;
  }

  /** Calls `visit` for every (row, value) pair, in row order. */
  forEach(visit: (row: number, value: Term, position: number) => void): void {
    for (let row = 0; row + 1 < this.offsets.length; row += 1) {
      for (let i = this.offsets[row] as number; i < (this.offsets[row + 1] as number); i += 1) visit(row, this.values[i] as Term, i);
    }
  }
}
