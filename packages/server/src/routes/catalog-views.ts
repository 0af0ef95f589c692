import { readManifest, type Catalog, type CatalogEntry, type Offering } from '@mpli/core';

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
  // A manifest is replaced whole when it changes (a new entry), so summaries are kept per entry:
  // a crawl that changes one manifest costs one manifest's reading, not the catalog's.
  private readonly perEntry = new WeakMap<CatalogEntry, { provider: ProviderSummary; offerings: OfferingSummary[] }>();

  constructor(private readonly catalog: Catalog) {}

  current(): { providers: readonly ProviderSummary[]; offerings: readonly OfferingSummary[] } {
    if (this.built?.version !== this.catalog.version) {
      const entries = this.catalog.manifests().map((entry) => this.summaries(entry));
      this.built = { version: this.catalog.version, providers: entries.map((e) => e.provider), offerings: entries.flatMap((e) => e.offerings) };
    }
    return this.built;
  }

  private summaries(entry: CatalogEntry): { provider: ProviderSummary; offerings: OfferingSummary[] } {
    let summaries = this.perEntry.get(entry);
    if (!summaries) {
      const manifest = readManifest(entry.dataset, { id: entry.id });
      const provider = manifest.provider;
      summaries = {
        provider: {
          manifest: entry.id, name: provider.name, country: provider.headquarters.country, offerings: manifest.offerings.length,
          ...(provider.did ? { did: provider.did } : {}), ...(provider.manifestLocation ? { manifestLocation: provider.manifestLocation } : {}), ...(entry.source ? { source: entry.source } : {}),
        },
        offerings: manifest.offerings.map((offering) => summarize(offering, entry.id, provider.name)),
      };
      this.perEntry.set(entry, summaries);
    }
    return summaries;
  }
}

function summarize(offering: Offering, manifest: string, provider: string): OfferingSummary {
  return {
    id: offering.id, identifier: offering.identifier, name: offering.name, kind: offering.kind, manifest, provider,
    countries: [...new Set(offering.locations.map((l) => l.country))],
    prices: offering.prices.map((p) => ({ amount: p.amount, currency: p.currency, ...(p.per ? { per: p.per } : {}) })),
  };
}
