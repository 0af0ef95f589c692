import { parseArgs } from 'node:util';
import type { ValidationReport } from '@mpli/core';
import { expandLocators, loadInput } from '../load-inputs';
import { EXIT, UsageError, type CliIo } from '../cli-io';
import { formatFileResult } from '../format/report-text';
import { summarize, type ManifestSummary } from '../summarize';

/** One file's outcome, as `mpli validate --json` prints it. */
export interface FileResult {
  readonly source: string;
  readonly conforms: boolean;
  readonly triples?: number;
  readonly summary?: ManifestSummary;
  readonly problems: ValidationReport['problems'];
  /** Set when the file could not be read or parsed. */
  readonly error?: { readonly code: string; readonly message: string; readonly line?: number; readonly column?: number };
}

export const VALIDATE_HELP = `Usage: mpli validate <file|folder|url>... [options]

Validates MPLI provider manifests and requirements manifests (Turtle, N-Triples, N-Quads or
JSON-LD) against the MPLI SHACL shapes.

Options:
  --json              Print one JSON object: { "conforms": boolean, "files": [...] }
  --max-bytes <n>     Refuse inputs larger than n bytes before parsing (default 10485760)
  --timeout <ms>      Time limit for fetching a URL (default 10000)
  -h, --help          Show this help

Exit codes: 0 every manifest is valid; 1 a manifest breaks a shape;
            2 unreadable input, a syntax error or a usage error.
`;

const positiveInteger = (name: string, text: string | undefined, fallback: number) => {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value <= 0) throw new UsageError(`--${name} needs a positive whole number, not "${text}"`);
  return value;
};

/** `mpli validate`: returns the exit code. */
export async function validateCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { json: { type: 'boolean' }, 'max-bytes': { type: 'string' }, timeout: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return (io.stdout(VALIDATE_HELP), EXIT.ok);
  if (positionals.length === 0) throw new UsageError('mpli validate needs at least one file or URL');
  const maxBytes = positiveInteger('max-bytes', values['max-bytes'], 10 * 1024 * 1024);
  const timeoutMs = positiveInteger('timeout', values.timeout, 10_000);
  const results: FileResult[] = [];
  for (const locator of expandLocators(positionals, io.cwd)) {
    const result = await validateOne(locator, { maxBytes, timeoutMs, cwd: io.cwd });
    results.push(result);
    if (!values.json) io.stdout(formatFileResult(result, io.color));
  }
  const conforms = results.every((result) => result.conforms);
  if (values.json) io.stdout(`${JSON.stringify({ conforms, files: results }, null, 2)}\n`);
  if (results.some((result) => result.error)) return EXIT.badInput;
  return conforms ? EXIT.ok : EXIT.invalid;
}

async function validateOne(locator: string, options: { maxBytes: number; timeoutMs: number; cwd: string }): Promise<FileResult> {
  const loaded = await loadInput(locator, options);
  if (!loaded.ok) return { source: locator, conforms: false, problems: [], error: loaded.error };
  const { parsed, report } = loaded.validated;
  const problems = report.problems.map((problem) => ({ ...problem, source: locator }));
  const summary = report.conforms ? summarize(parsed.store) : undefined;
  return { source: locator, conforms: report.conforms, triples: parsed.store.size, ...(summary ? { summary } : {}), problems };
}
