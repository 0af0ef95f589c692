/**
 * Rows grouped by one column's term id, in compressed sparse row form: the rows whose column
 * holds id `t` are `rows[offsets[t] .. offsets[t + 1])`, in insertion order. Built in O(rows +
 * terms) by a counting sort; two Int32Arrays, no object per group.
 */
export class GroupedRows {
  private constructor(
    private readonly offsets: Int32Array,
    private readonly rows: Int32Array,
  ) {}

  /** Groups the live rows (`live(row)`) of `column` (its first `length` entries) by value. */
  static build(column: Int32Array, length: number, termCount: number, live: (row: number) => boolean): GroupedRows {
    const offsets = new Int32Array(termCount + 1);
    let total = 0;
    for (let row = 0; row < length; row += 1) {
      if (!live(row)) continue;
      const slot = (column[row] as number) + 1;
      offsets[slot] = (offsets[slot] as number) + 1;
      total += 1;
    }
    for (let t = 0; t < termCount; t += 1) offsets[t + 1] = (offsets[t + 1] as number) + (offsets[t] as number);
    const cursor = offsets.slice(0, termCount);
    const rows = new Int32Array(total);
    for (let row = 0; row < length; row += 1) {
      if (!live(row)) continue;
      const value = column[row] as number;
      const at = cursor[value] as number;
      rows[at] = row;
      cursor[value] = at + 1;
    }
    return new GroupedRows(offsets, rows);
  }

  /** The rows whose column holds `termId` (a view, not a copy). */
  group(termId: number): Int32Array {
    return this.rows.subarray(this.offsets[termId] ?? 0, this.offsets[termId + 1] ?? 0);
  }
}
