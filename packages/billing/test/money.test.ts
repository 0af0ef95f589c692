import { toDecimalString } from '@mpli/core';
import { describe, expect, it } from 'vitest';
import { agreedCharge, billedUnits, formatMoney, minorDigits, parseAmount } from '../src/index';

describe('money', () => {
  it('rounds to the minor unit of each currency, half away from zero, where floating point rounds 1.005 down', () => {
    expect((1.005).toFixed(2)).toBe('1.00');
    expect(formatMoney(parseAmount('1.005', 'x'), 'EUR')).toBe('1.01');
    expect(formatMoney(parseAmount('-1.005', 'x'), 'EUR')).toBe('-1.01');
    expect(formatMoney(parseAmount('1199.5', 'x'), 'JPY')).toBe('1200');
    expect(formatMoney(parseAmount('3.5', 'x'), 'KWD')).toBe('3.500');
    expect(formatMoney(parseAmount('0.004', 'x'), 'EUR')).toBe('0.00');
    expect([minorDigits('EUR'), minorDigits('ISK'), minorDigits('BHD')]).toEqual([2, 0, 3]);
  });

  it('takes amounts as decimal strings only, and currencies as ISO 4217 codes', () => {
    expect(() => parseAmount(49.99, 'lineAmount')).toThrow('lineAmount must be a decimal string such as "49.00", not 49.99');
    expect(() => parseAmount('1e3', 'price')).toThrow('price must be a decimal string');
    expect(() => minorDigits('euro')).toThrow('"euro" is not an ISO 4217 currency code');
  });
});

describe('charges at the agreed price', () => {
  it('converts the usage to the billing period of the price, exactly', () => {
    const monthly = { amount: '49.00', currency: 'EUR', model: 'Reserved', per: 'month' } as const;
    // A billing month is 730 h: 365 h is half of one.
    expect(toDecimalString(billedUnits(monthly, { duration: '365', durationUnit: 'h' }))).toBe('0.5');
    expect(toDecimalString(agreedCharge(monthly, { duration: '1', durationUnit: 'month' }))).toBe('49');
    expect(toDecimalString(agreedCharge({ amount: '0.084', currency: 'EUR', model: 'PayAsYouGo', per: 'h' }, { duration: '90', durationUnit: 'min' }))).toBe('0.126');
  });

  it('tells GB from GiB in prices per quantity', () => {
    const perGiB = { amount: '0.08', currency: 'EUR', model: 'PayAsYouGo', per: 'month', perQuantity: { value: 1, unit: 'GiB' } } as const;
    // 500 GB is 500·10⁹ / 2³⁰ GiB = 465.6612873077392578125 GiB exactly (a finite decimal).
    expect(toDecimalString(billedUnits(perGiB, { duration: '1', durationUnit: 'month', size: '500', sizeUnit: 'GB' }), 20)).toBe('465.6612873077392578125');
    expect(toDecimalString(agreedCharge(perGiB, { duration: '1', durationUnit: 'month', size: '500', sizeUnit: 'GiB' }))).toBe('40');
    expect(() => billedUnits(perGiB, { duration: '1', durationUnit: 'month' })).toThrow('the usage needs a size and its unit');
    expect(() => billedUnits(perGiB, { duration: '1', durationUnit: 'GiB', size: '1', sizeUnit: 'GiB' })).toThrow('Cannot convert GiB (dataSize) to month (duration)');
  });
});
