import { NodeReader, readManifest, readOffering, readProvider, type Catalog, type Offering, type TermsReference } from '@mpli/core';

/** An offering of the provider's catalog, with what its manifest says around it. */
export interface FoundOffering {
  readonly offering: Offering;
  /** The provider's DID, as its manifest declares it. */
  readonly providerDid?: string;
  /** The terms a consumer accepts: the offering's own, and the manifest's terms-acceptance prerequisites. */
  readonly terms: readonly TermsReference[];
}

/** Finds an offering of the provider's catalog by its IRI. */
export function findOffering(catalog: Catalog, iri: string): FoundOffering | undefined {
  for (const entry of catalog.manifests()) {
    const term = entry.offerings.find((t) => t.value === iri);
    if (!term) continue;
    const offering = readOffering(new NodeReader(entry.dataset, term));
    const providerDid = entry.provider ? readProvider(new NodeReader(entry.dataset, entry.provider)).did : undefined;
    const manifestTerms = readManifest(entry.dataset, { id: entry.manifest.value }).prerequisites.flatMap((p) => (p.kind === 'termsAcceptance' ? [p.terms] : []));
    return { offering, ...(providerDid ? { providerDid } : {}), terms: [...offering.terms, ...manifestTerms] };
  }
  return undefined;
}
