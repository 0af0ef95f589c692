import jsonld, { type DocumentLoader, type JsonLdQuad, type JsonLdTerm } from 'jsonld';
import { DataFactory } from 'n3';
import type { Quad, Quad_Graph, Quad_Object, Quad_Predicate, Quad_Subject } from '@rdfjs/types';
import { MpliError } from '../errors/mpli-error';
import { ParseError, type SourcePosition } from '../errors/parse-error';
import { createDocumentLoader } from './document-loader';
import { lineAndColumn, locateJsonError } from './json-error-position';

const { namedNode, blankNode, literal, defaultGraph, quad } = DataFactory;

/**
 * Parses JSON-LD into `store` with a loader that never fetches (see {@link createDocumentLoader}).
 * Runs jsonld.js in safe mode, so a key the context does not define is an error rather than data
 * silently dropped. Throws {@link ParseError} (with line and column for JSON syntax and unknown
 * keys) or `REMOTE_CONTEXT_REFUSED`.
 */
export async function parseJsonLdInto(
  store: { add(quad: Quad): unknown },
  text: string,
  options: { source?: string; baseIRI?: string; documentLoader?: DocumentLoader } = {},
): Promise<void> {
  const position = options.source ? { source: options.source } : {};
  const document = parseJson(text, position);
  let quads: JsonLdQuad[];
  try {
    quads = await jsonld.toRDF(document, {
      documentLoader: options.documentLoader ?? createDocumentLoader(),
      base: options.baseIRI ?? null,
      safe: true,
    });
  } catch (error) {
    throw translateJsonLdError(error, text, position);
  }
  for (const q of quads) {
    store.add(quad(term(q.subject) as Quad_Subject, term(q.predicate) as Quad_Predicate, term(q.object) as Quad_Object, term(q.graph) as Quad_Graph));
  }
}

function parseJson(text: string, position: SourcePosition): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const located = locateJsonError(text);
    const where = located ? { line: located.line, column: located.column } : {};
    throw new ParseError(`invalid JSON: ${located?.reason ?? (error as Error).message}`, { ...position, ...where }, { cause: error });
  }
}

function term(t: JsonLdTerm) {
  switch (t.termType) {
    case 'NamedNode':
      return namedNode(t.value);
    case 'BlankNode':
      return blankNode(t.value.replace(/^_:/, ''));
    case 'DefaultGraph':
      return defaultGraph();
    default:
      return literal(t.value, t.language || (t.datatype ? namedNode(t.datatype.value) : undefined));
  }
}

interface JsonLdErrorShape {
  name?: string;
  message?: string;
  details?: { event?: { message?: string; details?: { property?: string } }; cause?: unknown; term?: string; code?: string };
}

function translateJsonLdError(error: unknown, text: string, position: SourcePosition): Error {
  const refused = findCause(error, (e): e is MpliError => e instanceof MpliError && e.code === 'REMOTE_CONTEXT_REFUSED');
  if (refused) return refused;
  const e = error as JsonLdErrorShape;
  const dropped = e.details?.event?.details?.property;
  const redefined = e.details?.term;
  const property = dropped ?? redefined;
  const reason = e.details?.event?.message ?? e.details?.code ?? e.message ?? String(error);
  if (property !== undefined) {
    const offset = text.search(new RegExp(`"${property.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\s*:`));
    const where = offset >= 0 ? lineAndColumn(text, offset) : {};
    const what = dropped !== undefined ? `"${property}" is not defined by the context` : `a context redefines the protected term "${property}"`;
    return new ParseError(`JSON-LD: ${reason} (${what})`, { ...position, ...where }, { cause: error });
  }
  return new ParseError(`JSON-LD: ${reason}`, position, { cause: error });
}

function findCause<T>(error: unknown, test: (e: unknown) => e is T): T | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 8; depth += 1) {
    if (test(current)) return current;
    const next = current as { cause?: unknown; details?: { cause?: unknown } };
    current = next.details?.cause ?? next.cause;
  }
  return undefined;
}
