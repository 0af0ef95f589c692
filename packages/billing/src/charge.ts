import { convertQuantity, divide, MpliError, multiply, parseDecimal, rational, type Price, type Rational } from '@mpli/core';

/** What was used: a duration (instance-hours, say), and a size for prices per quantity. Decimal strings. */
export interface Usage {
  readonly duration: string;
  /** A duration unit symbol: s, min, h, d, month (730 h) or year (8760 h). */
  readonly durationUnit: string;
  readonly size?: string;
  /** A size unit symbol, such as GiB or GB (different units). */
  readonly sizeUnit?: string;
}

const decimal = (text: string, field: string): Rational => {
  const value = /^\d+(\.\d+)?$/.test(text) ? parseDecimal(text) : undefined;
  if (!value) throw new MpliError('INVALID_INPUT', `${field} must be a non-negative decimal string, not ${JSON.stringify(text)}`);
  return value;
};

/**
 * How many of the price's units the usage amounts to: the duration in the price's billing period
 * (720 h at a monthly price is 720/730 of a month), times the size in the price's quantity
 * (500 GiB at a price per 100 GiB is 5). Exact; throws `INCOMPATIBLE_UNITS` for units of
 * another kind, and `INVALID_INPUT` when a price per quantity gets no size.
 */
export function billedUnits(price: Price, usage: Usage): Rational {
  let units = price.per ? inUnit(decimal(usage.duration, 'duration'), usage.durationUnit, price.per) : rational(1n);
  if (price.perQuantity) {
    if (usage.size === undefined || usage.sizeUnit === undefined) throw new MpliError('INVALID_INPUT', `The price is per ${price.perQuantity.value} ${price.perQuantity.unit}: the usage needs a size and its unit`);
    const per = parseDecimal(String(price.perQuantity.value))!;
    units = multiply(units, divide(inUnit(decimal(usage.size, 'size'), usage.sizeUnit, price.perQuantity.unit), per));
  }
  return units;
}

/** The exact charge the agreed price gives for a usage, before rounding: price × billed units. */
export function agreedCharge(price: Price, usage: Usage): Rational {
  return multiply(parseDecimal(price.amount)!, billedUnits(price, usage));
}

/**
 * An exact value from one unit to another of the same kind. convertQuantity takes a JS number: the
 * value is carried exactly by converting one unit and scaling.
 */
export const inUnit = (value: Rational, from: string, to: string): Rational => multiply(value, convertQuantity({ value: 1, unit: from }, to));
