import { add, compare, multiply, rational, type Rational } from '@mpli/core';
import { all, at, attribute, decimalOf, decimalsOf, textOf, type XmlNode } from './en16931-document';
import { roundMoney, sum } from './money';

/** A business rule of EN 16931-1 (BR-…) or Peppol BIS Billing 3.0 (PEPPOL-…), and its test. */
export interface BusinessRule {
  readonly id: string;
  /** What the rule requires, in short. */
  readonly text: string;
  /** The places (invoice line numbers, or the whole invoice) where the rule is broken. */
  readonly test: (invoice: XmlNode) => readonly string[];
}

const INVOICE = ['the invoice'];
const ok: readonly string[] = [];
const present = (invoice: XmlNode, ...path: string[]) => (textOf(at(invoice, ...path)) ?? at(invoice, ...path) ? ok : INVOICE);
// Presence, as the rules test it: an empty element is there (PEPPOL-EN16931-R008 is what refuses it).
const has = (node: XmlNode | undefined, ...path: string[]) => at(node, ...path) !== undefined;
const lines = (invoice: XmlNode) => all(invoice, 'InvoiceLine');
const lineName = (line: XmlNode, i: number) => `invoice line ${textOf(at(line, 'ID')) ?? i + 1}`;
const eachLine = (invoice: XmlNode, broken: (line: XmlNode) => boolean) => lines(invoice).flatMap((line, i) => (broken(line) ? [lineName(line, i)] : []));
const equal = (a: Rational | undefined, b: Rational | undefined) => a !== undefined && b !== undefined && compare(a, b) === 0;
const zero = rational(0n);
const amount = (invoice: XmlNode, name: string) => decimalOf(at(invoice, 'LegalMonetaryTotal', name));
const subtotals = (invoice: XmlNode) => all(at(invoice, 'TaxTotal'), 'TaxSubtotal');
const lineCategory = (line: XmlNode) => textOf(at(line, 'Item', 'ClassifiedTaxCategory', 'ID'));
const lineRate = (line: XmlNode) => decimalOf(at(line, 'Item', 'ClassifiedTaxCategory', 'Percent'));
const linesNet = (invoice: XmlNode, category?: string) => sum(lines(invoice).filter((l) => !category || lineCategory(l) === category).map((l) => decimalOf(at(l, 'LineExtensionAmount')) ?? zero));
const categoryOf = (subtotal: XmlNode) => textOf(at(subtotal, 'TaxCategory', 'ID'));
const sellerVat = (invoice: XmlNode) => all(at(invoice, 'AccountingSupplierParty', 'Party'), 'PartyTaxScheme').some((s) => textOf(at(s, 'TaxScheme', 'ID')) === 'VAT' && has(s, 'CompanyID'));
const buyerVat = (invoice: XmlNode) => all(at(invoice, 'AccountingCustomerParty', 'Party'), 'PartyTaxScheme').some((s) => textOf(at(s, 'TaxScheme', 'ID')) === 'VAT' && has(s, 'CompanyID'));
const round2 = (value: Rational) => roundMoney(value, 'EUR');
/** The VAT total in the invoice's currency (BT-110). */
const vatTotal = (invoice: XmlNode) => {
  const currency = textOf(at(invoice, 'DocumentCurrencyCode'));
  return all(invoice, 'TaxTotal').map((t) => at(t, 'TaxAmount')).find((a) => attribute(a, 'currencyID') === currency);
};
/** A breakdown's VAT against its taxable amount times its rate: the CEN rules allow a slack of one currency unit. */
const vatMatchesRate = (subtotal: XmlNode) => {
  const expected = round2(multiply(decimalOf(at(subtotal, 'TaxableAmount')) ?? zero, multiply(decimalOf(at(subtotal, 'TaxCategory', 'Percent')) ?? zero, rational(1n, 100n))));
  const difference = add(decimalOf(at(subtotal, 'TaxAmount')) ?? zero, multiply(expected, rational(-1n)));
  return compare(difference, rational(1n)) < 0 && compare(difference, rational(-1n)) > 0;
};
/** Whether an element or any below it is empty: no child elements and no text (attributes aside). */
const hasEmpty = (node: XmlNode | XmlNode[] | undefined): boolean => {
  if (Array.isArray(node)) return node.some(hasEmpty);
  if (node === undefined) return false;
  if (typeof node === 'string') return node.trim() === '';
  const children = Object.entries(node).filter(([k]) => !k.startsWith('@') && k !== '#text');
  if (children.length === 0) return typeof node['#text'] !== 'string' || node['#text'].trim() === '';
  return children.some(([, child]) => hasEmpty(child as XmlNode));
};
const decimals = (id: string, what: string, find: (invoice: XmlNode) => (XmlNode | undefined)[]): BusinessRule => ({
  id, text: `${what} has at most 2 decimals`, test: (invoice) => (find(invoice).some((n) => decimalsOf(n) > 2) ? INVOICE : ok),
});

/** Whether a Belgian enterprise number is well formed: ten digits, the last two 97 minus the first eight modulo 97. */
const belgianEnterpriseNumber = (id: string) => /^[01]\d{9}$/.test(id) && 97 - (Number(id.slice(0, 8)) % 97) === Number(id.slice(8));

/**
 * The EN 16931 and Peppol BIS 3.0 business rules an invoice of one VAT category, without
 * allowances or charges, can break: implemented from the rules' published text (EN 16931-1:2017
 * and its CEN/TC 434 validation rules, Peppol BIS Billing 3.0), each under its own identifier.
 */
export const BUSINESS_RULES: readonly BusinessRule[] = [
  { id: 'BR-01', text: 'An invoice has a specification identifier (BT-24)', test: (i) => present(i, 'CustomizationID') },
  { id: 'BR-02', text: 'An invoice has an invoice number (BT-1)', test: (i) => present(i, 'ID') },
  { id: 'BR-03', text: 'An invoice has an issue date (BT-2)', test: (i) => (/^\d{4}-\d{2}-\d{2}$/.test(textOf(at(i, 'IssueDate')) ?? '') ? ok : INVOICE) },
  { id: 'BR-04', text: 'An invoice has an invoice type code (BT-3)', test: (i) => present(i, 'InvoiceTypeCode') },
  { id: 'BR-05', text: 'An invoice has a currency code (BT-5)', test: (i) => present(i, 'DocumentCurrencyCode') },
  { id: 'BR-06', text: 'An invoice has the seller name (BT-27)', test: (i) => present(i, 'AccountingSupplierParty', 'Party', 'PartyLegalEntity', 'RegistrationName') },
  { id: 'BR-07', text: 'An invoice has the buyer name (BT-44)', test: (i) => present(i, 'AccountingCustomerParty', 'Party', 'PartyLegalEntity', 'RegistrationName') },
  { id: 'BR-08', text: 'An invoice has the seller postal address (BG-5)', test: (i) => (at(i, 'AccountingSupplierParty', 'Party', 'PostalAddress') ? ok : INVOICE) },
  { id: 'BR-09', text: 'The seller postal address has a country code (BT-40)', test: (i) => present(i, 'AccountingSupplierParty', 'Party', 'PostalAddress', 'Country', 'IdentificationCode') },
  { id: 'BR-10', text: 'An invoice has the buyer postal address (BG-8)', test: (i) => (at(i, 'AccountingCustomerParty', 'Party', 'PostalAddress') ? ok : INVOICE) },
  { id: 'BR-11', text: 'The buyer postal address has a country code (BT-55)', test: (i) => present(i, 'AccountingCustomerParty', 'Party', 'PostalAddress', 'Country', 'IdentificationCode') },
  { id: 'BR-12', text: 'An invoice has the sum of line net amounts (BT-106)', test: (i) => (amount(i, 'LineExtensionAmount') ? ok : INVOICE) },
  { id: 'BR-13', text: 'An invoice has the total without VAT (BT-109)', test: (i) => (amount(i, 'TaxExclusiveAmount') ? ok : INVOICE) },
  { id: 'BR-14', text: 'An invoice has the total with VAT (BT-112)', test: (i) => (amount(i, 'TaxInclusiveAmount') ? ok : INVOICE) },
  { id: 'BR-15', text: 'An invoice has the amount due for payment (BT-115)', test: (i) => (amount(i, 'PayableAmount') ? ok : INVOICE) },
  { id: 'BR-16', text: 'An invoice has at least one line (BG-25)', test: (i) => (lines(i).length ? ok : INVOICE) },
  { id: 'BR-21', text: 'Each line has an identifier (BT-126)', test: (i) => eachLine(i, (l) => !has(l, 'ID')) },
  { id: 'BR-22', text: 'Each line has an invoiced quantity (BT-129)', test: (i) => eachLine(i, (l) => !decimalOf(at(l, 'InvoicedQuantity'))) },
  { id: 'BR-23', text: 'Each line has a unit of measure code (BT-130)', test: (i) => eachLine(i, (l) => !attribute(at(l, 'InvoicedQuantity'), 'unitCode')) },
  { id: 'BR-24', text: 'Each line has a net amount (BT-131)', test: (i) => eachLine(i, (l) => !decimalOf(at(l, 'LineExtensionAmount'))) },
  { id: 'BR-25', text: 'Each line has an item name (BT-153)', test: (i) => eachLine(i, (l) => !has(l, 'Item', 'Name')) },
  { id: 'BR-26', text: 'Each line has an item net price (BT-146)', test: (i) => eachLine(i, (l) => !decimalOf(at(l, 'Price', 'PriceAmount'))) },
  { id: 'BR-27', text: 'The item net price (BT-146) is not negative', test: (i) => eachLine(i, (l) => compare(decimalOf(at(l, 'Price', 'PriceAmount')) ?? zero, zero) < 0) },
  { id: 'BR-CO-10', text: 'The sum of line net amounts (BT-106) is the sum of the lines’ net amounts (BT-131)', test: (i) => (equal(amount(i, 'LineExtensionAmount'), linesNet(i)) ? ok : INVOICE) },
  {
    id: 'BR-CO-13', text: 'The total without VAT (BT-109) is the lines’ net amounts less allowances plus charges',
    test: (i) => (equal(amount(i, 'TaxExclusiveAmount'), add(linesNet(i), add(amount(i, 'ChargeTotalAmount') ?? zero, multiply(amount(i, 'AllowanceTotalAmount') ?? zero, rational(-1n))))) ? ok : INVOICE),
  },
  { id: 'BR-CO-15', text: 'The total with VAT (BT-112) is the total without VAT (BT-109) plus the VAT total in the invoice currency (BT-110)', test: (i) => (vatTotal(i) && equal(amount(i, 'TaxInclusiveAmount'), add(amount(i, 'TaxExclusiveAmount') ?? zero, decimalOf(vatTotal(i)) ?? zero)) ? ok : INVOICE) },
  {
    id: 'BR-CO-16', text: 'The amount due (BT-115) is the total with VAT (BT-112) less the paid amount plus rounding',
    test: (i) => (equal(amount(i, 'PayableAmount'), add(add(amount(i, 'TaxInclusiveAmount') ?? zero, multiply(amount(i, 'PrepaidAmount') ?? zero, rational(-1n))), amount(i, 'PayableRoundingAmount') ?? zero)) ? ok : INVOICE),
  },
  {
    id: 'BR-CO-17', text: 'Each VAT category amount (BT-117) is its taxable amount (BT-116) times its rate (BT-119) / 100, rounded to two decimals (within one currency unit)',
    test: (i) => (subtotals(i).every((s) => categoryOf(s) === 'O' || vatMatchesRate(s)) ? ok : INVOICE),
  },
  { id: 'BR-CO-18', text: 'An invoice has at least one VAT breakdown (BG-23)', test: (i) => (subtotals(i).length ? ok : INVOICE) },
  {
    id: 'BR-CO-26', text: 'The seller is identified: a seller identifier (BT-29), legal registration identifier (BT-30) or VAT identifier (BT-31)',
    test: (i) => { const seller = at(i, 'AccountingSupplierParty', 'Party'); return has(seller, 'PartyIdentification', 'ID') || has(seller, 'PartyLegalEntity', 'CompanyID') || sellerVat(i) ? ok : INVOICE; },
  },
  decimals('BR-DEC-09', 'The sum of line net amounts (BT-106)', (i) => [at(i, 'LegalMonetaryTotal', 'LineExtensionAmount')]),
  decimals('BR-DEC-12', 'The total without VAT (BT-109)', (i) => [at(i, 'LegalMonetaryTotal', 'TaxExclusiveAmount')]),
  decimals('BR-DEC-14', 'The total with VAT (BT-112)', (i) => [at(i, 'LegalMonetaryTotal', 'TaxInclusiveAmount')]),
  decimals('BR-DEC-18', 'The amount due (BT-115)', (i) => [at(i, 'LegalMonetaryTotal', 'PayableAmount')]),
  decimals('BR-DEC-19', 'Each VAT category taxable amount (BT-116)', (i) => subtotals(i).map((s) => at(s, 'TaxableAmount'))),
  decimals('BR-DEC-20', 'Each VAT category tax amount (BT-117)', (i) => subtotals(i).map((s) => at(s, 'TaxAmount'))),
  decimals('BR-DEC-23', 'Each line net amount (BT-131)', (i) => lines(i).map((l) => at(l, 'LineExtensionAmount'))),
  { id: 'BR-S-02', text: 'Standard rated lines need the seller VAT identifier (BT-31)', test: (i) => (lines(i).some((l) => lineCategory(l) === 'S') && !sellerVat(i) ? INVOICE : ok) },
  { id: 'BR-S-05', text: 'A standard rated line has a VAT rate above zero (BT-152)', test: (i) => eachLine(i, (l) => lineCategory(l) === 'S' && !(compare(lineRate(l) ?? zero, zero) > 0)) },
  {
    id: 'BR-S-08', text: 'For each standard rate, the taxable amount (BT-116) is the sum of the standard rated lines at that rate',
    test: (i) => (subtotals(i).filter((s) => categoryOf(s) === 'S').every((s) => {
      const rate = decimalOf(at(s, 'TaxCategory', 'Percent'));
      return equal(decimalOf(at(s, 'TaxableAmount')), sum(lines(i).filter((l) => lineCategory(l) === 'S' && equal(lineRate(l), rate)).map((l) => decimalOf(at(l, 'LineExtensionAmount')) ?? zero)));
    }) ? ok : INVOICE),
  },
  { id: 'BR-S-09', text: 'The standard rated VAT (BT-117) is the taxable amount times the rate, rounded (within one currency unit)', test: (i) => (subtotals(i).filter((s) => categoryOf(s) === 'S').every(vatMatchesRate) ? ok : INVOICE) },
  { id: 'BR-AE-02', text: 'Reverse charge lines need the seller and the buyer VAT identifiers', test: (i) => (lines(i).some((l) => lineCategory(l) === 'AE') && !(sellerVat(i) && buyerVat(i)) ? INVOICE : ok) },
  { id: 'BR-AE-05', text: 'A reverse charge line has a VAT rate of zero', test: (i) => eachLine(i, (l) => lineCategory(l) === 'AE' && !equal(lineRate(l), zero)) },
  { id: 'BR-AE-08', text: 'The reverse charge taxable amount is the sum of the reverse charge lines', test: (i) => (subtotals(i).filter((s) => categoryOf(s) === 'AE').every((s) => equal(decimalOf(at(s, 'TaxableAmount')), linesNet(i, 'AE'))) ? ok : INVOICE) },
  { id: 'BR-AE-09', text: 'The reverse charge VAT amount is zero', test: (i) => (subtotals(i).filter((s) => categoryOf(s) === 'AE').every((s) => equal(decimalOf(at(s, 'TaxAmount')), zero)) ? ok : INVOICE) },
  { id: 'BR-AE-10', text: 'A reverse charge breakdown has a VAT exemption reason code or text', test: (i) => (subtotals(i).filter((s) => categoryOf(s) === 'AE').every((s) => has(s, 'TaxCategory', 'TaxExemptionReasonCode') || has(s, 'TaxCategory', 'TaxExemptionReason')) ? ok : INVOICE) },
  { id: 'BR-Z-05', text: 'A zero rated line has a VAT rate of zero', test: (i) => eachLine(i, (l) => lineCategory(l) === 'Z' && !equal(lineRate(l), zero)) },
  { id: 'BR-Z-09', text: 'The zero rated VAT amount is zero', test: (i) => (subtotals(i).filter((s) => categoryOf(s) === 'Z').every((s) => equal(decimalOf(at(s, 'TaxAmount')), zero)) ? ok : INVOICE) },
  { id: 'BR-E-10', text: 'An exempt breakdown has a VAT exemption reason code or text', test: (i) => (subtotals(i).filter((s) => categoryOf(s) === 'E').every((s) => has(s, 'TaxCategory', 'TaxExemptionReasonCode') || has(s, 'TaxCategory', 'TaxExemptionReason')) ? ok : INVOICE) },
  { id: 'PEPPOL-EN16931-R008', text: 'No element is empty', test: (i) => (hasEmpty(i) ? INVOICE : ok) },
  { id: 'PEPPOL-EN16931-R001', text: 'The business process (BT-23) is given', test: (i) => present(i, 'ProfileID') },
  { id: 'PEPPOL-EN16931-R003', text: 'A buyer reference or a purchase order reference is given', test: (i) => (has(i, 'BuyerReference') || has(i, 'OrderReference', 'ID') ? ok : INVOICE) },
  { id: 'PEPPOL-EN16931-R004', text: 'The specification identifier is Peppol BIS Billing 3.0’s', test: (i) => ((textOf(at(i, 'CustomizationID')) ?? '').startsWith('urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0') ? ok : INVOICE) },
  { id: 'PEPPOL-EN16931-R007', text: 'The business process has an approved identifier', test: (i) => (/^urn:fdc:peppol\.eu:2017:poacc:billing:\d\d:1\.0$/.test(textOf(at(i, 'ProfileID')) ?? '') ? ok : INVOICE) },
  { id: 'PEPPOL-EN16931-R010', text: 'The buyer electronic address (BT-49) is given', test: (i) => present(i, 'AccountingCustomerParty', 'Party', 'EndpointID') },
  { id: 'PEPPOL-EN16931-R020', text: 'The seller electronic address (BT-34) is given', test: (i) => present(i, 'AccountingSupplierParty', 'Party', 'EndpointID') },
  { id: 'PEPPOL-EN16931-R051', text: 'Every amount is in the invoice currency (BT-5)', test: (i) => (currencies(i).every((c) => c === textOf(at(i, 'DocumentCurrencyCode'))) ? ok : INVOICE) },
  { id: 'PEPPOL-EN16931-R053', text: 'There is exactly one tax total with tax subtotals', test: (i) => (all(i, 'TaxTotal').filter((t) => all(t, 'TaxSubtotal').length).length === 1 ? ok : INVOICE) },
  {
    id: 'PEPPOL-EN16931-R120', text: 'Each line net amount is its quantity times the item net price per base quantity (rounded to two decimals)',
    test: (i) => eachLine(i, (l) => {
      const [quantity, price, base] = [decimalOf(at(l, 'InvoicedQuantity')), decimalOf(at(l, 'Price', 'PriceAmount')), decimalOf(at(l, 'Price', 'BaseQuantity')) ?? rational(1n)];
      return !quantity || !price || compare(base, zero) <= 0 || !equal(decimalOf(at(l, 'LineExtensionAmount')), round2(multiply(quantity, multiply(price, rational(base.den, base.num)))));
    }),
  },
  { id: 'PEPPOL-EN16931-R121', text: 'A base quantity is above zero', test: (i) => eachLine(i, (l) => at(l, 'Price', 'BaseQuantity') !== undefined && !(compare(decimalOf(at(l, 'Price', 'BaseQuantity')) ?? zero, zero) > 0)) },
  {
    id: 'PEPPOL-COMMON-R043', text: 'A Belgian enterprise number (scheme 0208) is well formed',
    test: (i) => (['AccountingSupplierParty', 'AccountingCustomerParty'].every((p) => { const e = at(i, p, 'Party', 'EndpointID'); return attribute(e, 'schemeID') !== '0208' || belgianEnterpriseNumber(textOf(e) ?? ''); }) ? ok : INVOICE),
  },
];

/** Every currencyID of the document's amounts (the invoice total VAT in accounting currency aside). */
function currencies(node: XmlNode | undefined): string[] {
  if (node === undefined || typeof node === 'string') return [];
  return Object.entries(node).flatMap(([name, value]) => {
    if (name === '@currencyID') return [value as string];
    if (name.startsWith('@') || name === '#text') return [];
    return (Array.isArray(value) ? value : [value]).flatMap((child) => currencies(child as XmlNode));
  });
}
