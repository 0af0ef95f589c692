import type { DocumentLoader } from 'jsonld';
import { CompactDataset } from '../dataset/compact-dataset';
import { MpliError } from '../errors/mpli-error';
import { requireFormat, sniffFormat, type RdfFormat } from './formats';
import { parseJsonLdInto } from './parse-jsonld';
import { parseN3Into, type PrefixMap } from './parse-n3';

/** The default largest input MPLI parses: 10 MiB. */
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

/** Options for {@link parseRdf}. */
export interface ParseOptions {
  /** The serialisation; sniffed from the text when absent (JSON-LD if it starts with `{` or `[`, else Turtle). */
  readonly format?: RdfFormat | string;
  /** The file or URL the text came from, named in errors. */
  readonly source?: string;
  /** Base IRI for relative IRIs. */
  readonly baseIRI?: string;
  /** Refuse texts larger than this many bytes (UTF-8) before parsing. Default 10 MiB. */
  readonly maxBytes?: number;
  /** JSON-LD document loader; the default serves the bundled contexts and fetches nothing. */
  readonly documentLoader?: DocumentLoader;
  /** Add the parsed quads to this store (only if the whole text parses) instead of a new one. */
  readonly store?: CompactDataset;
}

/** The result of parsing: the quads in a {@link CompactDataset} (an RDF/JS DatasetCore). */
export interface ParsedRdf {
  readonly store: CompactDataset;
  readonly format: RdfFormat;
  /** Prefixes the document declared (Turtle only). */
  readonly prefixes: PrefixMap;
  readonly source: string | undefined;
}

/**
 * Parses RDF text in any format MPLI reads. Throws {@link ParseError} on syntax errors (with
 * file, line and column), `INPUT_TOO_LARGE` above `maxBytes`, `REMOTE_CONTEXT_REFUSED` when
 * JSON-LD names a context that is not bundled, and `UNSUPPORTED_FORMAT`.
 *
 * @example
 * const { store } = await parseRdf(turtleText, { format: 'text/turtle', source: 'provider.ttl' });
 */
export async function parseRdf(text: string, options: ParseOptions = {}): Promise<ParsedRdf> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  assertWithinLimit(Buffer.byteLength(text, 'utf8'), maxBytes, options.source);
  const format = options.format === undefined ? sniffFormat(text) : requireFormat(options.format);
  // Always parse into a fresh store: a syntax error halfway must not leave half a document in
  // the caller's store. Copy into the caller's store only once the whole text parsed.
  const store = new CompactDataset();
  const source = options.source;
  const common = { ...(source ? { source } : {}), ...(options.baseIRI ? { baseIRI: options.baseIRI } : {}) };
  if (format === 'application/ld+json') {
    await parseJsonLdInto(store, text, { ...common, ...(options.documentLoader ? { documentLoader: options.documentLoader } : {}) });
    return { store: into(options.store, store), format, prefixes: {}, source };
  }
  const prefixes = await parseN3Into(store, text, format, common);
  return { store: into(options.store, store), format, prefixes, source };
}

function into(target: CompactDataset | undefined, parsed: CompactDataset): CompactDataset {
  if (!target) return parsed;
  target.addQuads(parsed);
  return target;
}

/** Throws `INPUT_TOO_LARGE` when `bytes` exceeds `maxBytes`. */
export function assertWithinLimit(bytes: number, maxBytes: number, source?: string): void {
  if (bytes > maxBytes) {
    throw new MpliError('INPUT_TOO_LARGE', `${source ?? 'Input'} is ${bytes} bytes, above the limit of ${maxBytes} bytes`, {
      details: { source, bytes, maxBytes },
    });
  }
}
