import type { OfferingIndex } from '../../catalog/offering-index';
import { MpliError } from '../../errors/mpli-error';
import type { PriceConstraint } from '../../model/requirements-types';
import { compare, parseDecimal, roundTo, toDecimalString, type Rational } from '../../quantity/rational';
import type { CompiledConstraint } from '../compiled-constraint';
import type { ResolveContext } from '../context';
import { requireCurrency } from '../currency-rates';
import { basisOf, describeFact, normalizePrice, type NormalizedPrice, type PriceBasis } from '../normalize-price';
import { FAILED, MET, NOT_EVIDENCED } from '../outcome';
import { priceFacts } from '../price-facts';

/** A row's prices on a basis, cheapest comparable first; reused by the ranking. */
export function normalizedPrices(index: OfferingIndex, row: number, basis: PriceBasis, context: ResolveContext): NormalizedPrice[] {
  const prices = (priceFacts(index)[row] ?? []).map((fact) => normalizePrice(fact, basis, context.rates));
  return prices.sort((a, b) => (a.comparable && b.comparable ? compare(a.value, b.value) : a.comparable ? -1 : b.comparable ? 1 : 0));
}

/**
 * Every row's cheapest comparable price on a basis, as a double (NaN when none is comparable),
 * built once per basis and rate table. Exact values are recomputed only near the limit.
 */
export function cheapestColumn(index: OfferingIndex, basis: PriceBasis, context: ResolveContext): Float64Array {
  const key = `cheapest ${basis.currency} ${basis.periodSymbol} ${basis.perQuantity?.text ?? ''} ${JSON.stringify(context.rates ?? null)}`;
  return index.derived(key, () => {
    const column = new Float64Array(index.rows).fill(Number.NaN);
    for (let row = 0; row < index.rows; row += 1) {
      const best = normalizedPrices(index, row, basis, context)[0];
      if (best?.comparable) column[row] = best.approx;
    }
    return column;
  });
}

const EDGE = 1e-9;

const money = (value: Rational, basis: PriceBasis, round?: 'up') =>
  `${toDecimalString(round ? roundTo(value, 6, round) : value, 6)} ${basis.currency}/${basis.periodSymbol}${basis.perQuantity ? ` per ${basis.perQuantity.text}` : ''}`;

/**
 * A price constraint: one of the offering's prices, converted exactly to the limit's currency
 * (with the caller's rates only), billing period and quantity, is at most the limit. Offerings
 * with no price are "not evidenced"; prices that cannot be compared fail, saying why.
 */
export function compilePrice(constraint: PriceConstraint, context: ResolveContext): CompiledConstraint {
  requireCurrency(constraint.max.currency);
  const limit = parseDecimal(constraint.max.amount);
  if (!limit || limit.num < 0n) throw new MpliError('INVALID_REQUIREMENTS', `The maximum price "${constraint.max.amount}" is not a non-negative decimal`);
  const basis = basisOf(constraint.max);
  const expected = `≤ ${money(limit, basis)}`;
  const label = constraint.label ?? `price ${expected}`;
  const cheapest = (index: OfferingIndex, row: number) => normalizedPrices(index, row, basis, context)[0];
  return {
    constraint,
    label,
    path: 'mpli:price',
    expected,
    evaluate(index) {
      const column = cheapestColumn(index, basis, context);
      const facts = priceFacts(index);
      const statuses = new Uint8Array(index.rows);
      const limitD = Number(limit.num) / Number(limit.den);
      const slack = Math.abs(limitD) * EDGE + Number.MIN_VALUE;
      for (let row = 0; row < index.rows; row += 1) {
        const approx = column[row] as number;
        if (Number.isNaN(approx)) statuses[row] = facts[row]?.length ? FAILED : NOT_EVIDENCED;
        else if (approx < limitD - slack) statuses[row] = MET;
        else if (approx > limitD + slack) statuses[row] = FAILED;
        else {
          const best = cheapest(index, row);
          statuses[row] = best?.comparable && compare(best.value, limit) <= 0 ? MET : FAILED;
        }
      }
      return statuses;
    },
    explain(index, row) {
      const prices = normalizedPrices(index, row, basis, context);
      const actual = prices.length ? prices.map((p) => describeFact(p.fact)).join(' or ') : '(no price)';
      const best = prices[0];
      if (!best) return { status: 'notEvidenced', actual, reason: 'the offering states no price' };
      if (!best.comparable) return { status: 'failed', actual, reason: best.reason };
      const sameBasis = best.fact.currency === basis.currency && best.fact.periodSymbol === basis.periodSymbol && !best.fact.perQuantity && !basis.perQuantity;
      const shown = sameBasis ? describeFact(best.fact) : `${describeFact(best.fact)} = ${money(best.value, basis)}`;
      return compare(best.value, limit) <= 0 ? { status: 'met', actual, evidence: shown } : { status: 'failed', actual, reason: `${shown}, above ${money(limit, basis)}` };
    },
    relax(index, rows) {
      // The dearest comparable row sets the new limit; only it needs the exact value.
      const column = cheapestColumn(index, basis, context);
      const comparable = rows.filter((row) => !Number.isNaN(column[row] as number));
      if (!comparable.length) return undefined;
      const dearest = comparable.reduce((a, b) => ((column[a] as number) >= (column[b] as number) ? a : b));
      const highest = cheapest(index, dearest);
      if (!highest?.comparable) return undefined;
      return { change: `raise the maximum price to ${money(highest.value, basis, 'up')} ("${label}")`, wouldAdd: comparable.length };
    },
  };
}
