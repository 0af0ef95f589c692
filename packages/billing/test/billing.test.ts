import { beforeAll, describe, expect, it } from 'vitest';
import { buildStatement, checkInvoices, invoiceCredential, statementToCsv, type InvoiceCheck, type InvoiceInput } from '../src/index';
import { generateSigningKey, issueCredential } from '@mpli/trust';
import { agreement, goodInvoices, issue, NOW, threeProviders, type Fixture } from './three-providers';

let f: Fixture;
let good: Record<string, unknown>[];
let inputs: ReturnType<typeof goodInvoices>;
beforeAll(async () => {
  f = await threeProviders();
  inputs = goodInvoices(f);
  good = [await issue(inputs.be, f.providers.be), await issue(inputs.se, f.providers.se), await issue(inputs.pl, f.providers.pl)];
});

const check = (invoices: Record<string, unknown>[]) => checkInvoices(invoices, { agreements: Object.values(f.agreements), usageRecords: Object.values(f.usage) });
const codes = (c: InvoiceCheck | undefined) => c?.flags.map((flag) => flag.code);
/** The Belgian invoice with its one line changed. */
const beWith = (number: string, line: Partial<InvoiceInput['lines'][number]>, invoice: Partial<InvoiceInput> = {}): InvoiceInput => ({ ...inputs.be, number, ...invoice, lines: [{ ...inputs.be.lines[0]!, ...line }] });

describe('invoices checked against agreements', () => {
  it('accepts invoices that follow from the agreements, in three currencies, with totals to the cent', async () => {
    const checks = await check(good);
    expect(checks.map((c) => [c.accepted, c.flags])).toEqual([[true, []], [true, []], [true, []]]);
    expect(checks.map((c) => [c.invoice!.currency, c.invoice!.netAmount, c.invoice!.taxAmount, c.invoice!.payableAmount])).toEqual([
      ['EUR', '60.48', '12.70', '73.18'],
      ['SEK', '468.49', '117.12', '585.61'],
      ['PLN', '49.00', '11.27', '60.27'],
    ]);
  });

  it('flags a unit price above the agreed one, an amount the usage does not make, and more use than was metered', async () => {
    const [dearer, wrong, padded] = await check([
      await issue(beWith('BE-1', { unitPrice: '0.090', amount: '64.80' }), f.providers.be),
      await issue(beWith('BE-2', { amount: '60.00' }), f.providers.be),
      await issue(beWith('BE-3', { duration: '744', amount: '62.50' }), f.providers.be),
    ]);
    expect(dearer!.flags).toEqual([{ code: 'ABOVE_AGREED_PRICE', line: 1, reason: 'unit price 0.090 is above the agreed 0.084 EUR/h' }]);
    expect(wrong!.flags).toEqual([{ code: 'WRONG_AMOUNT', line: 1, reason: '720 h at 0.084 makes 60.48, not 60.00' }]);
    expect(padded!.flags).toEqual([{ code: 'USAGE_MISMATCH', line: 1, reason: expect.stringMatching(/^the line bills 744 h, more than the 720 h the usage record urn:uuid:.* metered$/) }]);
  });

  it('flags a charge under an agreement that ended, or that does not exist, and a currency other than the agreed one', async () => {
    const [ended, unknown, dollars] = await check([
      await issue(beWith('BE-4', { agreement: f.ids.ended, usageRecord: undefined as never, unitPrice: '0.021', amount: '15.12' }), f.providers.be),
      await issue(beWith('BE-5', { agreement: 'urn:uuid:00000000-0000-4000-8000-000000000000' }), f.providers.be),
      await issue(beWith('BE-6', {}, { currency: 'USD' }), f.providers.be),
    ]);
    expect(codes(ended)).toEqual(['AGREEMENT_NOT_IN_FORCE']);
    expect(ended!.flags[0]!.reason).toContain('runs 2026-01-01T00:00:00Z – 2026-11-01T00:00:00Z, not over the invoiced 2026-11-01T00:00:00Z – 2026-12-01T00:00:00Z');
    expect(codes(unknown)).toEqual(['UNKNOWN_AGREEMENT']);
    expect(dollars!.flags).toEqual([{ code: 'CURRENCY_MISMATCH', line: 1, reason: 'the invoice is in USD, the agreed price in EUR' }]);
  });

  it("flags an invoice from someone other than the agreement's provider, however it is put", async () => {
    // The Swedish provider bills the Belgian agreement in its own name...
    const [other] = await check([await issue({ ...inputs.be, number: 'NS-X', provider: f.providers.se.controller, lines: [{ ...inputs.be.lines[0]!, usageRecord: undefined as never }] }, f.providers.se)]);
    expect(codes(other)).toEqual(['WRONG_SIGNER']);
    // ...or names the Belgian provider and signs it itself.
    const posing = invoiceCredential({ ...inputs.be, number: 'BE-7' });
    const signed = await issueCredential({ ...posing, issuer: f.providers.se.controller }, f.providers.se, { now: NOW });
    const [posed] = await check([signed]);
    expect(posed!.flags[0]).toEqual({ code: 'WRONG_SIGNER', reason: `the invoice names ${f.providers.be.controller} as its provider but is signed by ${f.providers.se.controller}` });
  });

  it('flags a duplicate (the same invoice, or the same number again), a wrong total, a change after signing and a malformed amount', async () => {
    const again = await issue(inputs.be, f.providers.be);
    const wrongTotal = await issue({ ...inputs.be, number: 'BE-8', netAmount: '60.00' }, f.providers.be);
    const changed = structuredClone(good[1]!) as { credentialSubject: { invoiceLine: { lineAmount: string }[] } };
    changed.credentialSubject.invoiceLine[0]!.lineAmount = '400.00';
    const malformed = structuredClone(good[2]!) as { credentialSubject: { invoiceLine: { lineAmount: unknown }[] } };
    malformed.credentialSubject.invoiceLine[0]!.lineAmount = 49;
    const checks = await check([good[0]!, good[0]!, again, wrongTotal, changed as never, malformed as never]);
    expect(checks.map(codes)).toEqual([[], ['DUPLICATE'], ['DUPLICATE'], ['WRONG_TOTAL'], expect.arrayContaining(['BAD_SIGNATURE']), ['MALFORMED']]);
    expect(checks[2]!.flags[0]!.reason).toBe(`${f.providers.be.controller} already sent an invoice numbered BE-2026-0117`);
    expect(checks[3]!.flags[0]!.reason).toBe('netAmount is 60.00, the lines and the 21 % rate make 60.48');
    expect(checks[5]!.flags[0]!.reason).toContain('invoiceLine[0].lineAmount must be a decimal string such as "49.00", not 49');
  });

  it('counts invoices accepted earlier as seen', async () => {
    const [first] = await check([good[0]!]);
    const [later] = await checkInvoices([good[0]!], { agreements: Object.values(f.agreements), usageRecords: Object.values(f.usage), seen: [first!.invoice!] });
    expect(codes(later)).toEqual(['DUPLICATE']);
  });
});

describe("the consumer's one statement", () => {
  it('puts every accepted invoice of the month in one statement per currency, and the disputed ones aside with their reasons', async () => {
    const dearer = await issue(beWith('BE-9', { unitPrice: '0.090', amount: '64.80' }), f.providers.be);
    const december = await issue({ ...inputs.pl, number: 'FV/12/2026/1', periodStart: '2026-12-01T00:00:00Z', periodEnd: '2027-01-01T00:00:00Z', issueDate: '2027-01-01' }, f.providers.pl);
    const stranger = await generateSigningKey();
    const forOther = await issue({ ...inputs.se, number: 'NS-11-0043', consumer: stranger.controller }, f.providers.se);
    const statement = buildStatement(await check([...good, dearer, december, forOther]), { consumer: f.consumer.controller, period: '2026-11' });
    expect(statement.currencies.map((c) => [c.currency, c.net, c.tax, c.payable])).toEqual([['EUR', '60.48', '12.70', '73.18'], ['PLN', '49.00', '11.27', '60.27'], ['SEK', '468.49', '117.12', '585.61']]);
    expect(statement.currencies[0]!.providers).toEqual([{
      provider: f.providers.be.controller, net: '60.48', tax: '12.70', payable: '73.18',
      invoices: [{ id: expect.stringMatching(/^urn:uuid:/), number: 'BE-2026-0117', issueDate: '2026-12-01', net: '60.48', tax: '12.70', payable: '73.18' }],
      agreements: [{ agreement: f.ids.vm, offering: 'https://scaldis.example/id/vm-m4', net: '60.48' }],
    }]);
    expect(statement.currencies[2]!.services).toEqual([{ service: 'Block storage, November', net: '468.49' }]);
    expect(statement.disputed).toEqual([{ credential: expect.any(String), provider: f.providers.be.controller, number: 'BE-9', flags: [expect.objectContaining({ code: 'ABOVE_AGREED_PRICE' })] }]);
  });

  it('adds up to the cent where floating point would not, and exports as CSV', async () => {
    // 0.10 + 0.20 in binary floating point is 0.30000000000000004.
    expect(0.1 + 0.2).not.toBe(0.3);
    const tenth = await agreement(f.consumer, f.providers.be, 'https://scaldis.example/id/vm-xs', { amount: '0.10', currency: 'EUR', model: 'PayAsYouGo', per: 'h' }, '2026-11-01T00:00:00Z', '2027-11-01T00:00:00Z');
    const id = (tenth.credentialSubject as { id: string }).id;
    const lines = [1, 2].map((hours) => ({ agreement: id, offering: 'https://scaldis.example/id/vm-xs', description: `${hours} h`, duration: String(hours), durationUnit: 'h', unitPrice: '0.10', amount: `0.${hours}0` }));
    const invoice = await issue({ ...inputs.be, number: 'BE-10', taxRate: '0', taxCategory: 'Z', lines }, f.providers.be);
    const [checked] = await checkInvoices([invoice], { agreements: [tenth] });
    expect(checked!.flags).toEqual([]);
    expect(checked!.invoice!.netAmount).toBe('0.30');
    const statement = buildStatement([checked!], { consumer: f.consumer.controller, period: '2026-11' });
    expect(statementToCsv(statement).split('\r\n')).toEqual([
      'kind,currency,provider,invoice,issue_date,agreement,service,net,tax,payable',
      `invoice,EUR,${f.providers.be.controller},BE-10,2026-12-01,,,0.30,0.00,0.30`,
      `agreement,EUR,${f.providers.be.controller},,,${id},https://scaldis.example/id/vm-xs,0.30,,`,
      `provider,EUR,${f.providers.be.controller},,,,,0.30,0.00,0.30`,
      'currency,EUR,,,,,,0.30,0.00,0.30',
      '',
    ]);
  });

  it('refuses a period that is not a month', () => {
    expect(() => buildStatement([], { consumer: 'did:example:x', period: '2026-13' })).toThrow('The period must be a month, YYYY-MM, not "2026-13"');
  });
});
