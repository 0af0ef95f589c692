import { readInput, type ReadInputOptions } from '../io/read-input';
import { parseRdf, type ParsedRdf, type ParseOptions } from '../rdf/parse';
import type { ValidationReport } from './problem';
import { validateDataset } from './validate';

/** A parsed and validated manifest. */
export interface ValidatedInput {
  readonly parsed: ParsedRdf;
  readonly report: ValidationReport;
}

/**
 * Reads a manifest from a file or http(s) URL, parses it, and validates it. Throws for input
 * that cannot be read or parsed (`READ_FAILED`, `FETCH_FAILED`, `INPUT_TOO_LARGE`,
 * `PARSE_ERROR`, `REMOTE_CONTEXT_REFUSED`); a manifest that parses always gives a report.
 *
 * @example
 * const { report } = await validateInput('examples/manifests/scaldis-cloud.ttl');
 * if (!report.conforms) process.exitCode = 1;
 */
export async function validateInput(
  locator: string,
  options: ReadInputOptions & Pick<ParseOptions, 'documentLoader' | 'baseIRI'> = {},
): Promise<ValidatedInput> {
  const input = await readInput(locator, options);
  const baseIRI = options.baseIRI ?? (/^https?:/.test(locator) ? locator : undefined);
  const parsed = await parseRdf(input.text, {
    source: input.source,
    ...(input.format ? { format: input.format } : {}),
    ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
    ...(options.documentLoader ? { documentLoader: options.documentLoader } : {}),
    ...(baseIRI ? { baseIRI } : {}),
  });
  const report = await validateDataset(parsed.store, { source: input.source, text: input.text, prefixes: parsed.prefixes });
  return { parsed, report };
}
