import { randomUUID } from 'node:crypto';
import { MpliError, parseDecimal } from '@mpli/core';
import { MPLI_CONTEXT_URL } from '@mpli/shapes';
import { issueCredential, type IssueOptions, type SigningKey } from '@mpli/trust';
import type { Usage } from './charge';
import { hasType, invalid, many, object, optionalText, text } from './fields';
import { formatMoney, parseAmount, percentOf, roundMoney, sum } from './money';
import { readUsage, usageJson } from './usage-record';

/** One charge: the use of an offering under an agreement, at a unit price, for an amount. */
export interface InvoiceLine extends Usage {
  /** The agreement's IRI the charge follows from. */
  readonly agreement: string;
  /** The usage record (its IRI) the charge was computed from. */
  readonly usageRecord?: string;
  readonly offering?: string;
  readonly description: string;
  /** The price charged, per the agreed price's billing period (and quantity): a decimal string. */
  readonly unitPrice: string;
  /** The line's net amount in the invoice's currency, to its minor unit: a decimal string. */
  readonly amount: string;
}

/** A provider's invoice to a consumer for a period. Amounts are decimal strings in `currency`. */
export interface Invoice {
  /** The invoice's IRI (`urn:uuid:…`). */
  readonly id: string;
  /** The provider's invoice number (EN 16931 BT-1), unique among its invoices. */
  readonly number: string;
  /** The provider's DID: the issuer and signer. */
  readonly provider: string;
  readonly consumer: string;
  /** YYYY-MM-DD. */
  readonly issueDate: string;
  readonly dueDate?: string;
  /** The period invoiced: start inclusive, end exclusive. */
  readonly periodStart: string;
  readonly periodEnd: string;
  /** ISO 4217. */
  readonly currency: string;
  readonly lines: readonly InvoiceLine[];
  /** VAT category (UNCL5305: S, AE, Z, E, O) and rate in percent, for every line. */
  readonly taxCategory: string;
  readonly taxRate: string;
  readonly netAmount: string;
  readonly taxAmount: string;
  readonly payableAmount: string;
}

/** An invoice to issue: the id and totals are made when absent (the totals exactly, from the lines). */
export type InvoiceInput = Omit<Invoice, 'id' | 'netAmount' | 'taxAmount' | 'payableAmount'> & Partial<Pick<Invoice, 'id' | 'netAmount' | 'taxAmount' | 'payableAmount'>>;

const VC_V2 = 'https://www.w3.org/ns/credentials/v2';

/** The totals that follow from an invoice's lines and tax rate, exactly, each rounded to the minor unit. */
export function invoiceTotals(invoice: Pick<Invoice, 'lines' | 'taxRate' | 'currency'>): { netAmount: string; taxAmount: string; payableAmount: string } {
  const net = sum(invoice.lines.map((l, i) => parseAmount(l.amount, `lines[${i}].amount`)));
  const tax = roundMoney(percentOf(net, parseAmount(invoice.taxRate, 'taxRate')), invoice.currency);
  return { netAmount: formatMoney(net, invoice.currency), taxAmount: formatMoney(tax, invoice.currency), payableAmount: formatMoney(sum([net, tax]), invoice.currency) };
}

/** The unsigned invoice credential (VC 2.0, MPLI context), issued by the provider. */
export function invoiceCredential(input: InvoiceInput): Record<string, unknown> {
  const id = input.id ?? `urn:uuid:${randomUUID()}`;
  if (input.lines.length === 0) throw new MpliError('INVALID_INPUT', 'An invoice needs at least one line');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.issueDate)) throw new MpliError('INVALID_INPUT', `issueDate must be YYYY-MM-DD, not "${input.issueDate}"`);
  input.lines.forEach((l, i) => void (parseAmount(l.unitPrice, `lines[${i}].unitPrice`), parseAmount(l.amount, `lines[${i}].amount`)));
  const invoice: Invoice = { ...input, id, ...invoiceTotals(input), ...pick(input) };
  return {
    '@context': [VC_V2, MPLI_CONTEXT_URL],
    id: `${id}#credential`,
    type: ['VerifiableCredential', 'InvoiceCredential'],
    issuer: invoice.provider,
    validFrom: `${invoice.issueDate}T00:00:00Z`,
    credentialSubject: {
      id, type: 'Invoice', invoiceNumber: invoice.number, providedBy: invoice.provider, consumer: invoice.consumer,
      issueDate: invoice.issueDate, ...(invoice.dueDate ? { dueDate: invoice.dueDate } : {}),
      periodStart: invoice.periodStart, periodEnd: invoice.periodEnd, currency: invoice.currency,
      taxCategory: invoice.taxCategory, taxRate: invoice.taxRate,
      netAmount: invoice.netAmount, taxAmount: invoice.taxAmount, payableAmount: invoice.payableAmount,
      invoiceLine: invoice.lines.map((l, i) => ({
        type: 'InvoiceLine', agreement: l.agreement, ...(l.usageRecord ? { usageRecord: l.usageRecord } : {}), ...(l.offering ? { offering: l.offering } : {}),
        description: l.description, ...usageJson(l, `lines[${i}]`), unitPrice: l.unitPrice, lineAmount: l.amount,
      })),
    },
  };
}

// Totals the issuer states keep their text (so that a wrong total is signed as stated and caught by the check).
const pick = (input: InvoiceInput) => Object.fromEntries((['netAmount', 'taxAmount', 'payableAmount'] as const).filter((k) => input[k] !== undefined).map((k) => [k, input[k]]));

/** Signs an invoice with the provider's key (kept in the signer). */
export async function issueInvoice(input: InvoiceInput, provider: SigningKey, options: IssueOptions = {}): Promise<Record<string, unknown>> {
  return issueCredential(invoiceCredential(input), provider, options);
}

const amountText = (value: unknown, field: string): string => {
  parseAmount(value, field);
  return value as string;
};

/** The invoice a credential states. Throws `INVALID_INPUT`, naming the field, when it is not one. */
export function readInvoice(credential: Record<string, unknown>): Invoice {
  if (!hasType(credential, 'InvoiceCredential')) throw invalid('type', 'is not an InvoiceCredential');
  const s = object(credential.credentialSubject, 'credentialSubject');
  const dueDate = optionalText(s.dueDate, 'credentialSubject.dueDate');
  const lines = many(s.invoiceLine).map((value, i): InvoiceLine => {
    const f = `invoiceLine[${i}]`;
    const node = object(value, f);
    const usageRecord = optionalText(node.usageRecord, `${f}.usageRecord`);
    const offering = optionalText(node.offering, `${f}.offering`);
    return {
      agreement: text(node.agreement, `${f}.agreement`), ...(usageRecord ? { usageRecord } : {}), ...(offering ? { offering } : {}),
      description: text(node.description, `${f}.description`), ...readUsage(node, f),
      unitPrice: amountText(node.unitPrice, `${f}.unitPrice`), amount: amountText(node.lineAmount, `${f}.lineAmount`),
    };
  });
  if (lines.length === 0) throw invalid('credentialSubject.invoiceLine', 'must hold at least one line');
  const rate = amountText(s.taxRate, 'credentialSubject.taxRate');
  if (!parseDecimal(rate)) throw invalid('credentialSubject.taxRate', 'must be a decimal');
  return {
    id: text(s.id, 'credentialSubject.id'), number: text(s.invoiceNumber, 'credentialSubject.invoiceNumber'),
    provider: text(s.providedBy, 'credentialSubject.providedBy'), consumer: text(s.consumer, 'credentialSubject.consumer'),
    issueDate: text(s.issueDate, 'credentialSubject.issueDate'), ...(dueDate ? { dueDate } : {}),
    periodStart: text(s.periodStart, 'credentialSubject.periodStart'), periodEnd: text(s.periodEnd, 'credentialSubject.periodEnd'),
    currency: text(s.currency, 'credentialSubject.currency'), lines,
    taxCategory: text(s.taxCategory, 'credentialSubject.taxCategory'), taxRate: rate,
    netAmount: amountText(s.netAmount, 'credentialSubject.netAmount'), taxAmount: amountText(s.taxAmount, 'credentialSubject.taxAmount'),
    payableAmount: amountText(s.payableAmount, 'credentialSubject.payableAmount'),
  };
}
