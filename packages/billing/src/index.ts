export { minorDigits, parseAmount, roundMoney, formatMoney } from './money';
export { billedUnits, agreedCharge, type Usage } from './charge';
export { usageRecordCredential, issueUsageRecord, readUsageRecord, type UsageRecord, type UsageRecordInput, type UsageLine } from './usage-record';
export { invoiceCredential, issueInvoice, readInvoice, invoiceTotals, type Invoice, type InvoiceInput, type InvoiceLine } from './invoice';
export { checkInvoices, type InvoiceCheck, type InvoiceCheckContext } from './check-invoices';
export type { Flag, FlagCode } from './flags';
export { buildStatement, type Statement, type CurrencyStatement, type ProviderStatement, type Totals } from './statement';
export { statementToCsv } from './statement-csv';
