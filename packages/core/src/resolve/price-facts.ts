import { NS, unitByIri } from '@mpli/shapes';
import type { OfferingIndex } from '../catalog/offering-index';
import { numericValue, type NumericValue } from '../catalog/numeric-value';
import { NodeReader } from '../model/node-reader';
import { mpliName } from '../model/node-reader';
import { BILLING_MODELS, type BillingModel } from '../model/vocabulary-names';
import { parseDecimal, type Rational } from '../quantity/rational';

/** One price of an offering, ready for exact normalisation. */
export interface PriceFact {
  readonly amount: Rational;
  readonly amountText: string;
  readonly currency: string;
  /** Seconds in the billing period; undefined for one-time prices. */
  readonly periodSeconds: Rational | undefined;
  readonly periodSymbol: string | undefined;
  readonly perQuantity: NumericValue | undefined;
  readonly model: BillingModel | undefined;
}

const PRICE = [`${NS.mpli}price`];

/** Every row's prices, read once per index. */
export function priceFacts(index: OfferingIndex): readonly (readonly PriceFact[])[] {
  return index.derived('price-facts', () => {
    const column = index.pathColumn(PRICE);
    const rows: PriceFact[][] = Array.from({ length: index.rows }, () => []);
    column.forEach((row, term) => {
      const dataset = index.entry(row).dataset;
      const node = new NodeReader(dataset, term);
      const amountText = node.string(`${NS.schema}price`);
      const amount = amountText === undefined ? undefined : parseDecimal(amountText);
      const currency = node.string(`${NS.schema}priceCurrency`);
      if (!amount || !amountText || !currency) return;
      const period = unitByIri(node.string(`${NS.mpli}billingPeriod`) ?? '');
      const perQuantity = node.one(`${NS.mpli}perQuantity`);
      rows[row]?.push({
        amount,
        amountText,
        currency,
        periodSeconds: period?.kind === 'duration' ? parseDecimal(period.factor) : undefined,
        periodSymbol: period?.kind === 'duration' ? period.symbol : undefined,
        perQuantity: perQuantity ? numericValue(dataset, perQuantity) : undefined,
        model: mpliName(node.string(`${NS.mpli}billingModel`), BILLING_MODELS),
      });
    });
    return rows;
  });
}
