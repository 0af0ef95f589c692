import type { Price, Quantity } from '@mpli/core';
import type { ProductOfferingPrice } from './tmf-types';

const PRICE_TYPES = { PayAsYouGo: 'usage', Subscription: 'recurring-postpaid', Reserved: 'recurring-prepaid', OneTime: 'onetime' } as const;
const PERIOD_WORDS: Record<string, string> = { s: 'second', min: 'minute', h: 'hour', d: 'day', month: 'month', year: 'year' };
const PERIOD_SYMBOLS: Record<string, Price['per'] & string> = Object.fromEntries(Object.entries(PERIOD_WORDS).map(([symbol, word]) => [word, symbol as Price['per'] & string]));

/**
 * A price as a TMF620 ProductOfferingPrice, after DOME's conventions: `usage` for pay as you go
 * (its unit of measure says per what: `hour`, `GiB/month`), `recurring-postpaid` and
 * `recurring-prepaid` for subscriptions and reservations (charged per `recurringChargePeriodType`),
 * `onetime`. TMF's Money holds a JSON number: the decimal digits are written as they are.
 */
export function priceToTmf(price: Price, id: string, offeringName: string): ProductOfferingPrice {
  const priceType = PRICE_TYPES[price.model];
  const per = price.per ? PERIOD_WORDS[price.per] : undefined;
  const quantity = price.perQuantity;
  const usage = priceType === 'usage';
  return {
    id, href: id, '@type': 'ProductOfferingPrice', lifecycleStatus: 'Launched', isBundle: false, priceType,
    name: `${offeringName}: ${price.amount} ${price.currency}${quantity ? ` per ${quantity.value} ${quantity.unit}` : ''}${per ? ` per ${per}` : ''}`,
    price: { unit: price.currency, value: Number(price.amount) },
    // DOME wants a charge period on usage prices too: usage is billed monthly.
    ...(usage ? { recurringChargePeriodType: 'month', recurringChargePeriodLength: 1 } : per ? { recurringChargePeriodType: per, recurringChargePeriodLength: 1 } : {}),
    ...(usage
      ? { unitOfMeasure: { amount: quantity?.value ?? 1, units: quantity ? `${quantity.unit}${per ? `/${per}` : ''}` : (per ?? 'unit') } }
      : quantity ? { unitOfMeasure: { amount: quantity.value, units: quantity.unit } } : {}),
  };
}

/** The price a ProductOfferingPrice states, or why it cannot be read. */
export function priceFromTmf(pop: ProductOfferingPrice): Price | string {
  if (!pop.price || typeof pop.price.value !== 'number' || typeof pop.price.unit !== 'string') return `${pop.id} states no price (Money with unit and value)`;
  const type = (pop.priceType ?? '').toLowerCase().replace(/[\s_-]+/g, '');
  const model = type === 'usage' ? 'PayAsYouGo' : type === 'recurringprepaid' ? 'Reserved' : type.startsWith('recurring') ? 'Subscription' : type === 'onetime' ? 'OneTime' : undefined;
  if (!model) return `${pop.id} has the price type "${pop.priceType ?? ''}", which MPLI does not map (usage, recurring, recurring-prepaid, recurring-postpaid, one time)`;
  const amount = decimal(pop.price.value);
  const base = { amount, currency: pop.price.unit, model } as const;
  if (model === 'OneTime') return base;
  if (model === 'PayAsYouGo') return { ...base, ...usageBasis(pop) };
  const per = PERIOD_SYMBOLS[(pop.recurringChargePeriodType ?? '').toLowerCase()];
  if (!per) return `${pop.id} is recurring with the period "${pop.recurringChargePeriodType ?? ''}", which MPLI does not map`;
  const units = pop.unitOfMeasure?.units;
  return { ...base, per, ...(units ? { perQuantity: { value: pop.unitOfMeasure?.amount ?? 1, unit: units } } : {}) };
}

/** What a usage price is per: `hour` (a period), `GiB/month` (a quantity per period), `GiB` (a quantity). */
function usageBasis(pop: ProductOfferingPrice): { per?: Price['per'] & string; perQuantity?: Quantity } {
  const units = pop.unitOfMeasure?.units ?? '';
  const amount = pop.unitOfMeasure?.amount ?? 1;
  const slash = units.indexOf('/');
  if (slash >= 0) {
    const per = PERIOD_SYMBOLS[units.slice(slash + 1)];
    return { ...(per ? { per } : {}), perQuantity: { value: amount, unit: units.slice(0, slash) } };
  }
  if (PERIOD_SYMBOLS[units]) return { per: PERIOD_SYMBOLS[units] };
  return units && units !== 'unit' ? { perQuantity: { value: amount, unit: units } } : {};
}

/** A JSON number's decimal digits, never in exponent form. */
function decimal(value: number): string {
  const text = String(value);
  return /e/i.test(text) ? value.toFixed(20).replace(/0+$/, '').replace(/\.$/, '') : text;
}
