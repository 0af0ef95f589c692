import type { DatasetCore } from '@rdfjs/types';
import { flattenResults } from './flatten-results';
import { checkKnownTerms } from './known-terms';
import { locateNode } from './locate-node';
import { checkManifestPresent } from './manifest-present';
import type { Problem, ValidationReport } from './problem';
import { partitionByManifest } from './partition';
import { mpliValidator } from './shapes-graph';
import { KNOWN_PREFIXES, type Prefixes } from './term-text';

/** Options for {@link validateDataset}. */
export interface ValidateOptions {
  /** The file or URL the data came from, named in every problem. */
  readonly source?: string;
  /** The source text, to give each problem the line where its focus node is first mentioned. */
  readonly text?: string;
  /** The document's own prefixes, used (before MPLI's) to write IRIs in problems. */
  readonly prefixes?: Prefixes;
  /** Skip the warning for `mpli:` terms the vocabulary does not define. Default false. */
  readonly skipKnownTermCheck?: boolean;
  /** Skip the warning for a document without any manifest (for fragments). Default false. */
  readonly skipManifestCheck?: boolean;
  /**
   * Validate each manifest (with what it reaches) on its own: `'auto'` (the default) does so for
   * datasets above 50,000 quads holding several manifests, which keeps a catalog of millions of
   * quads within memory; `'never'` validates the dataset in one pass.
   */
  readonly partition?: 'auto' | 'never' | 'always';
}

const PARTITION_THRESHOLD = 50_000;

async function shaclProblems(dataset: DatasetCore, options: ValidateOptions, prefixes: Prefixes): Promise<Problem[]> {
  const mode = options.partition ?? 'auto';
  const parts = mode === 'always' || (mode === 'auto' && dataset.size > PARTITION_THRESHOLD) ? partitionByManifest(dataset) : [dataset];
  const problems: Problem[] = [];
  for (const part of parts) {
    const shacl = await mpliValidator().validate({ dataset: part });
    problems.push(...flattenResults(shacl.results, prefixes, options.source));
  }
  return problems;
}

/**
 * Validates an RDF/JS dataset against every MPLI shape (provider manifests, each offering kind,
 * requirements manifests) with shacl-engine, and checks that every `mpli:` term used exists.
 * Returns a report; never throws for invalid data.
 *
 * @example
 * const report = await validateDataset(store, { source: 'provider.ttl', text });
 * for (const p of report.problems) console.log(`${p.source}:${p.line} ${p.severity} ${p.rule}: ${p.message}`);
 */
export async function validateDataset(dataset: DatasetCore, options: ValidateOptions = {}): Promise<ValidationReport> {
  const prefixes = { ...KNOWN_PREFIXES, ...options.prefixes };
  return finishReport(await shaclProblems(dataset, options, prefixes), dataset, options);
}

/**
 * Adds the checks that look at the whole document (known terms, a manifest present) to SHACL's
 * problems, places each problem in the source text, and makes the report.
 */
export function finishReport(shaclFound: readonly Problem[], dataset: DatasetCore, options: ValidateOptions): ValidationReport {
  const prefixes = { ...KNOWN_PREFIXES, ...options.prefixes };
  // The same problem can be reached through two shapes (two properties with one sh:node): say it once.
  const problems = [...new Map(shaclFound.map((problem) => [JSON.stringify(problem), problem])).values()];
  if (!options.skipKnownTermCheck) problems.push(...checkKnownTerms(dataset, prefixes, options.source));
  if (!options.skipManifestCheck) problems.push(...checkManifestPresent(dataset, options.source));
  const located = options.text === undefined ? problems : problems.map((problem) => withPosition(problem, options.text ?? '', prefixes));
  return {
    conforms: !located.some((problem) => problem.severity === 'violation'),
    problems: located,
    ...(options.source ? { source: options.source } : {}),
  };
}

function withPosition(problem: Problem, text: string, prefixes: Prefixes): Problem {
  const position = locateNode(text, problem.focusNode, prefixes);
  return position ? { ...problem, line: position.line, column: position.column } : problem;
}
