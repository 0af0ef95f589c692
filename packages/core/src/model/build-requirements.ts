import type { Quad_Subject } from '@rdfjs/types';
import { COUNTRY_GROUPS, NS } from '@mpli/shapes';
import { CompactDataset } from '../dataset/compact-dataset';
import { writeAddress, writePriceLimit, writeQuantity, writeRegistrationNumber, writeTerms } from './build-values';
import { GraphWriter } from './graph-writer';
import type { RequirementsInput } from './input-types';
import type { AllowedValue, Bound, Constraint } from './requirements-types';

const { mpli, schema, gx, dcterms, rdfs } = { mpli: NS.mpli, schema: NS.schema, gx: NS.gx, dcterms: NS.dcterms, rdfs: NS.rdfs };

const CONSTRAINT_CLASS: Record<Constraint['type'], string> = {
  range: 'RangeConstraint', value: 'ValueConstraint', location: 'LocationConstraint',
  certification: 'CertificationConstraint', price: 'PriceConstraint', provider: 'ProviderConstraint',
};

function writeBound(w: GraphWriter, node: Quad_Subject, local: string, bound: Bound | undefined): void {
  if (typeof bound === 'number') w.value(node, `${mpli}${local}`, bound);
  else writeQuantity(w, node, `${mpli}${local}`, bound);
}

function writeAllowed(w: GraphWriter, node: Quad_Subject, value: AllowedValue): void {
  if (typeof value === 'object') w.iri(node, `${mpli}allowedValue`, value.iri);
  else w.value(node, `${mpli}allowedValue`, value);
}

function writePath(w: GraphWriter, node: Quad_Subject, path: readonly string[]): void {
  w.add(node, `${mpli}path`, path.length === 1 && path[0] ? w.node(path[0]) : w.list(path));
}

// One writer per constraint type, for what that type adds to the common label and weight.
const CONSTRAINT_BODY: { [T in Constraint['type']]: (w: GraphWriter, node: Quad_Subject, c: Extract<Constraint, { type: T }>) => void } = {
  range: (w, node, c) => {
    writePath(w, node, c.path);
    writeBound(w, node, 'minimum', c.min);
    writeBound(w, node, 'maximum', c.max);
  },
  value: (w, node, c) => {
    writePath(w, node, c.path);
    for (const value of c.allowed) writeAllowed(w, node, value);
  },
  location: (w, node, c) => {
    for (const country of c.countries ?? []) w.value(node, `${mpli}allowedCountry`, country);
    for (const group of c.groups ?? []) w.iri(node, `${mpli}allowedCountryGroup`, COUNTRY_GROUPS[group].iri);
    for (const country of c.excludedCountries ?? []) w.value(node, `${mpli}excludedCountry`, country);
    w.typed(node, `${mpli}asOf`, c.asOf, 'date');
  },
  certification: (w, node, c) => {
    w.iri(node, `${mpli}scheme`, `${mpli}${c.scheme}`);
    if (c.minimumLevel) w.iri(node, `${mpli}minimumLevel`, `${mpli}${c.minimumLevel}`);
  },
  price: (w, node, c) => writePriceLimit(w, node, `${mpli}maximumPrice`, c.max),
  provider: (w, node, c) => {
    for (const provider of c.preferred ?? []) w.iri(node, `${mpli}preferredProvider`, provider);
    for (const provider of c.excluded ?? []) w.iri(node, `${mpli}excludedProvider`, provider);
  },
};

function writeConstraint(w: GraphWriter, subject: Quad_Subject, property: string, constraint: Constraint): void {
  const node = constraint.id ? w.node(constraint.id) : w.child(subject, property);
  if (constraint.id) w.add(subject, property, node);
  w.type(node, `${mpli}${CONSTRAINT_CLASS[constraint.type]}`);
  w.value(node, `${rdfs}label`, constraint.label);
  if (constraint.weight !== undefined) w.decimal(node, `${mpli}weight`, constraint.weight);
  (CONSTRAINT_BODY[constraint.type] as (w: GraphWriter, node: Quad_Subject, c: Constraint) => void)(w, node, constraint);
}

function writeConstraints(w: GraphWriter, node: Quad_Subject, must: readonly Constraint[] = [], nice: readonly Constraint[] = []): void {
  for (const constraint of must) writeConstraint(w, node, `${mpli}mustHave`, constraint);
  for (const constraint of nice) writeConstraint(w, node, `${mpli}niceToHave`, constraint);
}

/**
 * Builds a consumer's requirements manifest as RDF from plain objects.
 *
 * @example
 * buildRequirements({
 *   consumer: { id: 'https://hospital.example/#org', name: 'Hospital' },
 *   needs: [{ kind: 'VirtualMachineOffering', mustHave: [{ type: 'range', path: [mpli.vcpu], min: 4 }] }],
 * });
 */
export function buildRequirements(input: RequirementsInput, options: { store?: CompactDataset } = {}): CompactDataset {
  const store = options.store ?? new CompactDataset();
  const w = new GraphWriter(store);
  const node = w.node(input.id);
  w.type(node, `${mpli}RequirementsManifest`);
  const consumer = w.node(input.consumer.id);
  w.add(node, `${mpli}consumer`, consumer);
  w.type(consumer, `${mpli}Consumer`);
  w.value(consumer, `${schema}name`, input.consumer.name);
  writeAddress(w, consumer, `${gx}headquartersAddress`, input.consumer.headquarters);
  for (const number of input.consumer.registrationNumbers ?? []) writeRegistrationNumber(w, consumer, number);
  for (const credential of input.consumer.credentials ?? []) {
    const held = w.child(consumer, `${mpli}holdsCredential`, `${mpli}HeldCredential`);
    w.iri(held, `${mpli}credentialType`, credential.credentialType);
    w.iri(held, `${mpli}issuedBy`, credential.issuer);
    w.iri(held, `${mpli}credentialId`, credential.credentialId);
    if (credential.eidasLevel) w.iri(held, `${mpli}eidasLevel`, `${mpli}${credential.eidasLevel}`);
  }
  for (const terms of input.consumer.acceptedTerms ?? []) writeTerms(w, consumer, `${mpli}acceptsTerms`, terms);
  writePriceLimit(w, consumer, `${mpli}maximumCommitment`, input.consumer.maximumCommitment);
  for (const need of input.needs) {
    const needNode = need.id ? w.node(need.id) : w.child(node, `${mpli}need`);
    if (need.id) w.add(node, `${mpli}need`, needNode);
    w.type(needNode, `${mpli}ServiceNeed`);
    w.value(needNode, `${dcterms}title`, need.title);
    w.iri(needNode, `${mpli}offeringKind`, `${mpli}${need.kind}`);
    writeConstraints(w, needNode, need.mustHave, need.niceToHave);
  }
  writeConstraints(w, node, input.mustHave, input.niceToHave);
  return store;
}
