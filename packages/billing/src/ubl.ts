import { MpliError, type Price } from '@mpli/core';
import { readAgreementTerms } from '@mpli/trust';
import type { Invoice } from './invoice';
import type { UblParty } from './ubl-party';
import { ublQuantity } from './ubl-quantity';

/** Peppol BIS Billing 3.0: the specification (BT-24) and business process (BT-23) identifiers. */
export const PEPPOL_CUSTOMIZATION_ID = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
export const PEPPOL_PROFILE_ID = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';

/** What an invoice needs besides itself to be an EN 16931 invoice. */
export interface UblOptions {
  /** The provider (seller) and the consumer (buyer), see `ublParty`. */
  readonly seller: UblParty;
  readonly buyer: UblParty;
  /** The agreement credentials its lines name: each line's price basis comes from its agreement. */
  readonly agreements: readonly Record<string, unknown>[];
  /** The payment terms (BT-20) when the invoice has no due date. Default: 30 days from issue. */
  readonly paymentTerms?: string;
  /** Why VAT is not charged, for categories E (exempt) and O (outside scope). */
  readonly exemptionReason?: string;
}

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const el = (name: string, content: string, attributes: Record<string, string> = {}): string =>
  `<${name}${Object.entries(attributes).map(([k, v]) => ` ${k}="${escape(v)}"`).join('')}>${content}</${name}>`;
const text = (name: string, value: string, attributes?: Record<string, string>) => el(name, escape(value), attributes);
const dayBefore = (end: string) => new Date(Date.parse(end) - 1).toISOString().slice(0, 10);

function party(p: UblParty): string {
  const a = p.address;
  return el('cac:Party', [
    text('cbc:EndpointID', p.endpoint.id, { schemeID: p.endpoint.scheme }),
    el('cac:PostalAddress', [a.street ? text('cbc:StreetName', a.street) : '', a.locality ? text('cbc:CityName', a.locality) : '', a.postalCode ? text('cbc:PostalZone', a.postalCode) : '', el('cac:Country', text('cbc:IdentificationCode', a.country))].join('')),
    p.vatId ? el('cac:PartyTaxScheme', text('cbc:CompanyID', p.vatId) + el('cac:TaxScheme', text('cbc:ID', 'VAT'))) : '',
    el('cac:PartyLegalEntity', text('cbc:RegistrationName', p.name)),
  ].join(''));
}

/** The VAT category of the lines and of the breakdown; exempt categories carry their reason. */
function taxCategory(invoice: Invoice, options: UblOptions, element: 'cac:TaxCategory' | 'cac:ClassifiedTaxCategory'): string {
  const exempt = ['AE', 'E', 'O', 'K', 'G'].includes(invoice.taxCategory);
  const reason = element === 'cac:TaxCategory' && exempt
    ? invoice.taxCategory === 'AE' ? text('cbc:TaxExemptionReasonCode', 'VATEX-EU-AE') : text('cbc:TaxExemptionReason', options.exemptionReason ?? 'Exempt')
    : '';
  return el(element, [text('cbc:ID', invoice.taxCategory), invoice.taxCategory === 'O' ? '' : text('cbc:Percent', invoice.taxRate), reason, el('cac:TaxScheme', text('cbc:ID', 'VAT'))].join(''));
}

/**
 * A checked invoice as a European e-invoice: UBL 2.1 following EN 16931 and Peppol BIS Billing
 * 3.0 (one VAT category, lines priced per their agreements' billing periods and quantities).
 * Check the result with {@link checkEn16931}.
 *
 * @example
 * const xml = invoiceToUbl(check.invoice!, { seller: ublParty(manifest.provider, { id: '0123456789', scheme: '0208' }), buyer, agreements });
 */
export function invoiceToUbl(invoice: Invoice, options: UblOptions): string {
  const prices = new Map<string, Price>();
  for (const credential of options.agreements) {
    const terms = readAgreementTerms(credential);
    prices.set(terms.id, terms.price);
  }
  const currency = { currencyID: invoice.currency };
  const lines = invoice.lines.map((line, i) => {
    const price = prices.get(line.agreement);
    if (!price) throw new MpliError('INVALID_INPUT', `Line ${i + 1} names the agreement ${line.agreement}, which was not given`);
    const { quantity, base, unitCode } = ublQuantity(price, line);
    return el('cac:InvoiceLine', [
      text('cbc:ID', String(i + 1)),
      text('cbc:Note', `Agreement ${line.agreement}${line.usageRecord ? `, usage record ${line.usageRecord}` : ''}`),
      text('cbc:InvoicedQuantity', quantity, { unitCode }),
      text('cbc:LineExtensionAmount', line.amount, currency),
      el('cac:Item', [line.offering ? text('cbc:Description', line.offering) : '', text('cbc:Name', line.description.slice(0, 100)), taxCategory(invoice, options, 'cac:ClassifiedTaxCategory')].join('')),
      el('cac:Price', text('cbc:PriceAmount', line.unitPrice, currency) + text('cbc:BaseQuantity', base, { unitCode })),
    ].join(''));
  });
  const body = [
    text('cbc:CustomizationID', PEPPOL_CUSTOMIZATION_ID),
    text('cbc:ProfileID', PEPPOL_PROFILE_ID),
    text('cbc:ID', invoice.number),
    text('cbc:IssueDate', invoice.issueDate),
    invoice.dueDate ? text('cbc:DueDate', invoice.dueDate) : '',
    text('cbc:InvoiceTypeCode', '380'),
    text('cbc:DocumentCurrencyCode', invoice.currency),
    text('cbc:BuyerReference', invoice.lines[0]!.agreement),
    el('cac:InvoicePeriod', text('cbc:StartDate', invoice.periodStart.slice(0, 10)) + text('cbc:EndDate', dayBefore(invoice.periodEnd))),
    el('cac:ContractDocumentReference', text('cbc:ID', invoice.lines[0]!.agreement)),
    el('cac:AccountingSupplierParty', party(options.seller)),
    el('cac:AccountingCustomerParty', party(options.buyer)),
    invoice.dueDate ? '' : el('cac:PaymentTerms', text('cbc:Note', options.paymentTerms ?? `Payable within 30 days of ${invoice.issueDate}`)),
    el('cac:TaxTotal', text('cbc:TaxAmount', invoice.taxAmount, currency) + el('cac:TaxSubtotal', text('cbc:TaxableAmount', invoice.netAmount, currency) + text('cbc:TaxAmount', invoice.taxAmount, currency) + taxCategory(invoice, options, 'cac:TaxCategory'))),
    el('cac:LegalMonetaryTotal', [
      text('cbc:LineExtensionAmount', invoice.netAmount, currency), text('cbc:TaxExclusiveAmount', invoice.netAmount, currency),
      text('cbc:TaxInclusiveAmount', invoice.payableAmount, currency), text('cbc:PayableAmount', invoice.payableAmount, currency),
    ].join('')),
    ...lines,
  ].join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">${body}</Invoice>\n`;
}
