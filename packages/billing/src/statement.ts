import { MpliError, type Rational } from '@mpli/core';
import type { InvoiceCheck } from './check-invoices';
import type { Flag } from './flags';
import type { Invoice } from './invoice';
import { formatMoney, parseAmount, sum } from './money';

/** Net, tax and payable amounts, as the currency writes them. */
export interface Totals {
  readonly net: string;
  readonly tax: string;
  readonly payable: string;
}

/** One provider's share of a statement in one currency. */
export interface ProviderStatement extends Totals {
  readonly provider: string;
  readonly invoices: readonly (Totals & { readonly id: string; readonly number: string; readonly issueDate: string })[];
  /** Net amounts per agreement (and the service it is for). */
  readonly agreements: readonly { readonly agreement: string; readonly offering?: string; readonly net: string }[];
}

/** Everything charged in one currency over the period. */
export interface CurrencyStatement extends Totals {
  readonly currency: string;
  readonly providers: readonly ProviderStatement[];
  /** Net amounts per service (offering IRI, or the line's description when it names none). */
  readonly services: readonly { readonly service: string; readonly net: string }[];
}

/** A consumer's one statement for a period: every accepted invoice of every provider, per currency. */
export interface Statement {
  readonly consumer: string;
  /** The calendar month, YYYY-MM (UTC). */
  readonly period: string;
  readonly currencies: readonly CurrencyStatement[];
  /** Invoices of the period left out, each with its flags: they do not follow from the agreements. */
  readonly disputed: readonly { readonly credential: string; readonly provider?: string; readonly number?: string; readonly flags: readonly Flag[] }[];
}

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Whether a period is a month, YYYY-MM. */
export const isMonth = (period: string): boolean => PERIOD.test(period);

/** Throws `INVALID_INPUT` unless the period is a month, YYYY-MM. */
export function requireMonth(period: string): void {
  if (!isMonth(period)) throw new MpliError('INVALID_INPUT', `The period must be a month, YYYY-MM, not "${period}"`);
}

/** Whether an invoice is for the month: its period starts in it (UTC). */
const inMonth = (invoice: Invoice, period: string) => new Date(invoice.periodStart).toISOString().slice(0, 7) === period;

const totalsOf = (invoices: readonly Invoice[], currency: string): Totals => {
  const add = (key: 'netAmount' | 'taxAmount' | 'payableAmount') => formatMoney(sum(invoices.map((i) => parseAmount(i[key], key))), currency);
  return { net: add('netAmount'), tax: add('taxAmount'), payable: add('payableAmount') };
};

/** Sums line amounts by a key, exactly, in first-seen order. */
function netBy<T>(items: readonly T[], key: (item: T) => string, amount: (item: T) => Rational): Map<string, Rational> {
  const totals = new Map<string, Rational>();
  for (const item of items) totals.set(key(item), sum([totals.get(key(item)) ?? { num: 0n, den: 1n }, amount(item)]));
  return totals;
}

/**
 * Builds a consumer's one statement for a month from checked invoices ({@link checkInvoices}):
 * the accepted invoices whose period starts in the month, per currency (never converted), per
 * provider, per agreement and per service, with totals computed exactly and written to the cent.
 * Flagged invoices of the month are listed as disputed, with their reasons, and not counted.
 *
 * @example
 * const statement = buildStatement(await checkInvoices(invoices, { agreements }), { consumer: hospital.controller, period: '2026-11' });
 */
export function buildStatement(checks: readonly InvoiceCheck[], options: { consumer: string; period: string }): Statement {
  requireMonth(options.period);
  const mine = checks.filter((c) => !c.invoice || (c.invoice.consumer === options.consumer && inMonth(c.invoice, options.period)));
  const accepted = mine.filter((c) => c.accepted).map((c) => c.invoice!);
  const currencies = [...new Set(accepted.map((i) => i.currency))].sort();
  return {
    consumer: options.consumer,
    period: options.period,
    currencies: currencies.map((currency) => currencyStatement(accepted.filter((i) => i.currency === currency), currency)),
    disputed: mine.filter((c) => !c.accepted).map((c) => ({ credential: c.credential, ...(c.invoice ? { provider: c.invoice.provider, number: c.invoice.number } : {}), flags: c.flags })),
  };
}

function currencyStatement(invoices: readonly Invoice[], currency: string): CurrencyStatement {
  const providers = [...new Set(invoices.map((i) => i.provider))].sort();
  const lines = invoices.flatMap((i) => i.lines);
  const services = netBy(lines, (l) => l.offering ?? l.description, (l) => parseAmount(l.amount, 'amount'));
  return {
    currency,
    ...totalsOf(invoices, currency),
    providers: providers.map((provider) => {
      const own = invoices.filter((i) => i.provider === provider).sort((a, b) => a.issueDate.localeCompare(b.issueDate) || a.number.localeCompare(b.number));
      const ownLines = own.flatMap((i) => i.lines);
      const offerings = new Map(ownLines.map((l) => [l.agreement, l.offering]));
      return {
        provider,
        ...totalsOf(own, currency),
        invoices: own.map((i) => ({ id: i.id, number: i.number, issueDate: i.issueDate, ...totalsOf([i], currency) })),
        agreements: [...netBy(ownLines, (l) => l.agreement, (l) => parseAmount(l.amount, 'amount'))].map(([agreement, net]) => ({
          agreement, ...(offerings.get(agreement) ? { offering: offerings.get(agreement)! } : {}), net: formatMoney(net, currency),
        })),
      };
    }),
    services: [...services].map(([service, net]) => ({ service, net: formatMoney(net, currency) })),
  };
}
