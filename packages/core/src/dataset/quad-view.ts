import type { DatasetCore, Quad, Term } from '@rdfjs/types';
import type { CompactDataset } from './compact-dataset';

/**
 * The result of {@link CompactDataset.match}: a read-only DatasetCore over some rows of the
 * dataset. Quads are created as they are iterated, so a match costs four bytes a row.
 */
export class QuadView implements DatasetCore<Quad, Quad> {
  constructor(
    private readonly dataset: CompactDataset,
    private readonly rows: Int32Array,
  ) {}

  get size(): number {
    return this.rows.length;
  }

  *[Symbol.iterator](): Iterator<Quad> {
    for (const row of this.rows) yield this.dataset.quadAt(row);
  }

  has(quad: Quad): boolean {
    return this.dataset.has(quad) && this.match(quad.subject, quad.predicate, quad.object, quad.graph).size > 0;
  }

  match(subject?: Term | null, predicate?: Term | null, object?: Term | null, graph?: Term | null): QuadView {
    const ids = [subject, predicate, object, graph].map((term) => this.dataset.patternId(term));
    if (ids.some((id) => id === undefined)) return new QuadView(this.dataset, new Int32Array(0));
    const pattern = ids as number[];
    return new QuadView(this.dataset, this.rows.filter((row) => this.dataset.rowMatches(row, pattern)));
  }

  add(): this {
    throw new TypeError('A match result is read-only; add quads to the CompactDataset itself');
  }

  delete(): this {
    throw new TypeError('A match result is read-only; delete quads from the CompactDataset itself');
  }
}
