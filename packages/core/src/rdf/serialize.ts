import jsonld, { type DocumentLoader } from 'jsonld';
import { MPLI_CONTEXT_URL, NS } from '@mpli/shapes';
import type { DatasetCore } from '@rdfjs/types';
import { Writer } from 'n3';
import { createDocumentLoader } from './document-loader';
import { requireFormat, type RdfFormat } from './formats';
import { nestBlankNodes } from './nest-json-ld';
import { serializeTurtle } from './serialize-turtle';

/** Options for {@link serializeRdf}. */
export interface SerializeOptions {
  /** Prefixes for Turtle, added to MPLI's own. */
  readonly prefixes?: Record<string, string>;
  /** JSON-LD loader (bundled contexts only by default). */
  readonly documentLoader?: DocumentLoader;
}

const TURTLE_PREFIXES = ['mpli', 'gx', 'schema', 'dcterms', 'qudt', 'unit', 'xsd', 'rdf', 'rdfs', 'vcard'] as const;

/**
 * Writes any RDF/JS dataset in a format MPLI reads. Turtle is nested and prefixed for people; JSON-LD is
 * compacted with the MPLI context (`"@context": "https://w3id.org/mpli/context/v1"`), blank nodes
 * nested, prices and other decimals as strings so no precision is lost.
 *
 * @example
 * const turtle = await serializeRdf(buildManifest(input), 'text/turtle');
 */
export async function serializeRdf(store: DatasetCore, format: RdfFormat | string, options: SerializeOptions = {}): Promise<string> {
  const target = requireFormat(format);
  if (target === 'text/turtle') {
    const prefixes: Record<string, string> = { ...Object.fromEntries(TURTLE_PREFIXES.map((p) => [p, NS[p]])), ...options.prefixes };
    return serializeTurtle(store, usedPrefixes(store, prefixes));
  }
  if (target === 'application/ld+json') return `${JSON.stringify(await toJsonLd(store, options), null, 2)}\n`;
  return writeLines(store, target === 'application/n-quads' ? 'N-Quads' : 'N-Triples');
}

/** Only the prefixes whose namespace some IRI (or datatype) of the dataset starts with. */
function usedPrefixes(store: DatasetCore, prefixes: Record<string, string>): Record<string, string> {
  const used = new Set<string>();
  const namespaces = Object.entries(prefixes);
  const see = (iri: string) => {
    for (const [prefix, namespace] of namespaces) if (iri.startsWith(namespace)) used.add(prefix);
  };
  for (const quad of store.match()) {
    for (const term of [quad.subject, quad.predicate, quad.object]) {
      if (term.termType === 'NamedNode') see(term.value);
      else if (term.termType === 'Literal') see(term.datatype.value);
    }
  }
  return Object.fromEntries(namespaces.filter(([prefix]) => used.has(prefix)));
}

function writeLines(store: DatasetCore, format: 'N-Quads' | 'N-Triples'): string {
  const writer = new Writer({ format });
  for (const quad of store.match()) writer.addQuad(quad);
  let output = '';
  writer.end((error, result: string) => {
    if (error) throw error;
    output = result;
  });
  return output;
}

/** The store as a compacted JSON-LD document using the MPLI context, blank nodes nested. */
export async function toJsonLd(store: DatasetCore, options: SerializeOptions = {}): Promise<Record<string, unknown>> {
  const documentLoader = options.documentLoader ?? createDocumentLoader();
  const expanded = await jsonld.fromRDF(writeLines(store, 'N-Quads'), { format: 'application/n-quads', useNativeTypes: true });
  return jsonld.compact(nestBlankNodes(expanded), MPLI_CONTEXT_URL, { documentLoader });
}
