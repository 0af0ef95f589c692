import { BASE_UNIT_SYMBOL, UNITS, unitBySymbol, type QuantityKind, type UnitDefinition } from '@mpli/shapes';
import { MpliError } from '../errors/mpli-error';
import { compare, divide, fromNumber, multiply, parseDecimal, toDecimalString, type Rational } from './rational';

/**
 * A number with a unit, such as 16 GiB. The unit is a symbol from `@mpli/shapes`' unit table
 * (`GiB`, `GB`, `h`, `month`, `Gbit/s`, ...). GB and GiB are different units.
 */
export interface Quantity {
  readonly value: number;
  readonly unit: string;
}

/** The unit definition of a symbol; throws `UNKNOWN_UNIT` naming the known ones otherwise. */
export function requireUnit(symbol: string): UnitDefinition {
  const unit = unitBySymbol(symbol);
  if (!unit) {
    throw new MpliError('UNKNOWN_UNIT', `Unknown unit "${symbol}": use one of ${UNITS.map((u) => u.symbol).join(', ')}`, {
      details: { unit: symbol },
    });
  }
  return unit;
}

/** The kind of quantity (data size, duration, data rate) a quantity measures. */
export function quantityKind(quantity: Quantity): QuantityKind {
  return requireUnit(quantity.unit).kind;
}

/** The exact value of a quantity in the base unit of its kind (bytes, seconds, bits per second). */
export function toBaseUnits(quantity: Quantity): Rational {
  const factor = parseDecimal(requireUnit(quantity.unit).factor);
  if (!factor) throw new Error(`Corrupt unit table entry for ${quantity.unit}`);
  return multiply(fromNumber(quantity.value), factor);
}

/**
 * Converts a quantity to another unit of the same kind, exactly.
 *
 * @example
 * toDecimalString(convertQuantity({ value: 1, unit: 'GiB' }, 'MB')) // "1073.741824"
 */
export function convertQuantity(quantity: Quantity, toUnit: string): Rational {
  const target = requireUnit(toUnit);
  const source = requireUnit(quantity.unit);
  if (source.kind !== target.kind) {
    throw new MpliError('INCOMPATIBLE_UNITS', `Cannot convert ${source.symbol} (${source.kind}) to ${target.symbol} (${target.kind})`, {
      details: { from: source.symbol, to: target.symbol },
    });
  }
  const factor = parseDecimal(target.factor);
  if (!factor) throw new Error(`Corrupt unit table entry for ${toUnit}`);
  return divide(toBaseUnits(quantity), factor);
}

/** Compares two quantities of the same kind exactly: -1, 0 or 1. */
export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  const kindA = quantityKind(a);
  const kindB = quantityKind(b);
  if (kindA !== kindB) {
    throw new MpliError('INCOMPATIBLE_UNITS', `Cannot compare ${a.unit} (${kindA}) with ${b.unit} (${kindB})`, {
      details: { from: a.unit, to: b.unit },
    });
  }
  return compare(toBaseUnits(a), toBaseUnits(b));
}

const QUANTITY_TEXT = /^\s*([+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)\s*([A-Za-z/%]+)\s*$/;

/**
 * Parses "16 GiB", "0.5TB" or "10 Gbit/s". Throws `INVALID_INPUT` or `UNKNOWN_UNIT`.
 */
export function parseQuantity(text: string): Quantity {
  const match = QUANTITY_TEXT.exec(text);
  if (!match?.[1] || !match[2]) {
    throw new MpliError('INVALID_INPUT', `"${text}" is not a quantity such as "16 GiB"`);
  }
  requireUnit(match[2]);
  return { value: Number(match[1]), unit: match[2] };
}

/** "16 GiB". */
export function formatQuantity(quantity: Quantity): string {
  return `${quantity.value} ${quantity.unit}`;
}

/** Expresses a quantity in the base unit of its kind, as a decimal string ("17179869184 B"). */
export function formatInBaseUnit(quantity: Quantity): string {
  return `${toDecimalString(toBaseUnits(quantity))} ${BASE_UNIT_SYMBOL[quantityKind(quantity)]}`;
}
