import type { CurrencyRates } from './currency-rates';

/**
 * Decides whether a credential backs a claim. `@mpli/core` never verifies credentials itself: the
 * trust package implements this from verified credentials and the consumer's policy, and the app
 * wires it in. Without one, a claim that names a credential (mpli:evidencedBy) counts as evidenced.
 */
export interface EvidenceVerifier {
  isEvidenced(credential: string, claim: { readonly kind: 'certification' | 'sla'; readonly offering: string; readonly scheme?: string }): boolean;
}

/** What constraints need besides the catalog. */
export interface ResolveContext {
  /** The day of matching (ISO date): country-group membership and certificate validity. */
  readonly asOf: string;
  readonly rates: CurrencyRates | undefined;
  readonly evidence: EvidenceVerifier;
}

/** Counts any named credential as evidence. */
export const PRESENCE_IS_EVIDENCE: EvidenceVerifier = { isEvidenced: () => true };
