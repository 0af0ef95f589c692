import type { Term } from '@rdfjs/types';

const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';

/**
 * A string that identifies an RDF term, in n3's id format: the IRI itself for named nodes,
 * `_:label` for blank nodes, `"lexical"` for plain strings, `"lexical"@lang` or
 * `"lexical"^^datatype` for other literals, and the empty string for the default graph. IRIs
 * never start with `_:` or `"`, so keys of different kinds never collide.
 */
export function termKey(term: Term): string {
  // n3's terms carry exactly this key as their id: reuse the string instead of building a copy
  // (in a catalog of millions of quads, most of the memory is term strings).
  const id = (term as { id?: unknown }).id;
  if (typeof id === 'string' && term.termType !== 'Quad') return id;
  switch (term.termType) {
    case 'NamedNode':
      return term.value;
    case 'BlankNode':
      return `_:${term.value}`;
    case 'Literal':
      if (term.language) return `"${term.value}"@${term.language}`;
      return term.datatype.value === XSD_STRING ? `"${term.value}"` : `"${term.value}"^^${term.datatype.value}`;
    case 'DefaultGraph':
      return '';
    case 'Variable':
      return `?${term.value}`;
    default:
      return `<<${termKey(term.subject)} ${termKey(term.predicate)} ${termKey(term.object)} ${termKey(term.graph)}>>`;
  }
}
