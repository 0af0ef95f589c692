import { describe, expect, it } from 'vitest';
import { UNITS } from '@mpli/shapes';
import {
  compareQuantities, convertQuantity, formatInBaseUnit, MpliError, parseDecimal, parseQuantity, toBaseUnits, toDecimalString,
} from '@mpli/core';

describe('quantities', () => {
  it('never confuses GiB and GB: conversions are exact', () => {
    expect(toDecimalString(convertQuantity({ value: 1, unit: 'GiB' }, 'GB'))).toBe('1.073741824');
    expect(toDecimalString(convertQuantity({ value: 1, unit: 'TB' }, 'TiB'), 40)).toBe('0.9094947017729282379150390625');
    expect(toBaseUnits({ value: 16, unit: 'GiB' })).toEqual({ num: 17179869184n, den: 1n });
    expect(formatInBaseUnit({ value: 1.5, unit: 'KiB' })).toBe('1536 B');
  });

  it('compares quantities across units of one kind', () => {
    expect(compareQuantities({ value: 16, unit: 'GiB' }, { value: 17, unit: 'GB' })).toBe(1);
    expect(compareQuantities({ value: 16, unit: 'GiB' }, { value: 18, unit: 'GB' })).toBe(-1);
    expect(compareQuantities({ value: 1024, unit: 'MiB' }, { value: 1, unit: 'GiB' })).toBe(0);
    expect(compareQuantities({ value: 1, unit: 'Gbit/s' }, { value: 125, unit: 'MB/s' })).toBe(0);
  });

  it('converts hours and billing months exactly: a month is 730 hours', () => {
    expect(toDecimalString(convertQuantity({ value: 1, unit: 'month' }, 'h'))).toBe('730');
    expect(toDecimalString(convertQuantity({ value: 1, unit: 'year' }, 'month'))).toBe('12');
  });

  it('refuses to compare different kinds and names unknown units', () => {
    expect(() => compareQuantities({ value: 1, unit: 'GiB' }, { value: 1, unit: 'h' })).toThrow(/Cannot compare GiB/);
    const error = (() => {
      try {
        convertQuantity({ value: 1, unit: 'GiG' }, 'GB');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(MpliError);
    expect((error as MpliError).code).toBe('UNKNOWN_UNIT');
    expect((error as MpliError).message).toContain('GiB');
  });

  it('parses "16 GiB" and rejects what is not a quantity', () => {
    expect(parseQuantity('16 GiB')).toEqual({ value: 16, unit: 'GiB' });
    expect(parseQuantity('0.5TB')).toEqual({ value: 0.5, unit: 'TB' });
    expect(parseQuantity('10 Gbit/s')).toEqual({ value: 10, unit: 'Gbit/s' });
    expect(() => parseQuantity('sixteen GiB')).toThrow(MpliError);
    expect(() => parseQuantity('16 gigs')).toThrow(/Unknown unit "gigs"/);
  });

  it('has an exact integer factor for every unit in the table', () => {
    for (const unit of UNITS) expect(parseDecimal(unit.factor)?.den, unit.symbol).toBe(1n);
  });
});
