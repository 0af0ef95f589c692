import { mpli, NS, ontologyTurtle } from '@mpli/shapes';
import { Parser } from 'n3';

interface Domains {
  /** Property IRI to the classes it applies to (rdfs:domain and schema:domainIncludes). */
  readonly domains: ReadonlyMap<string, ReadonlySet<string>>;
  /** Class IRI to its superclasses (transitively, itself included). */
  readonly superclasses: ReadonlyMap<string, ReadonlySet<string>>;
  readonly properties: ReadonlySet<string>;
}

let cached: Domains | undefined;

const PROPERTY_TYPES = new Set([`${NS.owl}ObjectProperty`, `${NS.owl}DatatypeProperty`, `${NS.rdf}Property`]);

/** What the ontology says about where each MPLI property applies; parsed once. */
export function ontologyDomains(): Domains {
  if (cached) return cached;
  const domains = new Map<string, Set<string>>();
  const parents = new Map<string, Set<string>>();
  const properties = new Set<string>();
  for (const quad of new Parser({ format: 'text/turtle' }).parse(ontologyTurtle())) {
    const [s, p, o] = [quad.subject.value, quad.predicate.value, quad.object.value];
    if (p === `${NS.rdfs}domain` || p === `${NS.schema}domainIncludes`) domains.set(s, (domains.get(s) ?? new Set()).add(o));
    if (p === `${NS.rdfs}subClassOf`) parents.set(s, (parents.get(s) ?? new Set()).add(o));
    if (p === `${NS.rdf}type` && PROPERTY_TYPES.has(o)) properties.add(s);
  }
  const superclasses = new Map<string, Set<string>>();
  const climb = (cls: string, into: Set<string>) => {
    if (into.has(cls)) return;
    into.add(cls);
    for (const parent of parents.get(cls) ?? []) climb(parent, into);
  };
  for (const cls of [...parents.keys()]) climb(cls, superclasses.set(cls, new Set()).get(cls) as Set<string>);
  cached = { domains, superclasses, properties };
  return cached;
}

/**
 * Why a path cannot apply to offerings of a kind ("mpli:kubernetesVersion applies to
 * KubernetesOffering"), or undefined when it can. Unknown `mpli:` properties are reported too;
 * properties of other vocabularies are taken on trust.
 */
export function pathProblem(path: readonly string[], kindIri: string): string | undefined {
  const { domains, superclasses, properties } = ontologyDomains();
  for (const property of path) {
    if (property.startsWith(NS.mpli) && !properties.has(property)) return `${property} is not a property of the MPLI vocabulary`;
  }
  const first = path[0];
  const allowed = first ? domains.get(first) : undefined;
  if (!first || !allowed || kindIri === mpli.ServiceOffering) return undefined;
  const kinds = superclasses.get(kindIri) ?? new Set([kindIri]);
  if ([...allowed].some((cls) => kinds.has(cls) || (superclasses.get(cls)?.has(kindIri) ?? false))) return undefined;
  return `${first} applies to ${[...allowed].map((c) => c.slice(c.lastIndexOf('#') + 1)).join(', ')}, not to ${kindIri.slice(kindIri.lastIndexOf('#') + 1)}`;
}
