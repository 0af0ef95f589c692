import { generateSigningKey, countersignAgreement, proposeAgreement, type SigningKey } from '@mpli/trust';
import type { Price } from '@mpli/core';
import { issueInvoice, issueUsageRecord, type InvoiceInput } from '../src/index';

// A consumer with three providers, each in its own currency: a VM by the hour in EUR (Belgium),
// storage per GiB-month in SEK (Sweden), a reserved VM by the month in PLN (Poland); and a fourth,
// older EUR agreement that ended before November.
export const NOW = new Date('2026-12-02T09:00:00Z');
const TERMS = { url: 'https://provider.example/terms.pdf', hash: 'a'.repeat(64) };
export const NOVEMBER = { periodStart: '2026-11-01T00:00:00Z', periodEnd: '2026-12-01T00:00:00Z' } as const;

export interface Fixture {
  readonly consumer: SigningKey;
  readonly providers: { readonly be: SigningKey; readonly se: SigningKey; readonly pl: SigningKey };
  readonly agreements: { readonly vm: Record<string, unknown>; readonly storage: Record<string, unknown>; readonly reserved: Record<string, unknown>; readonly ended: Record<string, unknown> };
  readonly ids: { readonly vm: string; readonly storage: string; readonly reserved: string; readonly ended: string };
  readonly usage: { readonly vm: Record<string, unknown>; readonly storage: Record<string, unknown> };
  readonly usageIds: { readonly vm: string; readonly storage: string };
}

/** An agreement the consumer proposes and the provider countersigns, both at its start. */
export async function agreement(consumer: SigningKey, provider: SigningKey, offering: string, price: Price, validFrom: string, validUntil: string) {
  const proposal = await proposeAgreement({ consumer: consumer.controller, provider: provider.controller, offering, price, terms: TERMS, validFrom, validUntil }, consumer, { now: new Date(validFrom) });
  return countersignAgreement(proposal, provider, { now: new Date(validFrom) });
}

const subjectId = (credential: Record<string, unknown>) => (credential.credentialSubject as { id: string }).id;

export async function threeProviders(): Promise<Fixture> {
  const [consumer, be, se, pl] = [await generateSigningKey(), await generateSigningKey(), await generateSigningKey(), await generateSigningKey()];
  const agreements = {
    vm: await agreement(consumer, be, 'https://scaldis.example/id/vm-m4', { amount: '0.084', currency: 'EUR', model: 'PayAsYouGo', per: 'h' }, '2026-10-01T00:00:00Z', '2027-10-01T00:00:00Z'),
    storage: await agreement(consumer, se, 'https://norrsken.example/id/block', { amount: '0.95', currency: 'SEK', model: 'PayAsYouGo', per: 'month', perQuantity: { value: 1, unit: 'GiB' } }, '2026-06-01T00:00:00Z', '2027-06-01T00:00:00Z'),
    reserved: await agreement(consumer, pl, 'https://wisla.example/id/vm-r2', { amount: '49.00', currency: 'PLN', model: 'Reserved', per: 'month' }, '2026-11-01T00:00:00Z', '2027-11-01T00:00:00Z'),
    ended: await agreement(consumer, be, 'https://scaldis.example/id/vm-s2', { amount: '0.021', currency: 'EUR', model: 'PayAsYouGo', per: 'h' }, '2026-01-01T00:00:00Z', '2026-11-01T00:00:00Z'),
  };
  const ids = { vm: subjectId(agreements.vm), storage: subjectId(agreements.storage), reserved: subjectId(agreements.reserved), ended: subjectId(agreements.ended) };
  const usage = {
    vm: await issueUsageRecord({ agreement: ids.vm, provider: be.controller, consumer: consumer.controller, ...NOVEMBER, lines: [{ offering: 'https://scaldis.example/id/vm-m4', duration: '720', durationUnit: 'h' }] }, be, { now: NOW }),
    storage: await issueUsageRecord({ agreement: ids.storage, provider: se.controller, consumer: consumer.controller, ...NOVEMBER, lines: [{ duration: '720', durationUnit: 'h', size: '500', sizeUnit: 'GiB' }] }, se, { now: NOW }),
  };
  return { consumer, providers: { be, se, pl }, agreements, ids, usage, usageIds: { vm: subjectId(usage.vm), storage: subjectId(usage.storage) } };
}

/** The three good November invoices, as each provider would issue them. */
export function goodInvoices(f: Fixture): { be: InvoiceInput; se: InvoiceInput; pl: InvoiceInput } {
  const base = { consumer: f.consumer.controller, issueDate: '2026-12-01', ...NOVEMBER, taxCategory: 'S' };
  return {
    // 720 h × 0.084 = 60.48; VAT 21 % = 12.7008 → 12.70.
    be: { ...base, number: 'BE-2026-0117', provider: f.providers.be.controller, currency: 'EUR', taxRate: '21', lines: [{ agreement: f.ids.vm, usageRecord: f.usageIds.vm, offering: 'https://scaldis.example/id/vm-m4', description: 'Medium VM, November', duration: '720', durationUnit: 'h', unitPrice: '0.084', amount: '60.48' }] },
    // 500 GiB over 720 h of a 730 h billing month at 0.95 SEK per GiB-month = 468.4931… → 468.49.
    se: { ...base, number: 'NS-11-0042', provider: f.providers.se.controller, currency: 'SEK', taxRate: '25', lines: [{ agreement: f.ids.storage, usageRecord: f.usageIds.storage, description: 'Block storage, November', duration: '720', durationUnit: 'h', size: '500', sizeUnit: 'GiB', unitPrice: '0.95', amount: '468.49' }] },
    // A reserved VM: one month at 49.00; VAT 23 % = 11.27.
    pl: { ...base, number: 'FV/11/2026/7', provider: f.providers.pl.controller, currency: 'PLN', taxRate: '23', lines: [
      { agreement: f.ids.reserved, offering: 'https://wisla.example/id/vm-r2', description: 'Reserved VM, November', duration: '1', durationUnit: 'month', unitPrice: '49.00', amount: '49.00' },
    ] },
  };
}

export async function issue(input: InvoiceInput, key: SigningKey) {
  return issueInvoice(input, key, { now: NOW });
}
