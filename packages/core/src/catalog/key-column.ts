import type { Term } from '@rdfjs/types';
import type { PathColumn } from './path-column';

/**
 * The values at one path as small integers: each distinct value (by `keyOf`) gets an id, and each
 * row's value ids sit in compressed sparse row form. Set membership then costs an array lookup.
 */
export class KeyColumn {
  private constructor(
    private readonly offsets: Int32Array,
    private readonly values: Int32Array,
    private readonly ids: ReadonlyMap<string, number>,
    /** How many distinct values the column holds. */
    readonly distinct: number,
  ) {}

  static build(column: PathColumn, rows: number, keyOf: (term: Term) => string): KeyColumn {
    const ids = new Map<string, number>();
    const offsets = new Int32Array(rows + 1);
    const values: number[] = [];
    let last = -1;
    column.forEach((row, term) => {
      while (last < row) offsets[++last] = values.length;
      const key = keyOf(term);
      let id = ids.get(key);
      if (id === undefined) ids.set(key, (id = ids.size));
      values.push(id);
    });
    while (last < rows) offsets[++last] = values.length;
    return new KeyColumn(offsets, Int32Array.from(values), ids, ids.size);
  }

  /** The id of a value key, or undefined when no row holds it. */
  idOf(key: string): number | undefined {
    return this.ids.get(key);
  }

  /** A lookup table over value ids: 1 for the keys given. */
  mask(keys: Iterable<string>): Uint8Array {
    const mask = new Uint8Array(this.distinct);
    for (const key of keys) {
      const id = this.ids.get(key);
      if (id !== undefined) mask[id] = 1;
    }
    return mask;
  }

  /** Whether the row has a value at all. */
  has(row: number): boolean {
    return (this.offsets[row + 1] as number) > (this.offsets[row] as number);
  }

  /** Whether some value of the row is marked in `mask`. */
  any(row: number, mask: Uint8Array): boolean {
    for (let i = this.offsets[row] as number; i < (this.offsets[row + 1] as number); i += 1) if (mask[this.values[i] as number]) return true;
    return false;
  }
}
