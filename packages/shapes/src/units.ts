import { NS } from './namespaces';

/** The kinds of quantity MPLI converts between units. */
export type QuantityKind = 'dataSize' | 'duration' | 'dataRate';

/** One unit MPLI knows, with its exact size in the base unit of its kind. */
export interface UnitDefinition {
  /** The unit's IRI: a QUDT unit, or `mpli:BillingMonth` / `mpli:BillingYear`. */
  readonly iri: string;
  /** The short symbol the plain-object model uses, such as `GiB` or `h`. */
  readonly symbol: string;
  readonly kind: QuantityKind;
  /**
   * How many base units (byte, second, bit per second) one of this unit is, as an exact decimal
   * string. Strings, not numbers: 1 PiB does not fit exactly in a double's mantissa once scaled.
   */
  readonly factor: string;
  readonly label: string;
}

const u = (local: string) => `${NS.unit}${local}`;

/** The base unit of each kind: the unit whose factor is 1. */
export const BASE_UNIT_SYMBOL: Readonly<Record<QuantityKind, string>> = {
  dataSize: 'B',
  duration: 's',
  dataRate: 'bit/s',
};

/**
 * Every unit MPLI accepts. GB and GiB are different units: 1 GB = 10^9 bytes, 1 GiB = 2^30 bytes.
 * A billing month is 730 hours and a billing year 8760 hours, so prices per hour and per month
 * convert exactly.
 */
export const UNITS: readonly UnitDefinition[] = [
  { iri: u('BYTE'), symbol: 'B', kind: 'dataSize', factor: '1', label: 'byte' },
  { iri: u('KiloBYTE'), symbol: 'kB', kind: 'dataSize', factor: '1000', label: 'kilobyte' },
  { iri: u('KibiBYTE'), symbol: 'KiB', kind: 'dataSize', factor: '1024', label: 'kibibyte' },
  { iri: u('MegaBYTE'), symbol: 'MB', kind: 'dataSize', factor: '1000000', label: 'megabyte' },
  { iri: u('MebiBYTE'), symbol: 'MiB', kind: 'dataSize', factor: '1048576', label: 'mebibyte' },
  { iri: u('GigaBYTE'), symbol: 'GB', kind: 'dataSize', factor: '1000000000', label: 'gigabyte' },
  { iri: u('GibiBYTE'), symbol: 'GiB', kind: 'dataSize', factor: '1073741824', label: 'gibibyte' },
  { iri: u('TeraBYTE'), symbol: 'TB', kind: 'dataSize', factor: '1000000000000', label: 'terabyte' },
  { iri: u('TebiBYTE'), symbol: 'TiB', kind: 'dataSize', factor: '1099511627776', label: 'tebibyte' },
  { iri: u('PetaBYTE'), symbol: 'PB', kind: 'dataSize', factor: '1000000000000000', label: 'petabyte' },
  { iri: u('PebiBYTE'), symbol: 'PiB', kind: 'dataSize', factor: '1125899906842624', label: 'pebibyte' },
  { iri: u('SEC'), symbol: 's', kind: 'duration', factor: '1', label: 'second' },
  { iri: u('MIN'), symbol: 'min', kind: 'duration', factor: '60', label: 'minute' },
  { iri: u('HR'), symbol: 'h', kind: 'duration', factor: '3600', label: 'hour' },
  { iri: u('DAY'), symbol: 'd', kind: 'duration', factor: '86400', label: 'day' },
  { iri: u('WK'), symbol: 'wk', kind: 'duration', factor: '604800', label: 'week' },
  { iri: `${NS.mpli}BillingMonth`, symbol: 'month', kind: 'duration', factor: '2628000', label: 'billing month (730 h)' },
  { iri: `${NS.mpli}BillingYear`, symbol: 'year', kind: 'duration', factor: '31536000', label: 'billing year (8760 h)' },
  { iri: u('BIT-PER-SEC'), symbol: 'bit/s', kind: 'dataRate', factor: '1', label: 'bit per second' },
  { iri: u('KiloBIT-PER-SEC'), symbol: 'kbit/s', kind: 'dataRate', factor: '1000', label: 'kilobit per second' },
  { iri: u('MegaBIT-PER-SEC'), symbol: 'Mbit/s', kind: 'dataRate', factor: '1000000', label: 'megabit per second' },
  { iri: u('GigaBIT-PER-SEC'), symbol: 'Gbit/s', kind: 'dataRate', factor: '1000000000', label: 'gigabit per second' },
  { iri: u('TeraBIT-PER-SEC'), symbol: 'Tbit/s', kind: 'dataRate', factor: '1000000000000', label: 'terabit per second' },
  { iri: u('BYTE-PER-SEC'), symbol: 'B/s', kind: 'dataRate', factor: '8', label: 'byte per second' },
  { iri: u('MegaBYTE-PER-SEC'), symbol: 'MB/s', kind: 'dataRate', factor: '8000000', label: 'megabyte per second' },
  { iri: u('GigaBYTE-PER-SEC'), symbol: 'GB/s', kind: 'dataRate', factor: '8000000000', label: 'gigabyte per second' },
];

/** The billing periods a price may be charged per (a subset of the duration units). */
export const BILLING_PERIOD_SYMBOLS = ['s', 'min', 'h', 'd', 'month', 'year'] as const;

/** A billing period's symbol. */
export type BillingPeriodSymbol = (typeof BILLING_PERIOD_SYMBOLS)[number];

const bySymbol = new Map(UNITS.map((unit) => [unit.symbol, unit]));
const byIri = new Map(UNITS.map((unit) => [unit.iri, unit]));

/** The unit with this symbol (`GiB`), or undefined when MPLI does not know it. */
export function unitBySymbol(symbol: string): UnitDefinition | undefined {
  return bySymbol.get(symbol);
}

/** The unit with this IRI, or undefined when MPLI does not know it. */
export function unitByIri(iri: string): UnitDefinition | undefined {
  return byIri.get(iri);
}

/** The units of one kind, in table order. */
export function unitsOfKind(kind: QuantityKind): UnitDefinition[] {
  return UNITS.filter((unit) => unit.kind === kind);
}

const termOf = (unit: UnitDefinition): string => unit.iri.split(/[/#]/).pop()!;
const byTerm = new Map(UNITS.map((unit) => [termOf(unit), unit]));

/**
 * The unit a JSON-LD term of the MPLI context names (`"GibiBYTE"`, `"HR"`, `"BillingMonth"`:
 * the last segment of its IRI), or undefined.
 */
export function unitByTerm(term: string): UnitDefinition | undefined {
  return byTerm.get(term);
}

/** The JSON-LD term of the MPLI context for a unit (`GiB` → `"GibiBYTE"`, `month` → `"BillingMonth"`). */
export function unitTerm(unit: UnitDefinition): string {
  return termOf(unit);
}
