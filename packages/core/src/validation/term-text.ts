import type { Term } from '@rdfjs/types';
import { NS } from '@mpli/shapes';

/** Prefix to namespace IRI. */
export type Prefixes = Readonly<Record<string, string>>;

/** The prefixes MPLI knows, used to compact IRIs in reports. */
export const KNOWN_PREFIXES: Prefixes = { ...NS, sh: NS.sh };

/** An IRI as `prefix:local` when a prefix fits and the local name is simple, else `<iri>`. */
export function compactIri(iri: string, prefixes: Prefixes = KNOWN_PREFIXES): string {
  let best: [string, string] | undefined;
  for (const [prefix, namespace] of Object.entries(prefixes)) {
    if (iri.startsWith(namespace) && (!best || namespace.length > best[1].length)) best = [prefix, namespace];
  }
  if (best) {
    const local = iri.slice(best[1].length);
    if (/^[A-Za-z_][\w.-]*$/.test(local) && !local.endsWith('.')) return `${best[0]}:${local}`;
  }
  return `<${iri}>`;
}

/** A term as it would appear in Turtle, compacted with `prefixes`. */
export function termText(term: Term, prefixes: Prefixes = KNOWN_PREFIXES): string {
  switch (term.termType) {
    case 'NamedNode':
      return compactIri(term.value, prefixes);
    case 'BlankNode':
      return `_:${term.value}`;
    case 'Literal': {
      const quoted = JSON.stringify(term.value);
      if (term.language) return `${quoted}@${term.language}`;
      if (term.datatype.value === `${NS.xsd}string`) return quoted;
      return `${quoted}^^${compactIri(term.datatype.value, prefixes)}`;
    }
    default:
      return term.value;
  }
}
