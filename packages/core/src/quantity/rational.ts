/**
 * Exact rational numbers over bigint, for unit conversion and price comparison without floating
 * point error. Always normalised: positive denominator, lowest terms.
 */
export interface Rational {
  readonly num: bigint;
  readonly den: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
};

/** Builds a normalised rational. Throws a RangeError on a zero denominator. */
export function rational(num: bigint, den = 1n): Rational {
  if (den === 0n) throw new RangeError('Rational with a zero denominator');
  const sign = den < 0n ? -1n : 1n;
  const divisor = gcd(num, den) || 1n;
  return { num: (sign * num) / divisor, den: (sign * den) / divisor };
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/**
 * Parses a decimal or scientific literal ("0.042", "16", "1.5E3") exactly.
 * Returns undefined for anything else (NaN, INF, empty strings).
 */
export function parseDecimal(text: string): Rational | undefined {
  const match = DECIMAL.exec(text.trim());
  if (!match) return undefined;
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  if (whole === '' && fraction === '') return undefined;
  const digits = BigInt(`${whole}${fraction}` || '0');
  const scale = BigInt(exponent) - BigInt(fraction.length);
  const signed = sign === '-' ? -digits : digits;
  return scale >= 0n ? rational(signed * 10n ** scale) : rational(signed, 10n ** -scale);
}

/** The exact value of a finite JS number as written in its shortest decimal form. */
export function fromNumber(value: number): Rational {
  if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
  const parsed = parseDecimal(String(value));
  if (!parsed) throw new RangeError(`Cannot read ${value} as a decimal`);
  return parsed;
}

export const multiply = (a: Rational, b: Rational): Rational => rational(a.num * b.num, a.den * b.den);
export const divide = (a: Rational, b: Rational): Rational => rational(a.num * b.den, a.den * b.num);
export const add = (a: Rational, b: Rational): Rational => rational(a.num * b.den + b.num * a.den, a.den * b.den);

/** -1, 0 or 1 as a is less than, equal to or greater than b. */
export function compare(a: Rational, b: Rational): -1 | 0 | 1 {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** A JS number close to the rational (for display and scoring only, never for comparisons). */
export function toNumber(value: Rational): number {
  return Number(value.num) / Number(value.den);
}

/**
 * A decimal string with at most `maxFractionDigits` digits after the point, rounded half away
 * from zero, without trailing zeros: `toDecimalString(rational(1n, 3n), 4)` is "0.3333".
 */
export function toDecimalString(value: Rational, maxFractionDigits = 12): string {
  const negative = value.num < 0n;
  const abs = negative ? -value.num : value.num;
  const scale = 10n ** BigInt(maxFractionDigits);
  const scaled = (abs * scale * 2n + value.den) / (value.den * 2n);
  const whole = scaled / scale;
  const fraction = (scaled % scale).toString().padStart(maxFractionDigits, '0').replace(/0+$/, '');
  const text = fraction ? `${whole}.${fraction}` : `${whole}`;
  return negative && scaled !== 0n ? `-${text}` : text;
}

/** Rounds to `digits` decimal places towards +∞ ('up') or −∞ ('down'), exactly. */
export function roundTo(value: Rational, digits: number, mode: 'up' | 'down'): Rational {
  const scale = 10n ** BigInt(digits);
  const scaled = value.num * scale;
  let whole = scaled / value.den;
  const exact = whole * value.den === scaled;
  // bigint division truncates towards zero: adjust to floor or ceiling.
  if (!exact && mode === 'down' && scaled < 0n) whole -= 1n;
  if (!exact && mode === 'up' && scaled > 0n) whole += 1n;
  return rational(whole, scale);
}
