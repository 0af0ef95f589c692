import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BillingLedger, issueInvoice, issueUsageRecord, type InvoiceInput } from '@mpli/billing';
import { main } from '@mpli/cli';
import { Catalog, parseRdf } from '@mpli/core';
import { createMpliServer } from '@mpli/server';
import { countersignAgreement, generateSigningKey, proposeAgreement, verifyAgreement } from '@mpli/trust';
import { captureIo, REPO_ROOT } from './capture-io';

const TOKEN = 'cli-billing-token-3f9a';
const dir = mkdtempSync(join(tmpdir(), 'mpli-cli-billing-'));
const run = async (...args: string[]) => {
  const io = captureIo(dir);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err() };
};
const provider = await generateSigningKey();
let server: Server;
let base = '';
const ledger = new BillingLedger();
beforeAll(async () => {
  // The provider's manifest names the key the server countersigns with.
  const text = readFileSync(join(REPO_ROOT, 'examples/manifests/scaldis-cloud.ttl'), 'utf8').replace('<did:web:scaldis.example>', `<${provider.controller}>`);
  writeFileSync(join(dir, 'scaldis.ttl'), text);
  const catalog = new Catalog();
  catalog.addDataset((await parseRdf(text, { format: 'text/turtle' })).store);
  server = createServer(createMpliServer({ catalog, tokens: [TOKEN], agreementKey: provider, billing: ledger }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env.MPLI_TOKEN = TOKEN;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())).then(() => void delete process.env.MPLI_TOKEN));

describe('mpli agree', () => {
  it("proposes an agreement from the manifest, signed, and brings back the provider's countersignature", async () => {
    expect((await run('keygen', '--out', 'hospital.key.json')).code).toBe(0);
    const agreed = await run('agree', '--key', 'hospital.key.json', '--manifest', 'scaldis.ttl', '--offering', 'vm-m4', '--server', base, '--out', 'agreement.json');
    expect(agreed).toMatchObject({ code: 0, err: 'wrote agreement.json\n' });
    const agreement = JSON.parse(readFileSync(join(dir, 'agreement.json'), 'utf8')) as Record<string, unknown>;
    const verdict = await verifyAgreement(agreement);
    expect(verdict.verified).toBe(true);
    expect(verdict.terms).toMatchObject({ provider: provider.controller, offering: 'https://scaldis.example/.well-known/mpli#vm-m4', price: { amount: '0.084', currency: 'EUR', per: 'h' } });
    // The server kept it for the consumer's statements.
    expect(ledger.of(verdict.terms!.consumer, 'agreement')).toHaveLength(1);
  });

  it("says why the provider refused, and exits 1; bad input exits 2", async () => {
    const other = mkdtempSync(join(tmpdir(), 'mpli-cli-billing-'));
    const stranger = await generateSigningKey();
    writeFileSync(join(other, 'scaldis.ttl'), readFileSync(join(REPO_ROOT, 'examples/manifests/scaldis-cloud.ttl'), 'utf8').replace('<did:web:scaldis.example>', `<${stranger.controller}>`));
    const io = captureIo(other);
    expect(await main(['keygen', '--out', 'c.key.json'], io)).toBe(0);
    const refusedIo = captureIo(other);
    expect(await main(['agree', '--key', 'c.key.json', '--manifest', 'scaldis.ttl', '--offering', 'vm-m4', '--server', base], refusedIo)).toBe(1);
    expect(refusedIo.err()).toMatch(/^mpli agree: Scaldis Cloud SRL refused: The agreement names the provider did:key:/);
    expect(await run('agree', '--key', 'hospital.key.json', '--manifest', 'scaldis.ttl', '--offering', 'vm-xl')).toMatchObject({ code: 2, err: expect.stringContaining('scaldis.ttl has no offering "vm-xl" (it has vm-s2, vm-m4, block-ssd, object-s3)') });
    expect(await run('agree', '--key', 'hospital.key.json', '--manifest', 'scaldis.ttl', '--offering', 'vm-m4', '--price', '3')).toMatchObject({ code: 2, err: expect.stringContaining('--price must be 1 to 2') });
  });
});

describe('mpli statement', () => {
  const NOW = new Date('2026-12-01T10:00:00Z');
  const NOVEMBER = { periodStart: '2026-11-01T00:00:00Z', periodEnd: '2026-12-01T00:00:00Z' } as const;
  let consumerDid = '';
  beforeAll(async () => {
    const consumer = await generateSigningKey();
    consumerDid = consumer.controller;
    const at = new Date('2026-10-01T00:00:00Z');
    const agreement = await countersignAgreement(await proposeAgreement({ consumer: consumer.controller, provider: provider.controller, offering: 'https://scaldis.example/id/vm-m4', price: { amount: '0.084', currency: 'EUR', model: 'PayAsYouGo', per: 'h' }, terms: { url: 'https://scaldis.example/t.pdf', hash: 'c'.repeat(64) }, validFrom: '2026-10-01T00:00:00Z' }, consumer, { now: at }), provider, { now: at });
    const id = (agreement.credentialSubject as { id: string }).id;
    const invoice = (number: string, unitPrice: string, amount: string): InvoiceInput => ({ number, provider: provider.controller, consumer: consumer.controller, issueDate: '2026-12-01', ...NOVEMBER, currency: 'EUR', taxCategory: 'S', taxRate: '21', lines: [{ agreement: id, description: 'VM', duration: '720', durationUnit: 'h', unitPrice, amount }] });
    const usage = await issueUsageRecord({ agreement: id, provider: provider.controller, consumer: consumer.controller, ...NOVEMBER, lines: [{ duration: '720', durationUnit: 'h' }] }, provider, { now: NOW });
    const files: [string, Record<string, unknown>][] = [['agreement.json', agreement], ['usage.json', usage], ['inv-1.json', await issueInvoice(invoice('INV-1', '0.084', '60.48'), provider, { now: NOW })], ['inv-2.json', await issueInvoice(invoice('INV-2', '0.090', '64.80'), provider, { now: NOW })]];
    const folder = join(dir, 'billing');
    mkdirSync(folder);
    for (const [name, credential] of files) {
      writeFileSync(join(folder, name), JSON.stringify(credential));
      ledger.add(credential);
    }
  });

  it('checks the invoices of a folder against the agreements and prints the month, with what it disputes', async () => {
    const printed = await run('statement', '--period', '2026-11', 'billing');
    expect(printed.code).toBe(1);
    expect(printed.out).toContain(`Statement for ${consumerDid}, 2026-11`);
    expect(printed.out).toMatch(/total\s+60\.48\s+12\.70\s+73\.18/);
    expect(printed.out).toContain('disputed: INV-2 from');
    expect(printed.out).toContain('ABOVE_AGREED_PRICE (line 1): unit price 0.090 is above the agreed 0.084 EUR/h');
  });

  it('prints JSON or CSV, and asks a marketplace with --server', async () => {
    const json = JSON.parse((await run('statement', '--period', '2026-11', '--json', 'billing')).out) as { currencies: { payable: string }[] };
    expect(json.currencies.map((c) => c.payable)).toEqual(['73.18']);
    expect((await run('statement', '--period', '2026-11', '--csv', 'billing')).out.split('\r\n').at(-2)).toBe('currency,EUR,,,,,,60.48,12.70,73.18');
    const remote = await run('statement', '--period', '2026-11', '--server', base, '--consumer', consumerDid, '--json');
    expect(remote.code).toBe(1);
    expect(JSON.parse(remote.out)).toEqual(json);
  });

  it('refuses a bad period or no credentials', async () => {
    expect(await run('statement', '--period', '2026-13', 'billing')).toMatchObject({ code: 2, err: expect.stringContaining('--period needs a month, YYYY-MM, not "2026-13"') });
    expect(await run('statement', '--period', '2026-11')).toMatchObject({ code: 2, err: expect.stringContaining('give credential files or folders, or --server') });
  });
});
