import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { NS } from '@mpli/shapes';
import { Catalog, MpliError, readRequirements, resolve, subjectsOfType, type CurrencyRates, type ResolveOptions, type ResolveResult } from '@mpli/core';
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

interface MatchSettings {
  readonly requirements: string;
  readonly manifests: readonly string[];
  readonly json: boolean;
  readonly load: { readonly cwd: string; readonly maxBytes: number; readonly timeoutMs: number };
  readonly resolve: ResolveOptions;
  readonly skipInvalid: boolean;
}

function settings(args: readonly string[], io: CliIo): MatchSettings | undefined {
  const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: OPTIONS });
  if (values.help) return undefined;
  if (!values.requirements) throw new UsageError('mpli match needs --requirements <file>');
  if (positionals.length === 0) throw new UsageError('mpli match needs at least one manifest file, folder or URL');
  const asOf = values['as-of'];
  if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new UsageError('--as-of needs a date such as 2026-12-01');
  const rates = readRates(values.rates, io.cwd);
  return {
    requirements: values.requirements,
    manifests: expandLocators(positionals, io.cwd),
    json: values.json === true,
    load: { cwd: io.cwd, maxBytes: positive('max-bytes', values['max-bytes'], 10 * 1024 * 1024), timeoutMs: positive('timeout', values.timeout, 10_000) },
    resolve: { top: positive('top', values.top, 10), ...(values.explain ? { explain: 'all' as const } : {}), ...(rates ? { rates } : {}), ...(asOf ? { asOf } : {}) },
    skipInvalid: values['skip-invalid'] === true,
  };
}

const usable = (input: LoadedInput): input is Extract<LoadedInput, { ok: true }> => input.ok && input.validated.report.conforms;

function catalogOf(manifests: readonly LoadedInput[]): Catalog {
  const catalog = new Catalog();
  for (const input of manifests.filter(usable)) {
    const store = input.validated.parsed.store;
    // Folders may hold requirements manifests too: only provider manifests join the catalog.
    if (subjectsOfType(store, `${NS.mpli}Manifest`).length > 0) catalog.addDataset(store, { source: input.source });
  }
  return catalog;
}

/** `mpli match`: returns the exit code. */
export async function matchCommand(args: readonly string[], io: CliIo): Promise<number> {
  const options = settings(args, io);
  if (!options) return (io.stdout(MATCH_HELP), EXIT.ok);
  const requirements = await loadInput(options.requirements, options.load);
  const manifests = await Promise.all(options.manifests.map((locator) => loadInput(locator, options.load)));
  const problems = [requirements, ...manifests].filter((input) => !usable(input));
  const unreadable = problems.some((input) => !input.ok);
  if (unreadable || !usable(requirements) || (problems.length && !options.skipInvalid)) {
    for (const input of problems) io.stderr(formatLoaded(input, io.color));
    return unreadable ? EXIT.badInput : EXIT.invalid;
  }
  const catalog = catalogOf(manifests);
  let result: ResolveResult;
  try {
    result = await resolve(readRequirements(requirements.validated.parsed.store), catalog, options.resolve);
  } catch (error) {
    if (error instanceof MpliError) return (io.stderr(`mpli: ${options.requirements}: ${error.message} [${error.code}]\n`), EXIT.badInput);
    throw error;
  }
  const skipped = problems.map((p) => p.source);
  io.stdout(options.json
    ? `${JSON.stringify({ requirements: options.requirements, manifests: catalog.size.manifests, offerings: catalog.size.offerings, skipped, result }, null, 2)}\n`
    : formatResolveResult(result, { color: io.color, skipped, catalog: catalog.size }));
  return result.needs.some((need) => need.counts.matches + need.counts.needsAction > 0) ? EXIT.ok : EXIT.noMatch;
}

function formatLoaded(input: LoadedInput, color: boolean): string {
  if (!input.ok) return formatFileResult({ source: input.source, conforms: false, problems: [], error: input.error }, color);
  const problems = input.validated.report.problems.map((p) => ({ ...p, source: input.source }));
  return formatFileResult({ source: input.source, conforms: input.validated.report.conforms, problems }, color);
}
