import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Ajv from 'ajv/dist/2020.js';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BillingLedger, issueInvoice, issueUsageRecord, type InvoiceInput } from '@mpli/billing';
import { createMpliServer, OPENAPI_DOCUMENT } from '@mpli/server';
import { countersignAgreement, generateSigningKey, proposeAgreement } from '@mpli/trust';

// A marketplace keeping its consumers' billing: providers hand in usage records and invoices,
// each invoice is checked at once, and a consumer's statement for a month comes back as JSON or CSV.
const TOKEN = 'billing-routes-token-7c1e';
const NOW = new Date('2026-12-01T10:00:00Z');
const NOVEMBER = { periodStart: '2026-11-01T00:00:00Z', periodEnd: '2026-12-01T00:00:00Z' } as const;
const [consumer, provider] = [await generateSigningKey(), await generateSigningKey()];
const agreement = await countersignAgreement(await proposeAgreement({
  consumer: consumer.controller, provider: provider.controller, offering: 'https://scaldis.example/id/vm-m4', price: { amount: '0.084', currency: 'EUR', model: 'PayAsYouGo', per: 'h' },
  terms: { url: 'https://scaldis.example/terms.pdf', hash: 'b'.repeat(64) }, validFrom: '2026-10-01T00:00:00Z', validUntil: '2027-10-01T00:00:00Z',
}, consumer, { now: new Date('2026-10-01T00:00:00Z') }), provider, { now: new Date('2026-10-01T00:00:00Z') });
const agreementId = (agreement.credentialSubject as { id: string }).id;
const usage = await issueUsageRecord({ agreement: agreementId, provider: provider.controller, consumer: consumer.controller, ...NOVEMBER, lines: [{ duration: '720', durationUnit: 'h' }] }, provider, { now: NOW });
const invoice = (number: string, unitPrice: string, amount: string): InvoiceInput => ({
  number, provider: provider.controller, consumer: consumer.controller, issueDate: '2026-12-01', ...NOVEMBER, currency: 'EUR', taxCategory: 'S', taxRate: '21',
  lines: [{ agreement: agreementId, usageRecord: (usage.credentialSubject as { id: string }).id, description: 'VM, November', duration: '720', durationUnit: 'h', unitPrice, amount }],
});

let server: Server;
let base = '';
const ledger = new BillingLedger();
beforeAll(async () => {
  ledger.add(agreement);
  server = createServer(createMpliServer({ tokens: [TOKEN], billing: ledger }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function call(method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await request(`${base}${path}`, { method, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', ...headers }, ...(body ? { body: JSON.stringify(body) } : {}) });
  const text = await response.body.text();
  return { status: response.statusCode, type: String(response.headers['content-type']), text, json: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}
const ajv = new Ajv({ strict: false });
ajv.addSchema({ $id: 'mpli', components: OPENAPI_DOCUMENT.components } as never);
const conforms = (schema: string, value: unknown) => ajv.getSchema(`mpli#/components/schemas/${schema}`)!(value);

describe('billing on the REST endpoint', () => {
  it('keeps usage records and invoices, checks each invoice at once, and gives the month\'s statement as JSON and CSV', async () => {
    expect((await call('POST', '/usage-records', usage)).status).toBe(201);
    const good = await call('POST', '/invoices', await issueInvoice(invoice('INV-1', '0.084', '60.48'), provider, { now: NOW }));
    expect(good.json).toMatchObject({ accepted: true, flags: [] });
    expect(conforms('InvoiceVerdict', good.json)).toBe(true);
    const dearer = await call('POST', '/invoices', await issueInvoice(invoice('INV-2', '0.090', '64.80'), provider, { now: NOW }));
    expect(dearer.json).toMatchObject({ accepted: false, flags: [{ code: 'ABOVE_AGREED_PRICE', line: 1 }] });
    const again = await call('POST', '/invoices', await issueInvoice(invoice('INV-1', '0.084', '60.48'), provider, { now: NOW }));
    expect(again.json).toMatchObject({ accepted: false, flags: [{ code: 'DUPLICATE' }] });

    const statement = await call('GET', `/statements?period=2026-11&consumer=${encodeURIComponent(consumer.controller)}`);
    expect(statement.status).toBe(200);
    expect(conforms('Statement', statement.json)).toBe(true);
    expect(statement.json).toMatchObject({ period: '2026-11', currencies: [{ currency: 'EUR', net: '60.48', tax: '12.70', payable: '73.18' }] });
    expect((statement.json!.disputed as { number: string }[]).map((d) => d.number)).toEqual(['INV-2', 'INV-1']);
    const csv = await call('GET', `/statements?period=2026-11&consumer=${encodeURIComponent(consumer.controller)}`, undefined, { accept: 'text/csv' });
    expect(csv.type).toBe('text/csv; charset=utf-8');
    expect(csv.text.split('\r\n').at(-2)).toBe('currency,EUR,,,,,,60.48,12.70,73.18');
  });

  it('answers bad requests with problems that say what is wrong', async () => {
    expect(await call('GET', '/statements?period=2026-13&consumer=did:example:x')).toMatchObject({ status: 400, json: { detail: 'period must be a month, YYYY-MM, not "2026-13"' } });
    expect(await call('GET', '/statements?period=2026-11')).toMatchObject({ status: 400, json: { detail: 'Name the consumer: consumer=<DID>' } });
    expect(await call('POST', '/invoices', usage)).toMatchObject({ status: 422, json: { detail: 'The body is of type VerifiableCredential, UsageRecordCredential, not InvoiceCredential' } });
    const anonymous = await request(`${base}/statements?period=2026-11&consumer=did:example:x`);
    expect(anonymous.statusCode).toBe(401);
    await anonymous.body.dump();
    const bare = createServer(createMpliServer({ tokens: [TOKEN] }));
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    try {
      const response = await request(`http://127.0.0.1:${(bare.address() as AddressInfo).port}/statements?period=2026-11`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(response.statusCode).toBe(404);
      await response.body.dump();
    } finally {
      await new Promise<void>((resolve) => bare.close(() => resolve()));
    }
  });
});
