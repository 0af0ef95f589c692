import { NS } from '@mpli/shapes';
import { readManifest, readRequirements, subjectsOfType, type OfferingKind } from '@mpli/core';
import type { ParsedRdf } from '@mpli/core';

type Store = ParsedRdf['store'];

/** What a valid manifest holds, in a few numbers. */
export type ManifestSummary =
  | { readonly type: 'provider'; readonly provider: string; readonly offerings: Partial<Record<OfferingKind, number>>; readonly countries: readonly string[] }
  | { readonly type: 'requirements'; readonly consumer: string; readonly needs: number; readonly constraints: number };

/** Summarizes a valid provider or requirements manifest (undefined for other data). */
export function summarize(store: Store): ManifestSummary | undefined {
  if (subjectsOfType(store, `${NS.mpli}Manifest`).length === 1) {
    const manifest = readManifest(store);
    const offerings: Partial<Record<OfferingKind, number>> = {};
    for (const offering of manifest.offerings) offerings[offering.kind] = (offerings[offering.kind] ?? 0) + 1;
    const countries = [...new Set(manifest.offerings.flatMap((o) => o.locations.map((l) => l.country)))].sort();
    return { type: 'provider', provider: manifest.provider.name, offerings, countries };
  }
  if (subjectsOfType(store, `${NS.mpli}RequirementsManifest`).length === 1) {
    const requirements = readRequirements(store);
    const constraints = requirements.mustHave.length + requirements.niceToHave.length +
      requirements.needs.reduce((sum, need) => sum + need.mustHave.length + need.niceToHave.length, 0);
    return { type: 'requirements', consumer: requirements.consumer.name, needs: requirements.needs.length, constraints };
  }
  return undefined;
}
