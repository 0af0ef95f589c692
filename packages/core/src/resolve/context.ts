import type { CurrencyRates } from './currency-rates';

/**
 * Decides whether a credential backs a claim. `@mpli/core` never verifies credentials itself: the
 * trust package implements this from verified credentials and the consumer's policy, and the app
 * wires it in. Without one, a claim that names a credential (mpli:evidencedBy) counts as evidenced.
 */
export interface EvidenceVerifier {
  isEvidenced(credential: string, claim: EvidenceClaim): boolean;
}

/** The provider of an offering, as its manifest names it: the credential may be about either. */
export interface ProviderRef {
  readonly id: string;
  readonly did?: string;
}

/** The provider of a row, for evidence claims. */
export function providerRef(provider: { readonly id: string; readonly did?: string } | undefined): { provider?: ProviderRef } {
  return provider ? { provider: { id: provider.id, ...(provider.did ? { did: provider.did } : {}) } } : {};
}

/** The claim a credential is asked to back. */
export type EvidenceClaim =
  /** An offering's certification (of `scheme`) or SLA, claimed in its provider's manifest. */
  | { readonly kind: 'certification' | 'sla'; readonly offering: string; readonly scheme?: string; readonly provider?: ProviderRef }
  /** A credential the consumer holds (legal identity, say) to meet a provider's prerequisite. */
  | { readonly kind: 'identity'; readonly credentialType: string; readonly holder?: string };

/** What constraints need besides the catalog. */
export interface ResolveContext {
  /** The day of matching (ISO date): country-group membership and certificate validity. */
  readonly asOf: string;
  readonly rates: CurrencyRates | undefined;
  readonly evidence: EvidenceVerifier;
}

/** Counts any named credential as evidence. */
export const PRESENCE_IS_EVIDENCE: EvidenceVerifier = { isEvidenced: () => true };
