import { NS } from '@mpli/shapes';
import { CompactDataset } from '../dataset/compact-dataset';
import { writeOffering } from './build-offering';
import { writeAddress, writeCertification, writeContact, writePrerequisite, writeRegistrationNumber } from './build-values';
import { GraphWriter } from './graph-writer';
import type { ManifestInput, ProviderInput } from './input-types';

const { mpli, schema, gx, dcterms, rdfs } = { mpli: NS.mpli, schema: NS.schema, gx: NS.gx, dcterms: NS.dcterms, rdfs: NS.rdfs };

/** Options for {@link buildManifest}. */
export interface BuildOptions {
  /** The clock for default timestamps. Default `() => new Date()`. */
  readonly now?: () => Date;
  /** Build into this store instead of a new one. */
  readonly store?: CompactDataset;
}

function writeProvider(w: GraphWriter, provider: ProviderInput): void {
  const node = w.node(provider.id);
  w.type(node, `${mpli}Provider`);
  w.value(node, `${schema}name`, provider.name);
  for (const number of provider.registrationNumbers ?? []) writeRegistrationNumber(w, node, number);
  writeAddress(w, node, `${gx}headquartersAddress`, provider.headquarters);
  writeAddress(w, node, `${gx}legalAddress`, provider.legalAddress);
  for (const contact of provider.contacts ?? []) writeContact(w, node, contact);
  w.iri(node, `${mpli}manifestLocation`, provider.manifestLocation);
  w.iri(node, `${mpli}did`, provider.did);
  for (const anchor of provider.trustAnchors ?? []) {
    const anchorNode = w.child(node, `${mpli}acceptsTrustAnchor`, `${mpli}TrustAnchor`);
    w.iri(anchorNode, `${mpli}anchorIdentifier`, anchor.identifier);
    w.value(anchorNode, `${rdfs}label`, anchor.label);
    for (const type of anchor.trustedFor ?? []) w.iri(anchorNode, `${mpli}trustedFor`, type);
  }
  for (const peer of provider.peers ?? []) w.iri(node, `${mpli}peer`, peer);
  for (const marketplace of provider.marketplaces ?? []) w.iri(node, `${mpli}marketplace`, marketplace);
  for (const certification of provider.certifications ?? []) writeCertification(w, node, certification);
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/**
 * Builds a provider manifest as RDF from plain objects. Offerings without an id get
 * `<manifest IRI>#<identifier>` when the manifest has an IRI, else a blank node. The result is
 * valid against the MPLI shapes whenever the input satisfies the TypeScript types and the values
 * are in range; run `validateDataset` to be sure. Throws `UNKNOWN_UNIT` or `INVALID_INPUT`.
 *
 * @example
 * const store = buildManifest({
 *   provider: { id: 'https://cloud.example/#provider', name: 'Example Cloud SRL', headquarters: { country: 'BE' }, ... },
 *   offerings: [{ kind: 'VirtualMachineOffering', identifier: 'vm-s', name: 'Small VM', vcpu: 2, ... }],
 * });
 */
export function buildManifest(input: ManifestInput, options: BuildOptions = {}): CompactDataset {
  const store = options.store ?? new CompactDataset();
  const w = new GraphWriter(store);
  const manifestId = input.id ?? input.provider.manifestLocation;
  const node = w.node(manifestId);
  w.type(node, `${mpli}Manifest`);
  w.value(node, `${dcterms}title`, input.title);
  w.typed(node, `${dcterms}modified`, input.modified ?? (options.now?.() ?? new Date()).toISOString(), 'dateTime');
  w.iri(node, `${dcterms}publisher`, input.provider.id);
  writeProvider(w, input.provider);
  for (const offering of input.offerings) {
    const id = offering.id ?? (manifestId && !manifestId.startsWith('_:') ? `${manifestId.split('#')[0]}#${slug(offering.identifier)}` : undefined);
    w.add(node, `${mpli}offering`, writeOffering(w, offering, { ...(id ? { id } : {}), provider: input.provider.id }));
  }
  for (const prerequisite of input.prerequisites ?? []) writePrerequisite(w, node, prerequisite);
  return store;
}
