import { Parser, type Quad } from 'n3';
import { ParseError } from '../errors/parse-error';
import type { RdfFormat } from './formats';

/** Prefixes declared in a Turtle document, prefix to namespace IRI. */
export type PrefixMap = Record<string, string>;

interface N3Token {
  readonly line?: number;
  readonly start?: number;
  readonly end?: number;
}

interface N3ErrorContext {
  readonly token?: N3Token;
  readonly previousToken?: N3Token;
  readonly line?: number;
}

const N3_FORMAT: Readonly<Record<Exclude<RdfFormat, 'application/ld+json'>, string>> = {
  'text/turtle': 'text/turtle',
  'application/n-triples': 'N-Triples',
  'application/n-quads': 'N-Quads',
};

/**
 * Parses Turtle, N-Triples or N-Quads strictly (n3 in the named format, never its lenient N3
 * superset) into `store`. Rejects with a {@link ParseError} with line and column on a syntax error;
 * quads read before the error stay in the store, so callers parse into a store of their own.
 */
export function parseN3Into(
  store: { add(quad: Quad): unknown },
  text: string,
  format: Exclude<RdfFormat, 'application/ld+json'>,
  options: { source?: string; baseIRI?: string } = {},
): Promise<PrefixMap> {
  const parser = new Parser({ format: N3_FORMAT[format], ...(options.baseIRI ? { baseIRI: options.baseIRI } : {}) });
  const prefixes: PrefixMap = {};
  // With a callback n3 streams quads into the store instead of building a million-element array.
  // It finishes asynchronously: the callback gets an error, or (null, null) at the end.
  return new Promise((resolve, reject) => {
    let settled = false;
    parser.parse(text, (error: Error | null | undefined, quad: Quad | null | undefined) => {
      if (settled) return;
      if (error) {
        settled = true;
        reject(toParseError(error, text, options.source));
      } else if (quad) {
        store.add(quad);
      } else {
        settled = true;
        resolve(prefixes);
      }
    }, (prefix: string, iri: { value: string }) => {
      prefixes[prefix] = iri.value;
    });
  });
}

function toParseError(error: Error & { context?: N3ErrorContext }, text: string, source?: string): ParseError {
  const context = error.context ?? {};
  const line = context.token?.line ?? context.line;
  const reason = error.message.replace(/ on line \d+\.?$/, '').trim();
  const column = line === undefined ? undefined : columnOf(context, line, text);
  return new ParseError(reason, { ...(source ? { source } : {}), ...(line ? { line } : {}), ...(column ? { column } : {}) }, { cause: error });
}

// n3 gives a token's start column (0-based) when the parser rejects a token. When the lexer
// rejects raw text there is no token: the error then sits at the first non-blank character after
// the previous token on that line.
function columnOf(context: N3ErrorContext, line: number, text: string): number | undefined {
  if (context.token?.start !== undefined && context.token.line === line) return context.token.start + 1;
  const lineText = nthLine(text, line);
  if (lineText === undefined) return undefined;
  const from = context.previousToken?.line === line ? (context.previousToken.end ?? 0) : 0;
  const offset = lineText.slice(from).search(/\S/);
  return offset < 0 ? from + 1 : from + offset + 1;
}

function nthLine(text: string, line: number): string | undefined {
  let start = 0;
  for (let current = 1; current < line; current += 1) {
    const next = text.indexOf('\n', start);
    if (next < 0) return undefined;
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? undefined : end);
}
