import { buildStatement, checkInvoices, issueInvoice, issueUsageRecord } from '@mpli/billing';
import { countersignAgreement, generateSigningKey, proposeAgreement } from '@mpli/trust';

// A consumer and a provider agree on a VM at 0.084 EUR an hour: the consumer signs, the provider countersigns.
const [consumer, provider] = [await generateSigningKey(), await generateSigningKey()];
const now = new Date('2026-12-01T09:00:00Z');
const agreement = await countersignAgreement(await proposeAgreement({
  consumer: consumer.controller, provider: provider.controller, offering: 'https://scaldis.example/id/vm-m4',
  price: { amount: '0.084', currency: 'EUR', model: 'PayAsYouGo', per: 'h' },
  terms: { url: 'https://scaldis.example/terms.pdf', hash: 'a'.repeat(64) },
  validFrom: '2026-11-01T00:00:00Z', validUntil: '2027-11-01T00:00:00Z',
}, consumer, { now }), provider, { now });
const id = (agreement.credentialSubject as { id: string }).id;

// At the end of November the provider signs what it metered, and its invoice.
const november = { periodStart: '2026-11-01T00:00:00Z', periodEnd: '2026-12-01T00:00:00Z' };
const usage = await issueUsageRecord({ agreement: id, provider: provider.controller, consumer: consumer.controller, ...november, lines: [{ duration: '720', durationUnit: 'h' }] }, provider, { now });
const invoice = (unitPrice: string, amount: string, number: string) => issueInvoice({
  number, provider: provider.controller, consumer: consumer.controller, issueDate: '2026-12-01', ...november, currency: 'EUR', taxCategory: 'S', taxRate: '21',
  lines: [{ agreement: id, usageRecord: (usage.credentialSubject as { id: string }).id, description: 'VM, November', duration: '720', durationUnit: 'h', unitPrice, amount }],
}, provider, { now });

// The consumer checks both invoices against the agreement; the dearer one is flagged.
const checks = await checkInvoices([await invoice('0.084', '60.48', 'INV-1'), await invoice('0.090', '64.80', 'INV-2')], { agreements: [agreement], usageRecords: [usage] });
for (const c of checks) console.log(c.invoice?.number, c.accepted, c.flags.map((f) => `${f.code}: ${f.reason}`).join(''));
const statement = buildStatement(checks, { consumer: consumer.controller, period: '2026-11' });
console.log(statement.currencies.map((c) => `${c.currency} net ${c.net} tax ${c.tax} payable ${c.payable}`).join(), statement.disputed.length, 'disputed');
