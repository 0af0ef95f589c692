import { describe, expect, it } from 'vitest';
import { add, compare, divide, fromNumber, multiply, parseDecimal, rational, toDecimalString, toNumber } from '@mpli/core';

describe('rational arithmetic', () => {
  it('parses decimals and scientific notation exactly', () => {
    expect(parseDecimal('0.042')).toEqual({ num: 21n, den: 500n });
    expect(parseDecimal('16')).toEqual({ num: 16n, den: 1n });
    expect(parseDecimal('-1.5E3')).toEqual({ num: -1500n, den: 1n });
    expect(parseDecimal('2.5e-1')).toEqual({ num: 1n, den: 4n });
    expect(parseDecimal('.5')).toEqual({ num: 1n, den: 2n });
  });

  it('rejects what is not a decimal', () => {
    for (const text of ['', 'NaN', 'INF', '1,5', '0x10', '1.2.3', '.']) expect(parseDecimal(text)).toBeUndefined();
  });

  it('keeps 0.1 + 0.2 exactly 0.3, unlike floating point', () => {
    const sum = add(fromNumber(0.1), fromNumber(0.2));
    expect(compare(sum, parseDecimal('0.3')!)).toBe(0);
    expect(0.1 + 0.2).not.toBe(0.3);
  });

  it('multiplies, divides and normalises signs and common factors', () => {
    expect(multiply(rational(2n, 3n), rational(3n, 4n))).toEqual({ num: 1n, den: 2n });
    expect(divide(rational(1n), rational(-4n))).toEqual({ num: -1n, den: 4n });
    expect(() => rational(1n, 0n)).toThrow(RangeError);
  });

  it('compares across denominators', () => {
    expect(compare(rational(1n, 3n), rational(33n, 100n))).toBe(1);
    expect(compare(rational(-1n, 2n), rational(0n))).toBe(-1);
    expect(compare(rational(2n, 4n), rational(1n, 2n))).toBe(0);
  });

  it('prints decimals rounded half away from zero without trailing zeros', () => {
    expect(toDecimalString(rational(1n, 3n), 4)).toBe('0.3333');
    expect(toDecimalString(rational(2n, 3n), 2)).toBe('0.67');
    expect(toDecimalString(rational(-5n, 2n), 0)).toBe('-3');
    expect(toDecimalString(rational(21n, 500n))).toBe('0.042');
    expect(toDecimalString(rational(-1n, 1000n), 2)).toBe('0');
    expect(toNumber(rational(1n, 4n))).toBe(0.25);
  });
});
