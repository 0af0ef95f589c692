import { ISO_CURRENCIES } from '@mpli/shapes';
import { MpliError } from '../errors/mpli-error';
import { divide, parseDecimal, type Rational } from '../quantity/rational';

/**
 * Exchange rates the caller supplies: how many units of each currency one unit of `base` buys,
 * as exact decimal strings. MPLI never fetches rates; without a table it compares prices only
 * within one currency and says so.
 *
 * @example
 * const rates: CurrencyRates = { base: 'EUR', rates: { CHF: '0.94', SEK: '11.52' }, date: '2026-12-01' };
 */
export interface CurrencyRates {
  readonly base: string;
  readonly rates: Readonly<Record<string, string>>;
  /** The day the rates are for, shown in explanations. */
  readonly date?: string;
}

/** Throws `UNKNOWN_CURRENCY` unless `code` is an ISO 4217 code. */
export function requireCurrency(code: string): string {
  if (!ISO_CURRENCIES.has(code)) throw new MpliError('UNKNOWN_CURRENCY', `Unknown currency "${code}": use an ISO 4217 code such as EUR`, { details: { currency: code } });
  return code;
}

/** Checks a rate table: known currencies, positive exact decimals. Throws `INVALID_INPUT`. */
export function checkRates(rates: CurrencyRates): void {
  requireCurrency(rates.base);
  for (const [code, rate] of Object.entries(rates.rates)) {
    requireCurrency(code);
    const value = parseDecimal(rate);
    if (!value || value.num <= 0n) throw new MpliError('INVALID_INPUT', `The rate for ${code} must be a positive decimal, not "${rate}"`);
  }
}

/** The factor that turns an amount in `from` into `to`, or undefined when the table cannot say. */
export function conversionFactor(rates: CurrencyRates | undefined, from: string, to: string): Rational | undefined {
  if (from === to) return { num: 1n, den: 1n };
  if (!rates) return undefined;
  const perBase = (code: string) => (code === rates.base ? { num: 1n, den: 1n } : parseDecimal(rates.rates[code] ?? ''));
  const fromRate = perBase(from);
  const toRate = perBase(to);
  return fromRate && toRate ? divide(toRate, fromRate) : undefined;
}
