import { beforeAll, describe, expect, it } from 'vitest';
import { checkEn16931, checkInvoices, invoiceToUbl, ublParty, type Invoice, type UblParty } from '../src/index';
import { goodInvoices, issue, threeProviders, type Fixture } from './three-providers';

// Each provider's invoice as a Peppol BIS Billing 3.0 UBL invoice, checked offline against the
// EN 16931 and Peppol business rules. The same documents and the same broken variants were run,
// while this was written, through the official CEN (1.3.16) and OpenPEPPOL Schematron artefacts
// with Saxon-HE: they pass, and each variant fails the rules expected here.
const party = (name: string, country: string, vatId: string, endpoint: string, scheme: string): UblParty => ({ name, address: { country, street: 'Kouter 1', locality: 'Gent', postalCode: '9000' }, vatId, endpoint: { id: endpoint, scheme } });
const buyer = party('AZ Sint-Lieven VZW', 'BE', 'BE0412345614', '0412345614', '0208');
const sellers = {
  be: party('Scaldis Cloud SRL', 'BE', 'BE0987654394', '0987654394', '0208'),
  se: party('Norrsken Moln AB', 'SE', 'SE556677889901', '5566778899', '0007'),
  pl: party('Wisla Chmura sp. z o.o.', 'PL', 'PL5260001246', '5260001246', '9945'),
};
let f: Fixture;
const xml: Record<string, string> = {};
const invoices: Record<string, Invoice> = {};
beforeAll(async () => {
  f = await threeProviders();
  const inputs = goodInvoices(f);
  const variants = {
    be: [inputs.be, 'be'], se: [inputs.se, 'se'], pl: [inputs.pl, 'pl'],
    // A monthly price for 720 hours: 720/730 of 49.00 = 48.33.
    plHours: [{ ...inputs.pl, number: 'FV/11/2026/8', lines: [{ ...inputs.pl.lines[0]!, duration: '720', durationUnit: 'h', amount: '48.33' }] }, 'pl'],
    reverse: [{ ...inputs.be, number: 'BE-RC-1', taxCategory: 'AE', taxRate: '0' }, 'be'],
  } as const;
  const checks = await checkInvoices(await Promise.all(Object.values(variants).map(([input, who]) => issue(input, f.providers[who]))), { agreements: Object.values(f.agreements), usageRecords: Object.values(f.usage) });
  Object.entries(variants).forEach(([name, [, who]], i) => {
    expect(checks[i]!.flags).toEqual([]);
    invoices[name] = checks[i]!.invoice!;
    xml[name] = invoiceToUbl(checks[i]!.invoice!, { seller: sellers[who], buyer, agreements: Object.values(f.agreements) });
  });
});

const element = (document: string, name: string) => [...document.matchAll(new RegExp(`<cbc:${name}([^>]*)>([^<]*)</cbc:${name}>`, 'g'))].map((m) => `${m[2]}${m[1]!.replace(/ (unitCode|currencyID)="([^"]+)"/, ' $2')}`);

describe('invoices as EN 16931 UBL', () => {
  it('writes each invoice as Peppol BIS 3.0 UBL that breaks none of the rules, in three currencies and two VAT categories', () => {
    for (const [name, document] of Object.entries(xml)) expect([name, checkEn16931(document)]).toEqual([name, { valid: true, failures: [] }]);
    expect(element(xml.be!, 'PayableAmount')).toEqual(['73.18 EUR']);
    expect(element(xml.se!, 'TaxInclusiveAmount')).toEqual(['585.61 SEK']);
    expect(element(xml.reverse!, 'TaxExemptionReasonCode')).toEqual(['VATEX-EU-AE']);
  });

  it('prices each line the way its agreement does: per hour, per billing month of 730 hours, per GiB-month', () => {
    expect([element(xml.be!, 'InvoicedQuantity'), element(xml.be!, 'BaseQuantity')]).toEqual([['720 HUR'], ['1 HUR']]);
    expect([element(xml.plHours!, 'InvoicedQuantity'), element(xml.plHours!, 'BaseQuantity'), element(xml.plHours!, 'PriceAmount')]).toEqual([['720 HUR'], ['730 HUR'], ['49.00 PLN']]);
    expect([element(xml.pl!, 'InvoicedQuantity'), element(xml.pl!, 'BaseQuantity')]).toEqual([['1 MON'], ['1 MON']]);
    // 500 GiB for 720 h at 0.95 SEK per GiB and 730 h: 360000 GiB-hours at 0.95 per 730.
    expect([element(xml.se!, 'InvoicedQuantity'), element(xml.se!, 'BaseQuantity')]).toEqual([['360000 C62'], ['730 C62']]);
    expect(element(xml.be!, 'EndDate')).toEqual(['2026-11-30']);
  });

  it('finds what breaks the rules, under the rules’ own identifiers', () => {
    const broken = (from: string, to: string, document = xml.be!) => checkEn16931(document.replace(from, to)).failures.map((failure) => failure.rule);
    expect(broken('<cbc:TaxInclusiveAmount currencyID="EUR">73.18', '<cbc:TaxInclusiveAmount currencyID="EUR">99.99')).toEqual(['BR-CO-15', 'BR-CO-16']);
    expect(broken('<cbc:PriceAmount currencyID="EUR">0.084', '<cbc:PriceAmount currencyID="EUR">0.094')).toEqual(['PEPPOL-EN16931-R120']);
    expect(broken('<cbc:EndpointID schemeID="0208">0412345614</cbc:EndpointID>', '')).toEqual(['PEPPOL-EN16931-R010']);
    expect(broken('0412345614</cbc:EndpointID>', '0412345678</cbc:EndpointID>')).toEqual(['PEPPOL-COMMON-R043']);
    expect(broken('<cbc:TaxAmount currencyID="EUR">12.70</cbc:TaxAmount><cac:TaxSubtotal>', '<cbc:TaxAmount currencyID="USD">12.70</cbc:TaxAmount><cac:TaxSubtotal>')).toEqual(['BR-CO-15', 'PEPPOL-EN16931-R051']);
    expect(broken('<cbc:Percent>21</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>', '<cbc:Percent>20</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>')).toEqual(['BR-S-08']);
    expect(broken('<cac:PartyTaxScheme><cbc:CompanyID>BE0987654394', '<cac:PartyTaxScheme><cbc:CompanyID>')).toEqual(['PEPPOL-EN16931-R008']);
    expect(broken('<cac:PartyTaxScheme><cbc:CompanyID>BE0987654394</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>', '')).toEqual(['BR-CO-26', 'BR-S-02']);
    expect(broken('<cac:PartyTaxScheme><cbc:CompanyID>BE0412345614</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>', '', xml.reverse)).toEqual(['BR-AE-02']);
    expect(checkEn16931('<Invoice xmlns="urn:example"/>').failures.map((failure) => failure.rule)).toEqual(['UBL']);
  });

  it('takes the parties from MPLI descriptions, and says what an invoice needs that they lack', () => {
    expect(ublParty({ name: 'Scaldis Cloud SRL', headquarters: { country: 'BE', locality: 'Gent' }, registrationNumbers: [{ type: 'vatID', value: 'BE0987654394' }] }, { id: '0987654394', scheme: '0208' }))
      .toEqual({ name: 'Scaldis Cloud SRL', address: { country: 'BE', locality: 'Gent' }, vatId: 'BE0987654394', endpoint: { id: '0987654394', scheme: '0208' } });
    expect(() => ublParty({ name: 'Nowhere Ltd', registrationNumbers: [] }, { id: 'x', scheme: '0088' })).toThrow('Nowhere Ltd has no address');
    expect(() => invoiceToUbl(invoices.be!, { seller: sellers.be, buyer, agreements: [] })).toThrow(`Line 1 names the agreement ${invoices.be!.lines[0]!.agreement}, which was not given`);
  });
});
