import type { DatasetCore, Term } from '@rdfjs/types';
import { mpli, NS } from '@mpli/shapes';
import type { Problem } from './problem';
import { termText, type Prefixes } from './term-text';

const DEFINED = new Set<string>(Object.values(mpli));

/** The rule IRI for the built-in check that every `mpli:` term used is defined by the ontology. */
export const KNOWN_TERM_RULE = 'mplish:KnownTerm';

/**
 * Warns about every `mpli:` IRI used (as a property, a class or a value) that the vocabulary does
 * not define, usually a typo: once per term, at its first use.
 */
export function checkKnownTerms(dataset: DatasetCore, prefixes: Prefixes, source?: string): Problem[] {
  const reported = new Set<string>();
  const problems: Problem[] = [];
  const check = (term: Term, subject: Term, role: string) => {
    if (term.termType !== 'NamedNode' || !term.value.startsWith(NS.mpli) || DEFINED.has(term.value) || reported.has(term.value)) return;
    reported.add(term.value);
    problems.push({
      severity: 'warning',
      message: `${termText(term, prefixes)} is not a term of the MPLI vocabulary (used as ${role}); check its spelling.`,
      ...(source ? { source } : {}),
      focusNode: termText(subject, prefixes),
      value: termText(term, prefixes),
      rule: KNOWN_TERM_RULE,
    });
  };
  for (const quad of dataset.match()) {
    check(quad.predicate, quad.subject, 'a property');
    check(quad.object, quad.subject, quad.predicate.value === `${NS.rdf}type` ? 'a class' : 'a value');
  }
  return problems;
}
