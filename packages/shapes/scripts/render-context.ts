import { NS } from '../src/namespaces';
import { UNITS } from '../src/units';
import type { OntologyTerm } from './ontology-terms';

type TermDefinition = string | { '@id': string; '@type'?: string };

const OWL = NS.owl;
// Integers and booleans stay native JSON numbers and booleans: only types JSON cannot express are coerced.
const XSD_COERCED = new Set(['decimal', 'date', 'dateTime', 'anyURI'].map((t) => `${NS.xsd}${t}`));
// Properties whose values are vocabulary terms (enumerations, classes, units, paths), so that
// JSON can say "billingModel": "PayAsYouGo" rather than a full IRI.
const VOCAB_VALUED = new Set([
  'billingModel', 'billingPeriod', 'supportHours', 'scheme', 'assuranceLevel', 'cpuArchitecture', 'levelOf',
  'quantityKind', 'minimumEidasLevel', 'eidasLevel', 'allowedCountryGroup', 'offeringKind', 'credentialType',
  'minimumLevel', 'trustedFor', 'path', 'accreditedFor', 'labelLevel', 'durationUnit', 'sizeUnit',
]);

// Terms reused from other vocabularies, under short JSON names.
const REUSED: Record<string, TermDefinition> = {
  id: '@id',
  type: '@type',
  name: 'schema:name',
  description: 'schema:description',
  identifier: 'dcterms:identifier',
  title: 'dcterms:title',
  publisher: { '@id': 'dcterms:publisher', '@type': '@id' },
  modified: { '@id': 'dcterms:modified', '@type': 'xsd:dateTime' },
  label: 'rdfs:label',
  comment: 'rdfs:comment',
  providedBy: { '@id': 'gx:providedBy', '@type': '@id' },
  registrationNumber: { '@id': 'gx:registrationNumber', '@type': '@id' },
  headquartersAddress: { '@id': 'gx:headquartersAddress', '@type': '@id' },
  legalAddress: { '@id': 'gx:legalAddress', '@type': '@id' },
  countryCode: 'gx:countryCode',
  vatID: 'gx:vatID',
  leiCode: 'schema:leiCode',
  eori: 'gx:eori',
  local: 'gx:local',
  dataProtectionRegime: 'gx:dataProtectionRegime',
  serviceOfferingTermsAndConditions: { '@id': 'gx:serviceOfferingTermsAndConditions', '@type': '@id' },
  url: { '@id': 'gx:url', '@type': 'xsd:anyURI' },
  hash: 'gx:hash',
  keyword: 'gx:keyword',
  validThrough: { '@id': 'schema:validThrough', '@type': 'xsd:date' },
  VatID: 'gx:VatID',
  LeiCode: 'gx:LeiCode',
  EORI: 'gx:EORI',
  LocalRegistrationNumber: 'gx:LocalRegistrationNumber',
  Address: 'gx:Address',
  TermsAndConditions: 'gx:TermsAndConditions',
  Region: 'gx:Region',
  Datacenter: 'gx:Datacenter',
  AvailabilityZone: 'gx:AvailabilityZone',
  streetAddress: 'vcard:street-address',
  locality: 'vcard:locality',
  postalCode: 'vcard:postal-code',
  contactPoint: { '@id': 'schema:contactPoint', '@type': '@id' },
  ContactPoint: 'schema:ContactPoint',
  email: 'schema:email',
  givenName: 'schema:givenName',
  familyName: 'schema:familyName',
  telephone: 'schema:telephone',
  webPage: { '@id': 'schema:url', '@type': '@id' },
  amount: { '@id': 'schema:price', '@type': 'xsd:decimal' },
  currency: 'schema:priceCurrency',
  QuantityValue: 'qudt:QuantityValue',
  numericValue: 'qudt:numericValue',
  unit: { '@id': 'qudt:unit', '@type': '@vocab' },
};

// No `unit` prefix: `unit` is the term for qudt:unit; units are terms of their own ("GibiBYTE").
const PREFIXES = ['mpli', 'gx', 'schema', 'dcterms', 'dcat', 'qudt', 'xsd', 'rdf', 'rdfs', 'vcard'] as const;

function definitionOf(term: OntologyTerm): TermDefinition {
  const id = `mpli:${term.local}`;
  if (VOCAB_VALUED.has(term.local)) return { '@id': id, '@type': '@vocab' };
  if (term.types.includes(`${OWL}ObjectProperty`)) return { '@id': id, '@type': '@id' };
  if (term.types.includes(`${OWL}DatatypeProperty`) && term.range && XSD_COERCED.has(term.range)) {
    return { '@id': id, '@type': `xsd:${term.range.slice(NS.xsd.length)}` };
  }
  return id;
}

/** Renders `context/mpli.context.jsonld`, the JSON-LD context for MPLI manifests. */
export function renderContext(terms: readonly OntologyTerm[]): string {
  const context: Record<string, unknown> = { '@version': 1.1, '@protected': true };
  for (const prefix of PREFIXES) context[prefix] = NS[prefix];
  Object.assign(context, REUSED);
  for (const unit of UNITS) {
    if (unit.iri.startsWith(NS.unit)) context[unit.iri.slice(NS.unit.length)] = unit.iri;
  }
  for (const term of terms) context[term.local] = definitionOf(term);
  return `${JSON.stringify({ '@context': context }, null, 2)}\n`;
}
