/**
 * Namespace IRIs used by the MPLI vocabulary, its shapes and its reference data.
 *
 * MPLI owns `mpli:` (terms) and `mplish:` (shapes: one IRI per rule, so a validation problem
 * can always name the rule it broke). Everything else is reused from established vocabularies.
 */
export const NS = {
  mpli: 'https://w3id.org/mpli#',
  mplish: 'https://w3id.org/mpli/shapes#',
  gx: 'https://w3id.org/gaia-x/2511#',
  schema: 'https://schema.org/',
  dcat: 'http://www.w3.org/ns/dcat#',
  dcterms: 'http://purl.org/dc/terms/',
  qudt: 'http://qudt.org/schema/qudt/',
  unit: 'http://qudt.org/vocab/unit/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  owl: 'http://www.w3.org/2002/07/owl#',
  sh: 'http://www.w3.org/ns/shacl#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  cred: 'https://www.w3.org/2018/credentials#',
} as const;

/** A prefix known to MPLI, e.g. `mpli` or `schema`. */
export type KnownPrefix = keyof typeof NS;

/** The MPLI vocabulary namespace, `https://w3id.org/mpli#`. */
export const MPLI = NS.mpli;

/** The namespace of MPLI's SHACL shapes; each rule has an IRI here. */
export const MPLISH = NS.mplish;
