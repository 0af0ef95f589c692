import { add, compare, MpliError, multiply, parseDecimal, rational, type Rational } from '@mpli/core';

/** Digits after the decimal point of ISO 4217 currencies that do not use two (the default). */
const MINOR_DIGITS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0, RWF: 0, UGX: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
};
const AMOUNT = /^-?\d+(\.\d+)?$/;
const CURRENCY = /^[A-Z]{3}$/;

/** The number of digits after the point in amounts of this currency (ISO 4217: 2 for EUR, 0 for ISK, 3 for KWD). */
export function minorDigits(currency: string): number {
  if (!CURRENCY.test(currency)) throw new MpliError('INVALID_INPUT', `"${currency}" is not an ISO 4217 currency code (three capital letters)`);
  return MINOR_DIGITS[currency] ?? 2;
}

/**
 * Reads an amount written as a decimal string ("49.00", "0.084"), exactly. Numbers are refused:
 * a JS number has already lost the amount's exact value (0.1 + 0.2), so money travels as text.
 */
export function parseAmount(value: unknown, field: string): Rational {
  if (typeof value !== 'string' || !AMOUNT.test(value)) throw new MpliError('INVALID_INPUT', `${field} must be a decimal string such as "49.00", not ${JSON.stringify(value)}`);
  return parseDecimal(value)!;
}

/** Rounds to the currency's minor unit, half away from zero (commercial rounding, as EN 16931 amounts are). */
export function roundMoney(value: Rational, currency: string): Rational {
  const scale = 10n ** BigInt(minorDigits(currency));
  const scaled = value.num * scale;
  const twice = (2n * (scaled < 0n ? -scaled : scaled) + value.den) / (2n * value.den);
  return rational(scaled < 0n ? -twice : twice, scale);
}

/** An amount as the currency writes it: exactly its minor digits ("49.00", "1200", "3.500"). Rounds first. */
export function formatMoney(value: Rational, currency: string): string {
  const digits = minorDigits(currency);
  const rounded = roundMoney(value, currency);
  const scale = 10n ** BigInt(digits);
  const units = (rounded.num * scale) / rounded.den;
  const negative = units < 0n;
  const abs = (negative ? -units : units).toString().padStart(digits + 1, '0');
  const text = digits === 0 ? abs : `${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
  return negative ? `-${text}` : text;
}

/** The exact sum of amounts. */
export function sum(values: readonly Rational[]): Rational {
  return values.reduce((total, v) => add(total, v), rational(0n));
}

/** Whether two amounts are equal, exactly. */
export const sameAmount = (a: Rational, b: Rational): boolean => compare(a, b) === 0;

/** `value × percent / 100`, exactly. */
export const percentOf = (value: Rational, percent: Rational): Rational => multiply(value, multiply(percent, rational(1n, 100n)));
