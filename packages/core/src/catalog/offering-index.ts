import type { Term } from '@rdfjs/types';
import { NS } from '@mpli/shapes';
import type { Offering, Prerequisite } from '../model/manifest-types';
import { NodeReader } from '../model/node-reader';
import type { Provider } from '../model/party-types';
import { readProvider } from '../model/read-manifest';
import { offeringKindOf, readOffering } from '../model/read-offering';
import { readPrerequisite } from '../model/read-parties';
import { OFFERING_KINDS, type OfferingKind } from '../model/vocabulary-names';
import type { CatalogEntry } from './catalog-entry';
import { KeyColumn } from './key-column';
import { NumericColumn } from './numeric-column';
import { PathColumn } from './path-column';

const readPrerequisites = (nodes: readonly NodeReader[]) => nodes.map(readPrerequisite).filter((p): p is Prerequisite => p !== undefined);

/**
 * Every offering of a catalog as a numbered row, with columns built on first use and kept:
 * the values at any property path (for value constraints), sorted numeric keys per path (for
 * ranges), and the offering's read model, provider and prerequisites (for results). Rows are
 * cheap; what a query never touches is never built.
 */
export class OfferingIndex {
  /** Number of offerings. */
  readonly rows: number;
  private readonly entryOfRow: Int32Array;
  private readonly terms: Term[];
  /** Row to index in OFFERING_KINDS (255 when the node has no MPLI offering type). */
  readonly kinds: Uint8Array;
  private readonly pathColumns = new Map<string, PathColumn>();
  private readonly numericColumns = new Map<string, NumericColumn>();
  private readonly offerings = new Map<number, Offering>();
  private readonly providers = new Map<number, Provider>();
  private readonly derivedColumns = new Map<string, unknown>();

  constructor(readonly entries: readonly CatalogEntry[]) {
    this.rows = entries.reduce((n, entry) => n + entry.offerings.length, 0);
    this.entryOfRow = new Int32Array(this.rows);
    this.kinds = new Uint8Array(this.rows);
    this.terms = new Array<Term>(this.rows);
    let row = 0;
    entries.forEach((entry, e) => {
      for (const term of entry.offerings) {
        this.entryOfRow[row] = e;
        this.terms[row] = term;
        const kind = offeringKindOf(new NodeReader(entry.dataset, term).types());
        this.kinds[row] = kind === undefined ? 255 : OFFERING_KINDS.indexOf(kind);
        row += 1;
      }
    });
  }

  /** The position of the row's manifest among the index's entries. */
  entryIndex(row: number): number {
    return this.entryOfRow[row] as number;
  }

  entry(row: number): CatalogEntry {
    return this.entries[this.entryOfRow[row] as number] as CatalogEntry;
  }

  term(row: number): Term {
    return this.terms[row] as Term;
  }

  kind(row: number): OfferingKind | undefined {
    return OFFERING_KINDS[this.kinds[row] as number];
  }

  /** A reader on the offering node of a row. */
  node(row: number): NodeReader {
    return new NodeReader(this.entry(row).dataset, this.term(row));
  }

  /** The values at a property path from every row's offering, built once per path. */
  pathColumn(path: readonly string[]): PathColumn {
    const key = path.join(' ');
    let column = this.pathColumns.get(key);
    if (!column) this.pathColumns.set(key, (column = PathColumn.build(this, path)));
    return column;
  }

  /** The numeric values at a path, sorted by kind and value, built once per path. */
  numericColumn(path: readonly string[]): NumericColumn {
    const key = path.join(' ');
    let column = this.numericColumns.get(key);
    if (!column) this.numericColumns.set(key, (column = NumericColumn.build(this, this.pathColumn(path))));
    return column;
  }

  /** A column derived from the rows by `build`, built on first use and kept under `key`. */
  derived<T>(key: string, build: (index: OfferingIndex) => T): T {
    if (!this.derivedColumns.has(key)) this.derivedColumns.set(key, build(this));
    return this.derivedColumns.get(key) as T;
  }

  /** The values at a path as integer keys (by `keyOf`, named `name`), built once per path. */
  keyColumn(path: readonly string[], name: string, keyOf: (term: Term) => string): KeyColumn {
    return this.derived(`keys ${name} ${path.join(' ')}`, () => KeyColumn.build(this.pathColumn(path), this.rows, keyOf));
  }

  /** The IRI (or `_:label`) of every row's offering, for stable ordering. */
  ids(): readonly string[] {
    return this.derived('ids', () => this.terms.map((term) => (term.termType === 'BlankNode' ? `_:${term.value}` : term.value)));
  }

  /** Each row's position in the order of offering ids: a stable, cheap tie-breaker. */
  idOrder(): Int32Array {
    return this.derived('id-order', () => {
      const ids = this.ids();
      const rows = Array.from({ length: this.rows }, (_, row) => row).sort((a, b) => ((ids[a] as string) < (ids[b] as string) ? -1 : 1));
      const order = new Int32Array(this.rows);
      rows.forEach((row, position) => {
        order[row] = position;
      });
      return order;
    });
  }

  /** The row's offering in the typed model (read once, on demand). */
  offering(row: number): Offering {
    let offering = this.offerings.get(row);
    if (!offering) this.offerings.set(row, (offering = readOffering(this.node(row))));
    return offering;
  }

  /** The provider who publishes the row's manifest (read once per manifest). */
  provider(row: number): Provider | undefined {
    const e = this.entryOfRow[row] as number;
    const entry = this.entry(row);
    if (!entry.provider) return undefined;
    let provider = this.providers.get(e);
    if (!provider) this.providers.set(e, (provider = readProvider(new NodeReader(entry.dataset, entry.provider))));
    return provider;
  }

  /** The prerequisites that apply to the row: the manifest's (read once per manifest) and the offering's own. */
  prerequisites(row: number): Prerequisite[] {
    const e = this.entryOfRow[row] as number;
    const byManifest = this.derived('manifest-prerequisites', () => new Map<number, Prerequisite[]>());
    let fromManifest = byManifest.get(e);
    if (!fromManifest) {
      const entry = this.entry(row);
      byManifest.set(e, (fromManifest = readPrerequisites(new NodeReader(entry.dataset, entry.manifest).nodes(`${NS.mpli}prerequisite`))));
    }
    const own = this.node(row).nodes(`${NS.mpli}prerequisite`);
    return own.length ? [...fromManifest, ...readPrerequisites(own)] : fromManifest;
  }
}
