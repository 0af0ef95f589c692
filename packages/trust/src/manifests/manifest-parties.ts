import type { DatasetCore, Term } from '@rdfjs/types';
import { NS } from '@mpli/shapes';
import { DataFactory } from 'n3';

const { namedNode } = DataFactory;

/** The manifest node of a provider manifest and the DID its publisher declares. */
export function manifestParties(dataset: DatasetCore): { manifest?: Term; did?: string } {
  const manifest = [...dataset.match(null, namedNode(`${NS.rdf}type`), namedNode(`${NS.mpli}Manifest`))][0]?.subject;
  if (!manifest) return {};
  const publisher = [...dataset.match(manifest, namedNode(`${NS.dcterms}publisher`), null)][0]?.object;
  const did = publisher ? [...dataset.match(publisher as never, namedNode(`${NS.mpli}did`), null)][0]?.object.value : undefined;
  return { manifest, ...(did ? { did } : {}) };
}
