import { multiply, parseDecimal, rational, type Price, type Rational } from '@mpli/core';
import { inUnit, type Usage } from './charge';

/** UN/ECE Recommendation 20 codes of the duration units. */
const DURATION_CODES: Readonly<Record<string, string>> = { s: 'SEC', min: 'MIN', h: 'HUR', d: 'DAY', wk: 'WEE', month: 'MON', year: 'ANN' };

/** The exact decimal text of a rational whose denominator has no prime factor but 2 and 5, else undefined. */
export function finiteDecimal(value: Rational): string | undefined {
  let den = value.den;
  let twos = 0;
  let fives = 0;
  for (; den % 2n === 0n; twos += 1) den /= 2n;
  for (; den % 5n === 0n; fives += 1) den /= 5n;
  if (den !== 1n) return undefined;
  const digits = Math.max(twos, fives);
  const units = (value.num * 10n ** BigInt(digits)) / value.den;
  const negative = units < 0n;
  const text = (negative ? -units : units).toString().padStart(digits + 1, '0');
  const written = digits ? `${text.slice(0, -digits)}.${text.slice(-digits)}`.replace(/0+$/, '').replace(/\.$/, '') : text;
  return negative ? `-${written}` : written;
}

const ONE = rational(1n);

/**
 * An invoice line's quantity and the price's base quantity in one unit, both finite decimals, so
 * that quantity × price ÷ base is the line amount (EN 16931 BT-129, BT-130, BT-149): the usage's
 * own duration unit when it works (720 HUR at 49.00 per 730 HUR), else seconds, which always do.
 * With a size (prices per GiB), the quantity is size × duration, in units (C62).
 */
export function ublQuantity(price: Price, usage: Usage): { quantity: string; base: string; unitCode: string } {
  const duration = parseDecimal(usage.duration)!;
  for (const unit of [usage.durationUnit, 's']) {
    let quantity = inUnit(duration, usage.durationUnit, unit);
    let base = price.per ? inUnit(ONE, price.per, unit) : quantity;
    if (price.perQuantity && usage.size !== undefined && usage.sizeUnit !== undefined) {
      quantity = multiply(quantity, parseDecimal(usage.size)!);
      base = multiply(base, inUnit(parseDecimal(String(price.perQuantity.value))!, price.perQuantity.unit, usage.sizeUnit));
    }
    const [q, b] = [finiteDecimal(quantity), finiteDecimal(base)];
    if (q !== undefined && b !== undefined && b !== '0') return { quantity: q, base: b, unitCode: price.perQuantity ? 'C62' : DURATION_CODES[unit] ?? 'C62' };
  }
  // A one-time price or a unit table without finite factors: one unit at the price.
  return { quantity: '1', base: '1', unitCode: 'C62' };
}
