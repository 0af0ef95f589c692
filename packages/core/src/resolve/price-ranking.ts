import { unitsOfKind } from '@mpli/shapes';
import type { OfferingIndex } from '../catalog/offering-index';
import type { PriceLimit } from '../model/manifest-types';
import type { PriceConstraint } from '../model/requirements-types';
import { toDecimalString } from '../quantity/rational';
import type { CompiledNeed } from './compile-requirements';
import type { ResolveContext } from './context';
import { cheapestColumn, normalizedPrices } from './constraints/price';
import { conversionFactor } from './currency-rates';
import { basisOf, type PriceBasis } from './normalize-price';
import { priceFacts } from './price-facts';

/**
 * The basis prices are ranked on: the need's own price constraint when it has one; otherwise a
 * month, in the rate table's base currency (or the currency most matches are priced in), per
 * unit of the quantity most matches are priced per (1 GiB, say), if any.
 */
export function rankingBasis(index: OfferingIndex, compiled: CompiledNeed, matches: readonly number[], context: ResolveContext): PriceBasis | undefined {
  const own = [...compiled.mustHave, ...compiled.niceToHave].map((c) => c.constraint).find((c): c is PriceConstraint => c.type === 'price');
  if (own) return basisOf(own.max);
  const facts = priceFacts(index);
  const currencies = new Map<string, number>();
  const quantities = new Map<string, number>();
  for (const row of matches) {
    const fact = facts[row]?.[0];
    if (!fact) continue;
    currencies.set(fact.currency, (currencies.get(fact.currency) ?? 0) + 1);
    const kind = fact.perQuantity?.kind ?? 'none';
    quantities.set(kind, (quantities.get(kind) ?? 0) + 1);
  }
  const top = (counts: Map<string, number>) => [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  const currency = context.rates?.base ?? top(currencies);
  if (!currency) return undefined;
  const kind = top(quantities);
  const unit = kind && kind !== 'none' ? unitsOfKind(kind as 'dataSize').find((u) => ['GiB', 's', 'Gbit/s'].includes(u.symbol)) : undefined;
  const limit: PriceLimit = { amount: '0', currency, per: 'month', ...(unit ? { perQuantity: { value: 1, unit: unit.symbol } } : {}) };
  return basisOf(limit);
}

/** A 0-to-1 price score per row: the cheapest comparable price among `rows` over the row's own; 0 when not comparable. */
export function priceScores(index: OfferingIndex, rows: readonly number[], basis: PriceBasis | undefined, context: ResolveContext): Float64Array {
  const scores = new Float64Array(index.rows);
  if (!basis) return scores;
  const column = cheapestColumn(index, basis, context);
  let lowest = Number.POSITIVE_INFINITY;
  for (const row of rows) if (!Number.isNaN(column[row] as number)) lowest = Math.min(lowest, column[row] as number);
  for (const row of rows) {
    const price = column[row] as number;
    scores[row] = Number.isNaN(price) ? 0 : price <= 0 ? 1 : lowest / price;
  }
  return scores;
}

/** A row's cheapest comparable price on the basis, as text, or undefined. */
export function priceText(index: OfferingIndex, row: number, basis: PriceBasis | undefined, context: ResolveContext): string | undefined {
  const best = basis ? normalizedPrices(index, row, basis, context)[0] : undefined;
  if (!basis || !best?.comparable) return undefined;
  return `${toDecimalString(best.value, 6)} ${basis.currency}/${basis.periodSymbol}${basis.perQuantity ? ` per ${basis.perQuantity.text}` : ''}`;
}

/** "EUR per month" or "EUR per month per 1 GiB". */
export function describeBasis(basis: PriceBasis): string {
  return `${basis.currency} per ${basis.periodSymbol}${basis.perQuantity ? ` per ${basis.perQuantity.text}` : ''}`;
}


/** The currencies of these rows' prices (the candidates of `kind`) that cannot be converted to the basis currency. */
export function unconvertedCurrencies(index: OfferingIndex, kind: string, rows: Iterable<number>, basis: PriceBasis | undefined, context: ResolveContext): string[] {
  if (!basis) return [];
  const facts = priceFacts(index);
  // The currencies of the whole catalog, once; then only those present among these rows.
  const currencies = index.derived('currencies', () => [...new Set(facts.flatMap((list) => list.map((f) => f.currency)))]);
  const unconvertible = currencies.filter((currency) => !conversionFactor(context.rates, currency, basis.currency));
  if (unconvertible.length === 0) return [];
  // The rows are the candidates of one kind, so the kind names them.
  const key = `unconverted ${kind} ${unconvertible.join(',')}`;
  return index.derived(key, () => {
    const seen = new Set<string>();
    for (const row of rows) for (const fact of facts[row] ?? []) if (unconvertible.includes(fact.currency)) seen.add(fact.currency);
    return [...seen].sort();
  });
}
