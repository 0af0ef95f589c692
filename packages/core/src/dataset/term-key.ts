import type { Term } from '@rdfjs/types';

/**
 * A string that identifies an RDF term: the IRI itself for named nodes, `_:label` for blank
 * nodes, `"lexical"@lang` or `"lexical"^^datatype` for literals, and the empty string for the
 * default graph. IRIs never start with `_:` or `"`, so keys of different kinds never collide.
 */
export function termKey(term: Term): string {
  switch (term.termType) {
    case 'NamedNode':
      return term.value;
    case 'BlankNode':
      return `_:${term.value}`;
    case 'Literal':
      return term.language ? `"${term.value}"@${term.language}` : `"${term.value}"^^${term.datatype.value}`;
    case 'DefaultGraph':
      return '';
    case 'Variable':
      return `?${term.value}`;
    default:
      return `<<${termKey(term.subject)} ${termKey(term.predicate)} ${termKey(term.object)} ${termKey(term.graph)}>>`;
  }
}
