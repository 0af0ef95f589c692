import type { DatasetCore, Term } from '@rdfjs/types';
import { NS } from '@mpli/shapes';
import { MpliError } from '../errors/mpli-error';
import type { Prerequisite } from './manifest-types';
import { NodeReader, subjectsOfType } from './node-reader';
import type { Manifest, Provider } from './party-types';
import { readOffering } from './read-offering';
import { readAddress, readContact, readPrerequisite, readRegistrationNumbers, readTrustAnchor } from './read-parties';
import { optional, readCertification } from './read-values';

const { mpli, gx, schema, dcterms } = { mpli: NS.mpli, gx: NS.gx, schema: NS.schema, dcterms: NS.dcterms };

/** Reads a provider node into the plain model. */
export function readProvider(node: NodeReader): Provider {
  return {
    id: node.id,
    name: node.require(node.text(`${schema}name`), 'schema:name'),
    registrationNumbers: readRegistrationNumbers(node.nodes(`${gx}registrationNumber`)),
    headquarters: node.require(readAddress(node.node(`${gx}headquartersAddress`)), 'gx:headquartersAddress'),
    ...optional('legalAddress', readAddress(node.node(`${gx}legalAddress`))),
    contacts: node.nodes(`${schema}contactPoint`).map(readContact),
    ...optional('manifestLocation', node.string(`${mpli}manifestLocation`)),
    ...optional('did', node.string(`${mpli}did`)),
    trustAnchors: node.nodes(`${mpli}acceptsTrustAnchor`).map(readTrustAnchor),
    peers: node.strings(`${mpli}peer`),
    marketplaces: node.strings(`${mpli}marketplace`),
    certifications: node.nodes(`${mpli}certification`).map(readCertification),
  };
}

/** The node typed `classIri`: the only one, or the one named; throws `MODEL_INCOMPLETE` otherwise. */
export function singleNodeOfType(dataset: DatasetCore, classIri: string, id?: string): Term {
  const candidates = subjectsOfType(dataset, classIri);
  const found = id === undefined ? candidates : candidates.filter((term) => term.value === id || `_:${term.value}` === id);
  if (found.length !== 1 || !found[0]) {
    const what = id === undefined ? `exactly one <${classIri}>` : `a <${classIri}> named ${id}`;
    throw new MpliError('MODEL_INCOMPLETE', `Expected ${what}, found ${found.length}`, { details: { class: classIri, count: found.length } });
  }
  return found[0];
}

/**
 * Reads a provider manifest from any RDF/JS dataset into the typed plain model.
 *
 * @example
 * const { store } = await parseRdf(text);
 * const manifest = readManifest(store);
 * for (const offering of manifest.offerings) console.log(offering.kind, offering.name);
 */
export function readManifest(dataset: DatasetCore, options: { id?: string } = {}): Manifest {
  const node = new NodeReader(dataset, singleNodeOfType(dataset, `${mpli}Manifest`, options.id));
  const provider = node.require(node.node(`${dcterms}publisher`), 'dcterms:publisher');
  return {
    id: node.id,
    ...optional('title', node.text(`${dcterms}title`)),
    modified: node.require(node.string(`${dcterms}modified`), 'dcterms:modified'),
    provider: readProvider(provider),
    offerings: node.nodes(`${mpli}offering`).map(readOffering),
    prerequisites: node.nodes(`${mpli}prerequisite`).map(readPrerequisite).filter((p): p is Prerequisite => p !== undefined),
  };
}
