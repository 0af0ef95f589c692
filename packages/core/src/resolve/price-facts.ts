import { NS, unitByIri } from '@mpli/shapes';
import type { OfferingIndex } from '../catalog/offering-index';
import { numericValue, type NumericValue } from '../catalog/numeric-value';
import { NodeReader } from '../model/node-reader';
import { mpliName } from '../model/node-reader';
import { BILLING_MODELS, type BillingModel } from '../model/vocabulary-names';
import { parseDecimal, type Rational } from '../quantity/rational';

/** One price of an offering, ready for exact normalisation (the amount is parsed when needed). */
export interface PriceFact {
  readonly amountText: string;
  readonly currency: string;
  /** Seconds in the billing period; undefined for one-time prices. */
  readonly periodSeconds: Rational | undefined;
  readonly periodSymbol: string | undefined;
  readonly perQuantity: NumericValue | undefined;
  readonly model: BillingModel | undefined;
}

const PRICE = [`${NS.mpli}price`];

// One Rational per billing period unit, shared by every price that uses it.
const seconds = new Map<string, Rational | undefined>();
const unitSeconds = (factor: string) => {
  if (!seconds.has(factor)) seconds.set(factor, parseDecimal(factor));
  return seconds.get(factor);
};

/** Every row's prices, read once per index. */
export function priceFacts(index: OfferingIndex): readonly (readonly PriceFact[])[] {
  return index.derived('price-facts', () => {
    const column = index.pathColumn(PRICE);
    const rows: PriceFact[][] = Array.from({ length: index.rows }, () => []);
    column.forEach((row, term) => {
      const dataset = index.entry(row).dataset;
      const node = new NodeReader(dataset, term);
      const amountText = node.string(`${NS.schema}price`);
      const currency = node.string(`${NS.schema}priceCurrency`);
      if (amountText === undefined || !parseDecimal(amountText) || !currency) return;
      const period = unitByIri(node.string(`${NS.mpli}billingPeriod`) ?? '');
      const perQuantity = node.one(`${NS.mpli}perQuantity`);
      rows[row]?.push({
        amountText,
        currency,
        periodSeconds: period?.kind === 'duration' ? unitSeconds(period.factor) : undefined,
        periodSymbol: period?.kind === 'duration' ? period.symbol : undefined,
        perQuantity: perQuantity ? numericValue(dataset, perQuantity) : undefined,
        model: mpliName(node.string(`${NS.mpli}billingModel`), BILLING_MODELS),
      });
    });
    return rows;
  });
}
