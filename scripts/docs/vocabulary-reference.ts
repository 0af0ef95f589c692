import { readFileSync } from 'node:fs';
import { Parser, type Quad } from 'n3';

const NS = { rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#', rdfs: 'http://www.w3.org/2000/01/rdf-schema#', owl: 'http://www.w3.org/2002/07/owl#', schema: 'https://schema.org/', mpli: 'https://w3id.org/mpli#' };
const PREFIXES: Record<string, string> = {
  mpli: NS.mpli, gx: 'https://w3id.org/gaia-x/2511#', schema: NS.schema, xsd: 'http://www.w3.org/2001/XMLSchema#', qudt: 'http://qudt.org/schema/qudt/',
  dcat: 'http://www.w3.org/ns/dcat#', skos: 'http://www.w3.org/2004/02/skos/core#', owl: NS.owl, rdfs: NS.rdfs,
};
const curie = (iri: string) => {
  for (const [prefix, ns] of Object.entries(PREFIXES)) if (iri.startsWith(ns)) return `${prefix}:${iri.slice(ns.length)}`;
  return iri;
};

/** One term of the ontology, as the reference lists it. */
interface Term {
  readonly local: string;
  readonly kind: 'class' | 'property' | 'value';
  readonly label?: string;
  readonly comment?: string;
  readonly extra: string[];
}

const kindOf = (types: readonly string[]): Term['kind'] => (types.includes(`${NS.owl}Class`) ? 'class' : types.some((t) => t.endsWith('Property')) ? 'property' : 'value');

/**
 * The vocabulary reference (Markdown) generated from the ontology: classes, properties (with
 * domain and range) and enumerated values, each with its English label and comment.
 */
export function vocabularyReference(ontologyPath: string): string {
  const quads: Quad[] = new Parser({ format: 'text/turtle' }).parse(readFileSync(ontologyPath, 'utf8'));
  const terms = new Map<string, { types: string[]; label?: string; comment?: string; domain: string[]; range: string[]; superClasses: string[] }>();
  for (const q of quads) {
    if (q.subject.termType !== 'NamedNode' || !q.subject.value.startsWith(NS.mpli) || q.subject.value === NS.mpli) continue;
    const entry = terms.get(q.subject.value) ?? { types: [], domain: [], range: [], superClasses: [] };
    const p = q.predicate.value;
    if (p === `${NS.rdf}type`) entry.types.push(q.object.value);
    else if (p === `${NS.rdfs}label` && (q.object as { language?: string }).language === 'en') entry.label = q.object.value;
    else if (p === `${NS.rdfs}comment` && (q.object as { language?: string }).language === 'en') entry.comment = q.object.value;
    else if (p === `${NS.rdfs}domain` || p === `${NS.schema}domainIncludes`) entry.domain.push(curie(q.object.value));
    else if (p === `${NS.rdfs}range`) entry.range.push(curie(q.object.value));
    else if (p === `${NS.rdfs}subClassOf`) entry.superClasses.push(curie(q.object.value));
    terms.set(q.subject.value, entry);
  }
  const list: Term[] = [...terms.entries()].map(([iri, e]) => ({
    local: iri.slice(NS.mpli.length),
    kind: kindOf(e.types),
    ...(e.label ? { label: e.label } : {}), ...(e.comment ? { comment: e.comment } : {}),
    extra: [
      ...(e.superClasses.length ? [`subclass of ${e.superClasses.map((c) => `\`${c}\``).join(', ')}`] : []),
      ...(e.domain.length ? [`on ${e.domain.map((c) => `\`${c}\``).join(', ')}`] : []),
      ...(e.range.length ? [`value ${e.range.map((c) => `\`${c}\``).join(', ')}`] : []),
      ...(e.types.filter((t) => t.startsWith(NS.mpli)).map((t) => `a \`${curie(t)}\``)),
    ],
  })).sort((a, b) => a.local.localeCompare(b.local));
  const section = (title: string, kind: Term['kind']) => [
    `## ${title}`, '',
    ...list.filter((t) => t.kind === kind).flatMap((t) => [`### \`mpli:${t.local}\``, '', `**${t.label ?? t.local}**${t.extra.length ? ` (${t.extra.join('; ')})` : ''}. ${t.comment ?? ''}`.trim(), '']),
  ];
  return [
    '# MPLI vocabulary reference', '',
    `Generated from \`packages/shapes/vocab/mpli.ttl\`: ${list.length} terms in \`https://w3id.org/mpli#\`. The JSON-LD context \`https://w3id.org/mpli/context/v1\` gives each its short JSON name (the local name).`, '',
    ...section('Classes', 'class'), ...section('Properties', 'property'), ...section('Values', 'value'),
  ].join('\n');
}
