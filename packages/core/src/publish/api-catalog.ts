/** The media type of an RFC 9727 API catalog: an RFC 9264 linkset, with the api-catalog profile. */
export const API_CATALOG_MEDIA_TYPE = 'application/linkset+json; profile="https://www.rfc-editor.org/info/rfc9727"';

/** A link target in a linkset (RFC 9264 §4.2). */
export interface LinkTarget {
  readonly href: string;
  readonly type?: string;
  readonly title?: string;
}

/**
 * The `/.well-known/api-catalog` document (RFC 9727) of a provider: the catalog lists the MPLI
 * manifest as an `item` in each format it is served in, and the manifest's own context links its
 * signature, credentials and the vocabulary that describes it.
 */
export function apiCatalog(baseUrl: string, manifest: { readonly path: string; readonly formats: readonly string[]; readonly links: Readonly<Record<string, readonly LinkTarget[]>> }): { linkset: Record<string, unknown>[] } {
  const base = baseUrl.replace(/\/+$/, '');
  const manifestUrl = `${base}${manifest.path}`;
  return {
    linkset: [
      { anchor: `${base}/.well-known/api-catalog`, item: manifest.formats.map((type) => ({ href: manifestUrl, type, title: 'MPLI provider manifest' })) },
      { anchor: manifestUrl, describedby: [{ href: 'https://w3id.org/mpli', title: 'The MPLI vocabulary and shapes' }], ...manifest.links },
    ],
  };
}

/** A DID document service entry announcing the provider's MPLI manifest. */
export function manifestService(did: string, manifestUrl: string): { id: string; type: string; serviceEndpoint: string } {
  return { id: `${did}#mpli-manifest`, type: 'MpliManifest', serviceEndpoint: manifestUrl };
}

/** A copy of a DID document with the manifest's service entry added (or replaced). */
export function withManifestService<T extends { id: string; service?: readonly { id: string }[] }>(didDocument: T, manifestUrl: string): T {
  const entry = manifestService(didDocument.id, manifestUrl);
  return { ...didDocument, service: [...(didDocument.service ?? []).filter((s) => s.id !== entry.id), entry] };
}
