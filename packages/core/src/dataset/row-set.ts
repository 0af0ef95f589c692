import type { QuadColumns } from './quad-columns';

/**
 * An open-addressing hash set over the rows of a {@link QuadColumns}: "is this quad already
 * stored, and in which row?" in O(1), without a string per quad. This is what keeps a store of
 * millions of quads small and its adds fast.
 */
export class RowSet {
  private slots: Int32Array = new Int32Array(1024).fill(-1);
  private used = 0;

  constructor(private readonly columns: QuadColumns) {}

  private static hash(s: number, p: number, o: number, g: number): number {
    let h = Math.imul(s, 0x9e3779b1) ^ Math.imul(p + 0x632be5ab, 0x85ebca77);
    h = Math.imul(h ^ (h >>> 15), 0xc2b2ae3d) ^ Math.imul(o + 0x7f4a7c15, 0x27d4eb2f) ^ Math.imul(g + 1, 0x165667b1);
    h = Math.imul(h ^ (h >>> 13), 0x85ebca6b);
    return (h ^ (h >>> 16)) >>> 0;
  }

  /** The row holding (s, p, o, g), or -1. */
  find(s: number, p: number, o: number, g: number): number {
    const { columns } = this;
    const mask = this.slots.length - 1;
    for (let slot = RowSet.hash(s, p, o, g) & mask; ; slot = (slot + 1) & mask) {
      const row = this.slots[slot] as number;
      if (row === -1) return -1;
      if (columns.s[row] === s && columns.p[row] === p && columns.o[row] === o && columns.g[row] === g) return row;
    }
  }

  /** Records that `row` holds its quad; the caller has checked the quad is new. */
  insert(row: number): void {
    if ((this.used + 1) * 2 > this.slots.length) this.resize(this.slots.length * 2);
    this.place(row);
  }

  /** Rebuilds the table from the live rows (deletions leave no tombstones behind). */
  rebuild(): void {
    this.resize(this.slots.length);
  }

  private place(row: number): void {
    const { columns } = this;
    const mask = this.slots.length - 1;
    let slot = RowSet.hash(columns.s[row] as number, columns.p[row] as number, columns.o[row] as number, columns.g[row] as number) & mask;
    while (this.slots[slot] !== -1) slot = (slot + 1) & mask;
    this.slots[slot] = row;
    this.used += 1;
  }

  private resize(size: number): void {
    this.slots = new Int32Array(size).fill(-1);
    this.used = 0;
    for (let row = 0; row < this.columns.length; row += 1) if (this.columns.isLive(row)) this.place(row);
  }
}
