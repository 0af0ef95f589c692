// The billing step of pnpm demo: at the end of December both providers the hospital used sign
// what they metered and their invoices (Scaldis until the move, Rheinwerk after it, under the
// succession); the hospital checks each against its agreements and gets one statement.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUSINESS_RULES, buildStatement, checkEn16931, checkInvoices, invoiceToUbl, issueInvoice, issueUsageRecord, statementToCsv, ublParty, type InvoiceInput } from '@mpli/billing';
import { parseRdf, readManifest, readRequirements } from '@mpli/core';
import type { AgreementHandOver, Step } from './demo-delivery';

const subjectId = (credential: Record<string, unknown>) => (credential.credentialSubject as { id: string }).id;

const read = async (manifests: string, file: string) => (await parseRdf(readFileSync(join(manifests, file), 'utf8'), { source: file })).store;
/** A Peppol electronic address from a VAT number (schemes 9925 Belgian VAT, 9930 German VAT). */
const endpoint = (vat: string | undefined) => ({ id: vat ?? 'unknown', scheme: vat?.startsWith('DE') ? '9930' : '9925' });

export async function billingSteps(manifests: string, say: (text?: string) => void, handOver: AgreementHandOver): Promise<Step[]> {
  say('\n14. One bill: at the end of December each provider signs its usage and invoice; the hospital checks them against its agreements and gets one statement.');
  const { consumer, provider, successor } = handOver.keys;
  const now = new Date('2027-01-01T10:00:00Z');
  const [agreement, succession] = [subjectId(handOver.agreement), subjectId(handOver.succession)];
  const december = { consumer: consumer.controller, issueDate: '2027-01-01', periodEnd: '2027-01-01T00:00:00Z', currency: 'EUR', taxCategory: 'S' } as const;
  // Scaldis ran the VM on 1 December; Rheinwerk from the move on 2 December, at the same agreed price.
  const scaldisUsage = await issueUsageRecord({ agreement, provider: provider.controller, consumer: consumer.controller, periodStart: '2026-12-01T00:00:00Z', periodEnd: '2026-12-02T00:00:00Z', lines: [{ offering: 'https://scaldis.example/id/vm-m4', duration: '24', durationUnit: 'h' }] }, provider, { now });
  const scaldis: InvoiceInput = {
    ...december, number: 'SC-2026-12-0042', provider: provider.controller, periodStart: '2026-12-01T00:00:00Z', taxRate: '21',
    lines: [{ agreement, usageRecord: subjectId(scaldisUsage), offering: 'https://scaldis.example/id/vm-m4', description: 'Medium VM, 4 vCPU / 16 GiB, 1 December', duration: '24', durationUnit: 'h', unitPrice: '0.084', amount: '2.02' }],
  };
  const rheinwerk: InvoiceInput = {
    ...december, number: 'RW-2026-1207', provider: successor.controller, periodStart: '2026-12-02T00:00:00Z', taxRate: '19',
    lines: [{ agreement: succession, offering: 'https://rheinwerk.example/offerings/vm-c8', description: 'VM moved from Scaldis, 2–31 December', duration: '720', durationUnit: 'h', unitPrice: '0.084', amount: '60.48' }],
  };
  const invoices = [
    await issueInvoice(scaldis, provider, { now }),
    await issueInvoice(rheinwerk, successor, { now }),
    // The same invoice sent twice, and a line at a higher price than agreed.
    await issueInvoice(scaldis, provider, { now }),
    await issueInvoice({ ...rheinwerk, number: 'RW-2026-1208', lines: [{ ...rheinwerk.lines[0]!, unitPrice: '0.095', amount: '68.40' }] }, successor, { now }),
  ];
  const checks = await checkInvoices(invoices, { agreements: [handOver.agreement, handOver.succession], usageRecords: [scaldisUsage] });
  for (const c of checks) say(`   ${c.accepted ? '✔ accepted' : '✖ flagged '} ${c.invoice?.number ?? c.credential}: ${c.invoice?.payableAmount ?? '?'} ${c.invoice?.currency ?? ''}${c.flags.map((f) => `\n       ${f.code}: ${f.reason}`).join('')}`);
  const statement = buildStatement(checks, { consumer: consumer.controller, period: '2026-12' });
  say(`   The hospital's one statement for ${statement.period}: ${statement.currencies.map((c) => `${c.currency} net ${c.net} + VAT ${c.tax} = ${c.payable}, from ${c.providers.length} providers`).join('; ')}; ${statement.disputed.length} invoices disputed`);
  say(statementToCsv(statement).trimEnd().split('\r\n').map((row) => `     ${row.replace(/did:key:z6Mk(\w{6})\w+/g, 'did:key:…$1…')}`).join('\n'));
  const codes = checks.map((c) => c.flags.map((f) => f.code).join('+') || 'ok').join(', ');
  const ok = codes === 'ok, ok, DUPLICATE, ABOVE_AGREED_PRICE' && statement.currencies[0]?.payable === '74.41';
  // Each accepted invoice as the European e-invoice the hospital's accounting takes in.
  const hospital = readRequirements(await read(manifests, 'requirements-hospital.ttl')).consumer;
  const sellers = new Map([[provider.controller, readManifest(await read(manifests, 'scaldis-cloud.ttl')).provider], [successor.controller, readManifest(await read(manifests, 'rheinwerk-cloud.jsonld')).provider]]);
  const vat = (numbers: readonly { type: string; value: string }[]) => numbers.find((n) => n.type === 'vatID')?.value;
  const buyer = ublParty(hospital, endpoint(vat(hospital.registrationNumbers)));
  const ubl = checks.filter((c) => c.accepted).map((c) => {
    const seller = sellers.get(c.invoice!.provider)!;
    const xml = invoiceToUbl(c.invoice!, { seller: ublParty(seller, endpoint(vat(seller.registrationNumbers))), buyer, agreements: [handOver.agreement, handOver.succession] });
    const verdict = checkEn16931(xml);
    say(`   ${verdict.valid ? '✔' : '✖'} ${c.invoice!.number} as an EN 16931 / Peppol BIS 3.0 UBL invoice from ${seller.name}: ${xml.length} bytes, ${verdict.valid ? `none of ${BUSINESS_RULES.length} business rules broken` : verdict.failures.map((f) => f.rule).join(', ')}`);
    return verdict.valid;
  });
  return [{ step: 'one statement across providers', ok: ok && ubl.length === 2 && ubl.every(Boolean), detail: `EUR ${statement.currencies[0]?.payable ?? '?'} payable, ${statement.disputed.length} disputed, ${ubl.filter(Boolean).length} e-invoices` }];
}
