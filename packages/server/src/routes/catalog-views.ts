import { readManifest, type Catalog, type Offering } from '@mpli/core';

/** A provider as GET /providers lists it. */
export interface ProviderSummary {
  readonly manifest: string;
  readonly name: string;
  readonly did?: string;
  readonly country: string;
  readonly manifestLocation?: string;
  readonly offerings: number;
  readonly source?: string;
}

/** An offering as GET /offerings lists it. */
export interface OfferingSummary {
  readonly id: string;
  readonly identifier: string;
  readonly name: string;
  readonly kind: string;
  readonly manifest: string;
  readonly provider: string;
  readonly countries: readonly string[];
  readonly prices: readonly { readonly amount: string; readonly currency: string; readonly per?: string }[];
}

/**
 * Summaries of what a catalog holds, built once per catalog version (the catalog says when it
 * changed), so listing and paging cost no more than slicing an array.
 */
export class CatalogViews {
  private built: { version: number; providers: ProviderSummary[]; offerings: OfferingSummary[] } | undefined;

  constructor(private readonly catalog: Catalog) {}

  current(): { providers: readonly ProviderSummary[]; offerings: readonly OfferingSummary[] } {
    if (this.built?.version !== this.catalog.version) this.built = { version: this.catalog.version, ...this.build() };
    return this.built;
  }

  private build(): { providers: ProviderSummary[]; offerings: OfferingSummary[] } {
    const providers: ProviderSummary[] = [];
    const offerings: OfferingSummary[] = [];
    for (const entry of this.catalog.manifests()) {
      const manifest = readManifest(entry.dataset, { id: entry.id });
      const provider = manifest.provider;
      providers.push({
        manifest: entry.id, name: provider.name, country: provider.headquarters.country, offerings: manifest.offerings.length,
        ...(provider.did ? { did: provider.did } : {}), ...(provider.manifestLocation ? { manifestLocation: provider.manifestLocation } : {}), ...(entry.source ? { source: entry.source } : {}),
      });
      for (const offering of manifest.offerings) offerings.push(summarize(offering, entry.id, provider.name));
    }
    return { providers, offerings };
  }
}

function summarize(offering: Offering, manifest: string, provider: string): OfferingSummary {
  return {
    id: offering.id, identifier: offering.identifier, name: offering.name, kind: offering.kind, manifest, provider,
    countries: [...new Set(offering.locations.map((l) => l.country))],
    prices: offering.prices.map((p) => ({ amount: p.amount, currency: p.currency, ...(p.per ? { per: p.per } : {}) })),
  };
}
