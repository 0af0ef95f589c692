import type { Statement } from './statement';

const CSV_HEADER = ['kind', 'currency', 'provider', 'invoice', 'issue_date', 'agreement', 'service', 'net', 'tax', 'payable'];

/** A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
const field = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/**
 * The statement as CSV (RFC 4180, CRLF line ends): a row per invoice, per agreement, per provider
 * and per currency, each marked by its `kind`, amounts as the currency writes them. Disputed
 * invoices are not in it (see `Statement.disputed`).
 */
export function statementToCsv(statement: Statement): string {
  const rows: string[][] = [CSV_HEADER];
  for (const c of statement.currencies) {
    for (const p of c.providers) {
      for (const i of p.invoices) rows.push(['invoice', c.currency, p.provider, i.number, i.issueDate, '', '', i.net, i.tax, i.payable]);
      for (const a of p.agreements) rows.push(['agreement', c.currency, p.provider, '', '', a.agreement, a.offering ?? '', a.net, '', '']);
      rows.push(['provider', c.currency, p.provider, '', '', '', '', p.net, p.tax, p.payable]);
    }
    rows.push(['currency', c.currency, '', '', '', '', '', c.net, c.tax, c.payable]);
  }
  return rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}
