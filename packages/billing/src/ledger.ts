import { MpliError } from '@mpli/core';
import type { AgreementVerifyOptions } from '@mpli/trust';
import { checkInvoices, type InvoiceCheck } from './check-invoices';
import { hasType, many } from './fields';
import { readInvoice } from './invoice';
import { buildStatement, requireMonth, type Statement } from './statement';

/** What a credential is to the ledger. */
export type LedgerEntryKind = 'agreement' | 'usage' | 'invoice';

const KINDS: readonly [string, LedgerEntryKind][] = [['ServiceAgreementCredential', 'agreement'], ['UsageRecordCredential', 'usage'], ['InvoiceCredential', 'invoice']];

/** The parties a credential's subject names, to find a consumer's credentials. */
const consumerOf = (credential: Record<string, unknown>): string | undefined => {
  const subject = credential.credentialSubject as { consumer?: unknown } | undefined;
  return typeof subject?.consumer === 'string' ? subject.consumer : undefined;
};

/**
 * The credentials a marketplace (or a consumer) keeps for billing: agreements, usage records and
 * invoices, by consumer, in the order received. Checking happens when a statement is asked for,
 * against everything known then, so the order in which credentials arrive does not matter (an
 * invoice may come before the usage record it names). In memory; a store of record is the
 * embedding application's.
 *
 * @example
 * const ledger = new BillingLedger();
 * ledger.add(agreement); ledger.add(usage); ledger.add(invoice);
 * const statement = await ledger.statement(consumerDid, '2026-11');
 */
export class BillingLedger {
  private readonly entries: { kind: LedgerEntryKind; consumer: string; credential: Record<string, unknown> }[] = [];

  /** Keeps a credential; throws `INVALID_INPUT` for one that is none of the three kinds or names no consumer. */
  add(credential: Record<string, unknown>): LedgerEntryKind {
    const kind = KINDS.find(([type]) => hasType(credential, type))?.[1];
    if (!kind) throw new MpliError('INVALID_INPUT', `The credential is of type ${many(credential.type).join(', ') || '(none)'}: a ledger takes ServiceAgreementCredential, UsageRecordCredential and InvoiceCredential`);
    const consumer = consumerOf(credential);
    if (!consumer) throw new MpliError('INVALID_INPUT', 'The credential names no consumer (credentialSubject.consumer)');
    this.entries.push({ kind, consumer, credential });
    return kind;
  }

  /** The consumer's credentials of one kind. */
  of(consumer: string, kind: LedgerEntryKind): Record<string, unknown>[] {
    return this.entries.filter((e) => e.consumer === consumer && e.kind === kind).map((e) => e.credential);
  }

  /** Every invoice of the consumer checked against its agreements and usage records, in the order received. */
  async check(consumer: string, verify?: Omit<AgreementVerifyOptions, 'now' | 'proposal'>): Promise<InvoiceCheck[]> {
    return checkInvoices(this.of(consumer, 'invoice'), { agreements: this.of(consumer, 'agreement'), usageRecords: this.of(consumer, 'usage'), ...(verify ? { verify } : {}) });
  }

  /**
   * One invoice the ledger holds, checked against the consumer's agreements and usage records, the
   * invoices received before it counting as seen (a repeat is a duplicate): one verification, not
   * one per invoice of the consumer. Undefined for a credential the ledger does not hold.
   */
  async checkOne(invoice: Record<string, unknown>, verify?: Omit<AgreementVerifyOptions, 'now' | 'proposal'>): Promise<InvoiceCheck | undefined> {
    const entry = this.entries.find((e) => e.credential === invoice && e.kind === 'invoice');
    if (!entry) return undefined;
    const invoices = this.of(entry.consumer, 'invoice');
    const seen = invoices.slice(0, invoices.indexOf(invoice)).flatMap((credential) => {
      try {
        return [readInvoice(credential)];
      } catch {
        return []; // a malformed invoice has no number to repeat
      }
    });
    const [check] = await checkInvoices([invoice], { agreements: this.of(entry.consumer, 'agreement'), usageRecords: this.of(entry.consumer, 'usage'), seen, ...(verify ? { verify } : {}) });
    return check;
  }

  /** The consumer's one statement for a month (YYYY-MM). */
  async statement(consumer: string, period: string, verify?: Omit<AgreementVerifyOptions, 'now' | 'proposal'>): Promise<Statement> {
    requireMonth(period);
    return buildStatement(await this.check(consumer, verify), { consumer, period });
  }
}
