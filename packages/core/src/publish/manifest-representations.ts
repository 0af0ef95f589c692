import { createHash } from 'node:crypto';
import type { DatasetCore } from '@rdfjs/types';
import { NS } from '@mpli/shapes';
import { parseRdf } from '../rdf/parse';
import { serializeRdf } from '../rdf/serialize';
import type { RdfFormat } from '../rdf/formats';

/** The formats a manifest is served in, the first being the default. */
export const SERVED_FORMATS = ['text/turtle', 'application/ld+json', 'application/n-quads'] as const;

/** One serialisation of the manifest, ready to send. */
export interface Representation {
  readonly contentType: string;
  readonly body: Buffer;
  readonly etag: string;
}

/** Every representation of one version of a manifest, built whole before it is served. */
export interface ManifestVersion {
  readonly representations: ReadonlyMap<string, Representation>;
  readonly lastModified: Date;
}

/** A manifest to publish: a dataset, or text in any format MPLI reads. */
export type ManifestSource = DatasetCore | { readonly text: string; readonly format?: RdfFormat; readonly source?: string };

/**
 * Serialises a manifest in every served format, with a strong ETag per representation, and its
 * last modification: `lastModified`, else the manifest's dcterms:modified, else now.
 */
export async function buildVersion(manifest: ManifestSource, lastModified?: Date): Promise<ManifestVersion> {
  const dataset = 'text' in manifest ? (await parseRdf(manifest.text, { ...(manifest.format ? { format: manifest.format } : {}), ...(manifest.source ? { source: manifest.source } : {}) })).store : manifest;
  const representations = new Map<string, Representation>();
  for (const format of SERVED_FORMATS) {
    const body = Buffer.from(await serializeRdf(dataset, format), 'utf8');
    representations.set(format, { contentType: `${format}; charset=utf-8`, body, etag: etagOf(body) });
  }
  return { representations, lastModified: lastModified ?? modifiedOf(dataset) ?? new Date() };
}

/** A strong ETag: a digest of the exact bytes sent. */
export function etagOf(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

function modifiedOf(dataset: DatasetCore): Date | undefined {
  for (const quad of dataset.match(null, { termType: 'NamedNode', value: `${NS.dcterms}modified` } as never, null)) {
    const date = new Date(quad.object.value);
    if (!Number.isNaN(date.getTime())) return date;
  }
  return undefined;
}
