import type { DatasetCore, Term } from '@rdfjs/types';
import { countryGroupByIri, NS, type CountryGroupName } from '@mpli/shapes';
import { mpliName, NodeReader, readList } from './node-reader';
import { readManifestNodeOrThrow } from './read-requirements-root';
import { readAddress, readRegistrationNumbers } from './read-parties';
import { literalValue, optional, readPriceLimit, readQuantity, readTerms } from './read-values';
import type { AllowedValue, Bound, Constraint, Consumer, HeldCredential, Requirements, ServiceNeed } from './requirements-types';
import { ASSURANCE_LEVELS, CERTIFICATION_SCHEMES, EIDAS_LEVELS, OFFERING_KINDS, type AssuranceLevel } from './vocabulary-names';

const { mpli, gx, schema, dcterms, rdfs } = { mpli: NS.mpli, gx: NS.gx, schema: NS.schema, dcterms: NS.dcterms, rdfs: NS.rdfs };

function readPath(node: NodeReader): string[] {
  const head = node.require(node.one(`${mpli}path`), 'mpli:path');
  if (head.termType === 'NamedNode' && head.value !== `${NS.rdf}nil`) return [head.value];
  return readList(node.dataset, head).map((term) => term.value);
}

function readBound(node: NodeReader, local: string): Bound | undefined {
  const term = node.one(`${mpli}${local}`);
  if (!term) return undefined;
  if (term.termType === 'Literal') {
    const value = Number(term.value);
    return Number.isFinite(value) ? value : undefined;
  }
  return readQuantity(new NodeReader(node.dataset, term));
}

function allowedValue(term: Term): AllowedValue {
  if (term.termType === 'Literal') return literalValue(term.value, term.datatype.value);
  return { iri: term.value };
}

const list = <K extends string, T>(key: K, values: T[]) => (values.length > 0 ? ({ [key]: values } as { [P in K]: T[] }) : {});

/** Reads one constraint by its type; undefined for an unknown type (validation reports it). */
export function readConstraint(node: NodeReader): Constraint | undefined {
  const types = node.types();
  const common = {
    ...(node.term.termType === 'NamedNode' ? { id: node.id } : {}),
    ...optional('label', node.text(`${rdfs}label`)),
    ...optional('weight', node.number(`${mpli}weight`)),
  };
  const has = (local: string) => types.includes(`${mpli}${local}`);
  if (has('RangeConstraint')) {
    return { type: 'range', path: readPath(node), ...optional('min', readBound(node, 'minimum')), ...optional('max', readBound(node, 'maximum')), ...common };
  }
  if (has('ValueConstraint')) {
    return { type: 'value', path: readPath(node), allowed: node.objects(`${mpli}allowedValue`).map(allowedValue), ...common };
  }
  if (has('LocationConstraint')) {
    const groups = node.strings(`${mpli}allowedCountryGroup`).map(countryGroupByIri).filter((g): g is CountryGroupName => g !== undefined);
    return {
      type: 'location', ...list('countries', node.strings(`${mpli}allowedCountry`)), ...list('groups', groups),
      ...list('excludedCountries', node.strings(`${mpli}excludedCountry`)), ...optional('asOf', node.string(`${mpli}asOf`)), ...common,
    };
  }
  if (has('CertificationConstraint')) {
    return {
      type: 'certification',
      scheme: node.require(mpliName(node.string(`${mpli}scheme`), CERTIFICATION_SCHEMES), 'mpli:scheme'),
      ...optional('minimumLevel', mpliName(node.string(`${mpli}minimumLevel`), Object.keys(ASSURANCE_LEVELS) as AssuranceLevel[])),
      ...common,
    };
  }
  if (has('PriceConstraint')) {
    return { type: 'price', max: readPriceLimit(node.require(node.node(`${mpli}maximumPrice`), 'mpli:maximumPrice')), ...common };
  }
  if (has('ProviderConstraint')) {
    return { type: 'provider', ...list('preferred', node.strings(`${mpli}preferredProvider`)), ...list('excluded', node.strings(`${mpli}excludedProvider`)), ...common };
  }
  return undefined;
}

const constraints = (node: NodeReader, local: string) =>
  node.nodes(`${mpli}${local}`).map(readConstraint).filter((c): c is Constraint => c !== undefined);

function readNeed(node: NodeReader): ServiceNeed {
  return {
    id: node.id,
    ...optional('title', node.text(`${dcterms}title`)),
    kind: node.require(mpliName(node.string(`${mpli}offeringKind`), OFFERING_KINDS), 'mpli:offeringKind'),
    mustHave: constraints(node, 'mustHave'),
    niceToHave: constraints(node, 'niceToHave'),
  };
}

function readHeldCredential(node: NodeReader): HeldCredential {
  return {
    credentialType: node.require(node.string(`${mpli}credentialType`), 'mpli:credentialType'),
    ...optional('issuer', node.string(`${mpli}issuedBy`)),
    ...optional('credentialId', node.string(`${mpli}credentialId`)),
    ...optional('eidasLevel', mpliName(node.string(`${mpli}eidasLevel`), EIDAS_LEVELS)),
  };
}

function readConsumer(node: NodeReader): Consumer {
  const commitment = node.node(`${mpli}maximumCommitment`);
  return {
    id: node.id,
    name: node.require(node.text(`${schema}name`), 'schema:name'),
    ...optional('headquarters', readAddress(node.node(`${gx}headquartersAddress`))),
    registrationNumbers: readRegistrationNumbers(node.nodes(`${gx}registrationNumber`)),
    credentials: node.nodes(`${mpli}holdsCredential`).map(readHeldCredential),
    acceptedTerms: node.nodes(`${mpli}acceptsTerms`).map(readTerms),
    ...optional('maximumCommitment', commitment ? readPriceLimit(commitment) : undefined),
  };
}

/**
 * Reads a consumer's requirements manifest from any RDF/JS dataset into the typed plain model.
 *
 * @example
 * const requirements = readRequirements((await parseRdf(text)).store);
 * requirements.needs[0]?.mustHave // [{ type: 'range', path: [mpli.memory], min: { value: 16, unit: 'GiB' } }, ...]
 */
export function readRequirements(dataset: DatasetCore, options: { id?: string } = {}): Requirements {
  const node = readManifestNodeOrThrow(dataset, options.id);
  return {
    id: node.id,
    consumer: readConsumer(node.require(node.node(`${mpli}consumer`), 'mpli:consumer')),
    needs: node.nodes(`${mpli}need`).map(readNeed),
    mustHave: constraints(node, 'mustHave'),
    niceToHave: constraints(node, 'niceToHave'),
  };
}
