import type { DatasetCore, Term } from '@rdfjs/types';
import { parseRdf, type ContextMap } from '@mpli/core';
import { NS } from '@mpli/shapes';
import { DataFactory } from 'n3';
import { defaultTrustContexts } from '../contexts/bundled-contexts';
import { createTrustDocumentLoader } from '../document-loader';

const { namedNode } = DataFactory;
const RDF_TYPE = namedNode(`${NS.rdf}type`);
const CREDENTIAL_SUBJECT = namedNode(`${NS.cred}credentialSubject`);
const VERIFIABLE_CREDENTIAL = `${NS.cred}VerifiableCredential`;

/** A credential read as RDF: what its JSON-LD means, independent of how the JSON was written. */
export interface CredentialGraph {
  readonly dataset: DatasetCore;
  /** The credential node. */
  readonly node: Term;
  /** Its rdf:types, as IRIs. */
  readonly types: readonly string[];
  /** Its subjects (credentialSubject values). */
  readonly subjects: readonly Term[];
}

/**
 * Expands a JSON-LD credential into RDF with the bundled contexts (never fetching). The proof is
 * left out: it is a graph of its own and says nothing about the claims.
 */
export async function credentialGraph(credential: Record<string, unknown>, contexts: ContextMap = defaultTrustContexts()): Promise<CredentialGraph> {
  const { proof: _proof, ...claims } = credential;
  const { store } = await parseRdf(JSON.stringify(claims), { format: 'application/ld+json', documentLoader: createTrustDocumentLoader({ contexts }), source: typeof credential.id === 'string' ? credential.id : 'credential' });
  const node = [...store.match(null, RDF_TYPE, namedNode(VERIFIABLE_CREDENTIAL))][0]?.subject;
  if (!node) throw new TypeError('The document does not describe a VerifiableCredential');
  return {
    dataset: store,
    node,
    types: [...store.match(node, RDF_TYPE, null)].map((quad) => quad.object.value),
    subjects: [...store.match(node, CREDENTIAL_SUBJECT, null)].map((quad) => quad.object),
  };
}

/** Expands a CURIE with a known MPLI prefix (`mpli:ISO27001`), or returns an IRI as it is. */
export function expandCurie(value: string): string {
  const match = /^([a-z][a-z0-9]*):(.*)$/i.exec(value);
  const namespace = match ? (NS as Record<string, string>)[match[1]!] : undefined;
  return namespace ? `${namespace}${match![2]}` : value;
}

/** The values reached from `start` along a path of CURIEs separated by `/`. */
export function valuesAt(dataset: DatasetCore, start: Term, path: string): Term[] {
  let current: Term[] = [start];
  for (const step of path.split('/')) {
    const predicate = namedNode(expandCurie(step.trim()));
    current = current.flatMap((node) => [...dataset.match(node as never, predicate, null)].map((quad) => quad.object));
  }
  return current;
}
