import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { BillingLedger, isMonth, statementToCsv, type Statement } from '@mpli/billing';
import { httpExchange, MpliError } from '@mpli/core';
import { EXIT, UsageError, type CliIo } from '../cli-io';
import { table } from '../format/table';
import { problemDetail } from '../problem-detail';

export const STATEMENT_HELP = `Usage: mpli statement --period <YYYY-MM> [options] <credential files or folders...>
       mpli statement --period <YYYY-MM> --server <url> --consumer <did> [options]

The consumer's one statement for a month: every invoice of every provider checked against the
consumer's agreements (signatures, signer, currency, unit prices and amounts against the agreed
price, usage records, totals to the cent, duplicates), the accepted ones totalled per currency,
provider, agreement and service, the others listed with their reasons. From credential files
(JSON: agreements, usage records, invoices; a folder is read whole), or from a marketplace's
GET /statements.

Options:
  -p, --period <YYYY-MM>  The month
  -c, --consumer <did>    Whose statement (default: the one consumer the credentials name)
  --server <url>          Ask this MPLI endpoint instead (bearer token from $MPLI_TOKEN)
  --json                  Print the statement as JSON
  --csv                   Print it as CSV
  -h, --help              Show this help

Exit codes: 0 statement, nothing disputed; 1 statement, some invoices disputed; 2 bad input or usage.
`;

const OPTIONS = {
  period: { type: 'string', short: 'p' }, consumer: { type: 'string', short: 'c' }, server: { type: 'string' },
  json: { type: 'boolean' }, csv: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
} as const;

/** Credential files of a folder (its *.json), or the file itself. */
async function credentialFiles(locator: string, cwd: string): Promise<string[]> {
  const path = isAbsolute(locator) ? locator : join(cwd, locator);
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new UsageError(`${locator}: no such file or folder`);
  if (!info.isDirectory()) return [path];
  return (await readdir(path)).filter((f) => f.endsWith('.json')).sort().map((f) => join(path, f));
}

async function fromFiles(paths: readonly string[], cwd: string, period: string, consumer: string | undefined): Promise<Statement> {
  const ledger = new BillingLedger();
  const consumers = new Set<string>();
  for (const file of (await Promise.all(paths.map((p) => credentialFiles(p, cwd)))).flat()) {
    let credential: Record<string, unknown>;
    try {
      credential = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      ledger.add(credential);
    } catch (error) {
      throw new UsageError(`${file}: ${error instanceof SyntaxError ? `not JSON (${error.message})` : (error as Error).message}`);
    }
    consumers.add((credential.credentialSubject as { consumer: string }).consumer);
  }
  if (!consumer && consumers.size !== 1) throw new UsageError(consumers.size ? `the credentials are for ${consumers.size} consumers; choose one with --consumer` : 'no credentials given');
  return ledger.statement(consumer ?? [...consumers][0]!, period);
}

async function fromServer(server: string, period: string, consumer: string | undefined): Promise<Statement> {
  if (!consumer) throw new UsageError('--server needs --consumer');
  const token = process.env.MPLI_TOKEN;
  const url = `${server.replace(/\/$/, '')}/statements?period=${encodeURIComponent(period)}&consumer=${encodeURIComponent(consumer)}`;
  const answer = await httpExchange(url, { headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, timeoutMs: 30_000, maxBytes: 16 << 20 });
  if (answer.status !== 200) {
    const detail = problemDetail(answer.text);
    throw new UsageError(`${server} answered ${answer.status}${detail ? `: ${detail}` : ''}`);
  }
  return JSON.parse(answer.text) as Statement;
}

function statementText(s: Statement): string {
  const lines = [`Statement for ${s.consumer}, ${s.period}`];
  if (s.currencies.length === 0) lines.push('  nothing accepted this month');
  for (const c of s.currencies) {
    const rows = c.providers.flatMap((p) => p.invoices.map((i) => [p.provider, i.number, i.issueDate, i.net, i.tax, i.payable]));
    lines.push('', table(['provider', 'invoice', 'issued', `net ${c.currency}`, 'VAT', 'payable'], [...rows, ['total', '', '', c.net, c.tax, c.payable]]));
  }
  for (const d of s.disputed) lines.push('', `disputed: ${d.number ?? d.credential}${d.provider ? ` from ${d.provider}` : ''}`, ...d.flags.map((f) => `  ${f.code}${f.line ? ` (line ${f.line})` : ''}: ${f.reason}`));
  return `${lines.join('\n')}\n`;
}

export async function statementCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true });
  if (values.help) return (io.stdout(STATEMENT_HELP), EXIT.ok);
  if (!values.period || !isMonth(values.period)) throw new UsageError(`--period needs a month, YYYY-MM${values.period ? `, not "${values.period}"` : ''}`);
  if (values.json && values.csv) throw new UsageError('choose --json or --csv, not both');
  if (values.server ? positionals.length > 0 : positionals.length === 0) throw new UsageError(values.server ? 'give credential files or --server, not both' : 'give credential files or folders, or --server');
  let statement: Statement;
  try {
    statement = values.server ? await fromServer(values.server, values.period, values.consumer) : await fromFiles(positionals, io.cwd, values.period, values.consumer);
  } catch (error) {
    if (error instanceof MpliError) throw new UsageError(error.message);
    throw error;
  }
  io.stdout(values.json ? `${JSON.stringify(statement, null, 2)}\n` : values.csv ? statementToCsv(statement) : statementText(statement));
  return statement.disputed.length ? EXIT.invalid : EXIT.ok;
}
