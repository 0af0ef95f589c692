import type { NumericValue } from '../catalog/numeric-value';
import type { PriceLimit } from '../model/manifest-types';
import { requireUnit, toBaseUnits } from '../quantity/quantity';
import { divide, multiply, parseDecimal, type Rational } from '../quantity/rational';
import { conversionFactor, type CurrencyRates } from './currency-rates';
import type { PriceFact } from './price-facts';

/** The common ground prices are compared on: a currency, a period and (optionally) a quantity. */
export interface PriceBasis {
  readonly currency: string;
  readonly periodSeconds: Rational;
  readonly periodSymbol: string;
  readonly perQuantity?: { readonly kind: string; readonly base: Rational; readonly text: string };
}

/** A price expressed on a basis, or why it cannot be. */
export type NormalizedPrice =
  | { readonly comparable: true; readonly value: Rational; readonly approx: number; readonly fact: PriceFact }
  | { readonly comparable: false; readonly reason: string; readonly fact: PriceFact };

/** The basis a price limit defines. */
export function basisOf(limit: PriceLimit): PriceBasis {
  const period = requireUnit(limit.per);
  const quantity = limit.perQuantity;
  return {
    currency: limit.currency,
    periodSeconds: parseDecimal(period.factor) ?? { num: 1n, den: 1n },
    periodSymbol: period.symbol,
    ...(quantity ? { perQuantity: { kind: requireUnit(quantity.unit).kind, base: toBaseUnits(quantity), text: `${quantity.value} ${quantity.unit}` } } : {}),
  };
}

const perQuantityText = (value: NumericValue | undefined) => (value ? ` per ${value.text}` : '');

/**
 * A price converted to a basis, exactly: to its currency (through the caller's rate table only),
 * its billing period (a month is 730 hours), and its quantity. One-time prices, prices per
 * quantity against a limit per instance (or the reverse), and currencies without a rate are not
 * comparable, and the reason says which.
 */
export function normalizePrice(fact: PriceFact, basis: PriceBasis, rates: CurrencyRates | undefined): NormalizedPrice {
  const fx = conversionFactor(rates, fact.currency, basis.currency);
  if (!fx) return { comparable: false, fact, reason: `priced in ${fact.currency}; no exchange rate to ${basis.currency} was given, so it is compared only within ${fact.currency}` };
  if (!fact.periodSeconds) return { comparable: false, fact, reason: `a one-time price of ${fact.amountText} ${fact.currency} cannot be compared with a price per ${basis.periodSymbol}` };
  if (Boolean(fact.perQuantity) !== Boolean(basis.perQuantity)) {
    return { comparable: false, fact, reason: fact.perQuantity ? `priced${perQuantityText(fact.perQuantity)}, the limit is per instance` : `priced per instance, the limit is per ${basis.perQuantity?.text}` };
  }
  const amount = parseDecimal(fact.amountText) ?? { num: 0n, den: 1n };
  let value = multiply(multiply(amount, fx), divide(basis.periodSeconds, fact.periodSeconds));
  if (fact.perQuantity && basis.perQuantity) {
    if (fact.perQuantity.kind !== basis.perQuantity.kind) return { comparable: false, fact, reason: `priced${perQuantityText(fact.perQuantity)}, the limit is per ${basis.perQuantity.text}` };
    value = multiply(value, divide(basis.perQuantity.base, fact.perQuantity.exact));
  }
  return { comparable: true, value, approx: Number(value.num) / Number(value.den), fact };
}

/** "0.084 EUR/h" or "49.00 EUR/month per 1 GiB". */
export function describeFact(fact: PriceFact): string {
  return `${fact.amountText} ${fact.currency}${fact.periodSymbol ? `/${fact.periodSymbol}` : ' once'}${perQuantityText(fact.perQuantity)}`;
}
