import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { NS } from '@mpli/shapes';
import { Catalog, MpliError, readRequirements, resolve, subjectsOfType, type CurrencyRates, type ResolveResult } from '@mpli/core';
import { EXIT, UsageError, type CliIo } from '../cli-io';
import { formatFileResult } from '../format/report-text';
import { formatResolveResult } from '../format/match-text';
import { expandLocators, loadInput, type LoadedInput } from '../load-inputs';

export const MATCH_HELP = `Usage: mpli match --requirements <file|url> <manifest file|folder|url>... [options]

Matches a consumer's requirements against provider manifests, both ways: offerings must meet
every must-have, and the consumer the provider's prerequisites (else "needs action").

Options:
  -r, --requirements <file|url>  The requirements manifest (required)
  --json                         Print the result as JSON (see the README for its shape)
  --explain                      Explain every rejected offering, not only the near misses
  --top <n>                      Matches shown per need (default 10)
  --rates <file>                 Exchange rates, JSON: { "base": "EUR", "rates": { "CHF": "0.94" }, "date": "..." }
  --as-of <date>                 The day of matching, YYYY-MM-DD (default today)
  --skip-invalid                 Leave out manifests that break a shape instead of stopping
  --max-bytes <n>, --timeout <ms>  As for mpli validate
  -h, --help                     Show this help

Exit codes: 0 at least one offering matches; 3 none does; 1 an input breaks a shape;
            2 unreadable input, a syntax error or a usage error.
`;

const OPTIONS = {
  requirements: { type: 'string', short: 'r' }, json: { type: 'boolean' }, explain: { type: 'boolean' }, top: { type: 'string' },
  rates: { type: 'string' }, 'as-of': { type: 'string' }, 'skip-invalid': { type: 'boolean' }, 'max-bytes': { type: 'string' },
  timeout: { type: 'string' }, help: { type: 'boolean', short: 'h' },
} as const;

const positive = (name: string, text: string | undefined, fallback: number) => {
  const value = text === undefined ? fallback : Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new UsageError(`--${name} needs a positive whole number, not "${text}"`);
  return value;
};

function readRates(path: string | undefined, cwd: string): CurrencyRates | undefined {
  if (!path) return undefined;
  try {
    return JSON.parse(readFileSync(isAbsolute(path) ? path : join(cwd, path), 'utf8')) as CurrencyRates;
  } catch (error) {
    throw new UsageError(`cannot read the rate table ${path}: ${(error as Error).message}`);
  }
}

/** `mpli match`: returns the exit code. */
export async function matchCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: OPTIONS });
  if (values.help) return (io.stdout(MATCH_HELP), EXIT.ok);
  if (!values.requirements) throw new UsageError('mpli match needs --requirements <file>');
  if (positionals.length === 0) throw new UsageError('mpli match needs at least one manifest file, folder or URL');
  if (values['as-of'] !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values['as-of'])) throw new UsageError('--as-of needs a date such as 2026-12-01');
  const load = { cwd: io.cwd, maxBytes: positive('max-bytes', values['max-bytes'], 10 * 1024 * 1024), timeoutMs: positive('timeout', values.timeout, 10_000) };
  const rates = readRates(values.rates, io.cwd);
  const requirementsInput = await loadInput(values.requirements, load);
  const manifests = await Promise.all(expandLocators(positionals, io.cwd).map((locator) => loadInput(locator, load)));
  const problems = [requirementsInput, ...manifests].filter((input) => !input.ok || !input.validated.report.conforms);
  const unreadable = problems.filter((input) => !input.ok);
  if (unreadable.length || (problems.length && !values['skip-invalid'])) {
    for (const input of problems) io.stderr(formatLoaded(input, io.color));
    return unreadable.length ? EXIT.badInput : EXIT.invalid;
  }
  if (!requirementsInput.ok || !requirementsInput.validated.report.conforms) return EXIT.invalid;
  const catalog = new Catalog();
  for (const input of manifests) {
    if (!input.ok || !input.validated.report.conforms) continue;
    const store = input.validated.parsed.store;
    if (subjectsOfType(store, `${NS.mpli}Manifest`).length > 0) catalog.addDataset(store, { source: input.source });
  }
  let result: ResolveResult;
  try {
    result = await resolve(readRequirements(requirementsInput.validated.parsed.store), catalog, {
      top: positive('top', values.top, 10), ...(values.explain ? { explain: 'all' } : {}), ...(rates ? { rates } : {}), ...(values['as-of'] ? { asOf: values['as-of'] } : {}),
    });
  } catch (error) {
    if (error instanceof MpliError) return (io.stderr(`mpli: ${values.requirements}: ${error.message} [${error.code}]\n`), EXIT.badInput);
    throw error;
  }
  const skipped = problems.map((p) => p.source);
  io.stdout(values.json ? `${JSON.stringify({ requirements: values.requirements, manifests: catalog.size.manifests, offerings: catalog.size.offerings, skipped, result }, null, 2)}\n` : formatResolveResult(result, { color: io.color, skipped, catalog: catalog.size }));
  return result.needs.some((need) => need.counts.matches + need.counts.needsAction > 0) ? EXIT.ok : EXIT.noMatch;
}

function formatLoaded(input: LoadedInput, color: boolean): string {
  if (!input.ok) return formatFileResult({ source: input.source, conforms: false, problems: [], error: input.error }, color);
  const problems = input.validated.report.problems.map((p) => ({ ...p, source: input.source }));
  return formatFileResult({ source: input.source, conforms: input.validated.report.conforms, problems }, color);
}
