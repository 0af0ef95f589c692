/**
 * Quads as four growable columns of term ids (subject, predicate, object, graph), one row per
 * quad; a deleted row has its subject set to -1. About 16 bytes a quad.
 */
export class QuadColumns {
  s = new Int32Array(1024);
  p = new Int32Array(1024);
  o = new Int32Array(1024);
  g = new Int32Array(1024);
  /** Rows written so far, deleted ones included. */
  length = 0;

  append(s: number, p: number, o: number, g: number): number {
    if (this.length === this.s.length) this.grow();
    const index = this.length;
    this.s[index] = s;
    this.p[index] = p;
    this.o[index] = o;
    this.g[index] = g;
    this.length += 1;
    return index;
  }

  isLive(index: number): boolean {
    return (this.s[index] ?? -1) >= 0;
  }

  /** Shrinks the columns to the rows written (the next append grows them again). */
  trim(): void {
    this.resize(Math.max(this.length, 1));
  }

  private grow(): void {
    this.resize(this.s.length * 2);
  }

  private resize(size: number): void {
    const widen = (old: Int32Array) => {
      const next = new Int32Array(size);
      next.set(old.subarray(0, Math.min(old.length, size)));
      return next;
    };
    this.s = widen(this.s);
    this.p = widen(this.p);
    this.o = widen(this.o);
    this.g = widen(this.g);
  }
}
