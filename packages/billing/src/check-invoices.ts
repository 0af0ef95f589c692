import { compare, MpliError, multiply, type Rational } from '@mpli/core';
import { verifyAgreement, verifyCredential, type AgreementTerms, type AgreementVerifyOptions } from '@mpli/trust';
import { agreedCharge, billedUnits, inUnit, type Usage } from './charge';
import type { Flag } from './flags';
import { readInvoice, invoiceTotals, type Invoice, type InvoiceLine } from './invoice';
import { formatMoney, parseAmount, roundMoney, sum } from './money';
import { readUsageRecord, type UsageRecord } from './usage-record';

/** What the checks are made against: the consumer's agreements and the providers' usage records. */
export interface InvoiceCheckContext {
  /** The agreement credentials (both signatures), as the consumer holds them. */
  readonly agreements: readonly Record<string, unknown>[];
  /** Usage record credentials that invoice lines may name. */
  readonly usageRecords?: readonly Record<string, unknown>[];
  /** Invoices already accepted earlier (their ids and provider/number pairs count as seen). */
  readonly seen?: readonly Invoice[];
  /** How signatures are verified (DID resolver, bundled contexts). The moment is the invoice's. */
  readonly verify?: Omit<AgreementVerifyOptions, 'now' | 'proposal'>;
}

/** The verdict on one invoice: what it says, and every flag, each with its reason. */
export interface InvoiceCheck {
  /** The invoice as stated (absent when the credential is not an invoice of this form). */
  readonly invoice?: Invoice;
  /** The credential's id. */
  readonly credential: string;
  /** True when the signature verifies and nothing is flagged. */
  readonly accepted: boolean;
  readonly flags: readonly Flag[];
}

/** A credential named by invoices, verified the first time a line names it (the promise is kept). */
interface Known<T> {
  readonly credential: Record<string, unknown>;
  verified?: Promise<T | undefined>;
}

/** The credentials by their subject's id, unverified. */
function bySubject<T>(credentials: readonly Record<string, unknown>[] | undefined): Map<string, Known<T>> {
  const known = new Map<string, Known<T>>();
  for (const credential of credentials ?? []) {
    const id = (credential.credentialSubject as { id?: unknown } | undefined)?.id;
    if (typeof id === 'string') known.set(id, { credential });
  }
  return known;
}

/**
 * Checks invoices against the agreements they name: each signature, the signer (the agreement's
 * provider), the consumer, the currency, every line's unit price against the agreed price and
 * its amount against what the usage makes at that price (periods and units converted exactly),
 * the named usage records, the totals to the cent, and duplicates. Never throws for a bad invoice:
 * each problem is a flag with its reason. Money is computed exactly, never in floating point.
 *
 * @example
 * const [check] = await checkInvoices([invoice], { agreements: [agreement], usageRecords: [usage] });
 * for (const flag of check.flags) console.log(flag.code, flag.line ?? '', flag.reason);
 */
export async function checkInvoices(invoices: readonly Record<string, unknown>[], context: InvoiceCheckContext): Promise<InvoiceCheck[]> {
  // Only what the invoices name is verified, each once.
  const agreements = bySubject<AgreementTerms>(context.agreements);
  const usage = bySubject<UsageRecord>(context.usageRecords);
  const seenIds = new Set(context.seen?.map((i) => i.id));
  const seenNumbers = new Set(context.seen?.map((i) => `${i.provider} ${i.number}`));
  const checks: InvoiceCheck[] = [];
  for (const credential of invoices) {
    const check = await checkOne(credential, { ...context, agreements, usage });
    if (check.invoice) {
      const { id, provider, number } = check.invoice;
      const duplicate = seenIds.has(id) ? `invoice ${id} was already received` : seenNumbers.has(`${provider} ${number}`) ? `${provider} already sent an invoice numbered ${number}` : undefined;
      if (duplicate) check.flags.unshift({ code: 'DUPLICATE', reason: duplicate });
      seenIds.add(id);
      seenNumbers.add(`${provider} ${number}`);
    }
    checks.push({ ...check, accepted: check.flags.length === 0 });
  }
  return checks;
}

/** A usage record that verifies, signed by the provider it names; undefined otherwise. */
async function verifyUsage(credential: Record<string, unknown>, context: Context): Promise<UsageRecord | undefined> {
  try {
    const record = readUsageRecord(credential);
    const verdict = await verifyCredential(credential, { ...context.verify, now: new Date(record.periodEnd) });
    return verdict.verified && issuerOf(credential) === record.provider ? record : undefined;
  } catch {
    // A malformed or unsigned record is as good as absent: a line naming it is flagged.
    return undefined;
  }
}

const issuerOf = (credential: Record<string, unknown>): string | undefined => {
  const issuer = credential.issuer;
  return typeof issuer === 'string' ? issuer : typeof (issuer as { id?: unknown } | undefined)?.id === 'string' ? (issuer as { id: string }).id : undefined;
};

type Context = Omit<InvoiceCheckContext, 'agreements'> & { agreements: Map<string, Known<AgreementTerms>>; usage: Map<string, Known<UsageRecord>> };

async function checkOne(credential: Record<string, unknown>, context: Context): Promise<{ invoice?: Invoice; credential: string; flags: Flag[] }> {
  const id = typeof credential.id === 'string' ? credential.id : '(no id)';
  let invoice: Invoice;
  try {
    invoice = readInvoice(credential);
  } catch (error) {
    return { credential: id, flags: [{ code: 'MALFORMED', reason: error instanceof MpliError ? error.message : String(error) }] };
  }
  const flags: Flag[] = [];
  const verdict = await verifyCredential(credential, { ...context.verify, now: new Date(`${invoice.issueDate}T12:00:00Z`) });
  if (!verdict.verified) flags.push({ code: 'BAD_SIGNATURE', reason: `the invoice does not verify: ${verdict.errors.join('; ')}` });
  else if (issuerOf(credential) !== invoice.provider) flags.push({ code: 'WRONG_SIGNER', reason: `the invoice names ${invoice.provider} as its provider but is signed by ${String(issuerOf(credential))}` });
  for (const [index, line] of invoice.lines.entries()) flags.push(...(await checkLine(invoice, line, index + 1, context)));
  flags.push(...checkTotals(invoice));
  return { invoice, credential: id, flags };
}

async function checkLine(invoice: Invoice, line: InvoiceLine, number: number, context: Context): Promise<Flag[]> {
  const flag = (code: Flag['code'], reason: string): Flag[] => [{ code, reason, line: number }];
  const known = context.agreements.get(line.agreement);
  if (!known) return flag('UNKNOWN_AGREEMENT', `no agreement ${line.agreement} is known between these parties`);
  const terms = await agreementTerms(known, context);
  if (!terms) return flag('UNKNOWN_AGREEMENT', `the agreement ${line.agreement} does not verify`);
  if (Date.parse(invoice.periodStart) < Date.parse(terms.validFrom) || (terms.validUntil && Date.parse(invoice.periodEnd) > Date.parse(terms.validUntil))) {
    return flag('AGREEMENT_NOT_IN_FORCE', `the agreement ${terms.id} runs ${terms.validFrom} – ${terms.validUntil ?? 'open'}, not over the invoiced ${invoice.periodStart} – ${invoice.periodEnd}`);
  }
  if (invoice.provider !== terms.provider) return flag('WRONG_SIGNER', `the agreement ${terms.id} is with ${terms.provider}, not with the invoice's provider ${invoice.provider}`);
  if (invoice.consumer !== terms.consumer) return flag('WRONG_CONSUMER', `the agreement ${terms.id} is for ${terms.consumer}, not ${invoice.consumer}`);
  if (invoice.currency !== terms.price.currency) return flag('CURRENCY_MISMATCH', `the invoice is in ${invoice.currency}, the agreed price in ${terms.price.currency}`);
  const flags: Flag[] = [];
  let units: Rational;
  try {
    units = billedUnits(terms.price, line);
  } catch (error) {
    return flag('INCOMPATIBLE_UNITS', `the usage (${line.duration} ${line.durationUnit}${line.size ? `, ${line.size} ${line.sizeUnit}` : ''}) cannot be billed at a price ${describePrice(terms)}: ${(error as Error).message}`);
  }
  const unitPrice = parseAmount(line.unitPrice, 'unitPrice');
  const amount = parseAmount(line.amount, 'amount');
  const agreed = roundMoney(agreedCharge(terms.price, line), invoice.currency);
  if (compare(unitPrice, parseAmount(terms.price.amount, 'price')) > 0) flags.push(...flag('ABOVE_AGREED_PRICE', `unit price ${line.unitPrice} is above the agreed ${describePrice(terms)}`));
  else if (compare(amount, agreed) > 0) flags.push(...flag('ABOVE_AGREED_PRICE', `${line.amount} ${invoice.currency} is above the ${formatMoney(agreed, invoice.currency)} the agreed ${describePrice(terms)} gives for ${usageText(line)}`));
  const computed = roundMoney(multiply(unitPrice, units), invoice.currency);
  if (compare(amount, computed) !== 0 && compare(amount, agreed) <= 0) flags.push(...flag('WRONG_AMOUNT', `${usageText(line)} at ${line.unitPrice} makes ${formatMoney(computed, invoice.currency)}, not ${line.amount}`));
  if (line.usageRecord) flags.push(...(await usageFlags(invoice, line, number, context)));
  return flags;
}

async function usageFlags(invoice: Invoice, line: InvoiceLine, number: number, context: Context): Promise<Flag[]> {
  const known = context.usage.get(line.usageRecord!);
  const record = known ? await (known.verified ??= verifyUsage(known.credential, context)) : undefined;
  if (!record) return [{ code: 'UNKNOWN_USAGE', reason: `no verified usage record ${line.usageRecord} is known`, line: number }];
  if (record.agreement !== line.agreement || record.provider !== invoice.provider) return [{ code: 'USAGE_MISMATCH', reason: `the usage record ${record.id} is for ${record.agreement} by ${record.provider}`, line: number }];
  const metered = record.lines.filter((u) => !line.offering || !u.offering || u.offering === line.offering);
  // Durations compared in seconds, exactly.
  const seconds = (u: Usage) => inUnit(parseAmount(u.duration, 'duration'), u.durationUnit, 's');
  if (metered.length === 0 || compare(seconds(line), sum(metered.map(seconds))) > 0) return [{ code: 'USAGE_MISMATCH', reason: `the line bills ${usageText(line)}, more than the ${metered.map(usageText).join(' + ') || 'nothing'} the usage record ${record.id} metered`, line: number }];
  return [];
}

function checkTotals(invoice: Invoice): Flag[] {
  const expected = invoiceTotals(invoice);
  const flags: Flag[] = [];
  for (const key of ['netAmount', 'taxAmount', 'payableAmount'] as const) {
    if (compare(parseAmount(invoice[key], key), parseAmount(expected[key], key)) !== 0) flags.push({ code: 'WRONG_TOTAL', reason: `${key} is ${invoice[key]}, the lines and the ${invoice.taxRate} % rate make ${expected[key]}` });
  }
  return flags;
}

function agreementTerms(known: Known<AgreementTerms>, context: Context): Promise<AgreementTerms | undefined> {
  // Verified at its own start: whether it covers the invoiced period is the line's check.
  const validFrom = typeof known.credential.validFrom === 'string' ? new Date(known.credential.validFrom) : new Date();
  return (known.verified ??= verifyAgreement(known.credential, { ...context.verify, now: validFrom }).then((v) => (v.verified ? v.terms : undefined)));
}

const describePrice = (terms: AgreementTerms) =>
  `${terms.price.amount} ${terms.price.currency}${terms.price.per ? `/${terms.price.per}` : ''}${terms.price.perQuantity ? ` per ${terms.price.perQuantity.value} ${terms.price.perQuantity.unit}` : ''}`;
const usageText = (u: { duration: string; durationUnit: string; size?: string; sizeUnit?: string }) => `${u.duration} ${u.durationUnit}${u.size ? ` of ${u.size} ${u.sizeUnit}` : ''}`;
