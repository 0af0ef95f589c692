import type { OfferingKind } from '../model/vocabulary-names';
import type { RelaxationHint } from './compiled-constraint';
import type { ConstraintStatus } from './outcome';
import type { RequiredAction } from './prerequisites';

/** How one constraint went for one offering, as results report it. */
export interface ConstraintReport {
  readonly label: string;
  readonly importance: 'mustHave' | 'niceToHave';
  readonly path?: string;
  readonly expected: string;
  readonly status: ConstraintStatus;
  readonly actual: string;
  readonly evidence?: string;
  readonly reason?: string;
  /** For a failed must-have of a near miss: what would let this offering through. */
  readonly hint?: string;
}

/** An offering as results name it. */
export interface OfferingSummary {
  readonly id: string;
  readonly identifier: string;
  readonly name: string;
  readonly kind: OfferingKind | undefined;
  readonly provider: { readonly id: string | undefined; readonly name: string | undefined };
  /** The manifest it comes from (its IRI) and, when known, the file or URL it was read from. */
  readonly manifest: string;
  readonly source?: string;
}

/** An offering that meets every must-have. */
export interface OfferingMatch {
  readonly rank: number;
  /** `match`: ready to order; `needsAction`: the consumer must first meet the provider's prerequisites. */
  readonly status: 'match' | 'needsAction';
  readonly offering: OfferingSummary;
  /** Between 0 and 1; see `ResolveOptions.weights` for how it is made. */
  readonly score: number;
  readonly scoreParts: { readonly niceToHave: number; readonly price: number };
  /** The price used for ranking, on the need's common basis, when one was comparable. */
  readonly price?: string;
  readonly constraints: readonly ConstraintReport[];
  readonly actions: readonly RequiredAction[];
}

/** An offering that fails or cannot evidence some must-have, with each reason. */
export interface OfferingRejection {
  readonly offering: OfferingSummary;
  /** Must-haves not met (failed or not evidenced). */
  readonly misses: number;
  readonly constraints: readonly ConstraintReport[];
}

/** The answer for one need. */
export interface NeedResult {
  readonly need: { readonly id: string; readonly title?: string; readonly kind: OfferingKind };
  /** Offerings of the need's kind in the catalog. */
  readonly candidates: number;
  readonly counts: { readonly matches: number; readonly needsAction: number; readonly nearMisses: number; readonly rejected: number };
  /** Ranked, best first; at most `top`. */
  readonly matches: readonly OfferingMatch[];
  /** Offerings missing one or two must-haves (`nearMissMaxMisses`), each explained; at most `maxNearMisses`. */
  readonly nearMisses: readonly OfferingRejection[];
  /** Every other rejected offering, explained, when `explain: 'all'`. */
  readonly rejected: readonly OfferingRejection[];
  /** Changes to the requirements that would add offerings that now fail only one must-have. */
  readonly relaxations: readonly RelaxationHint[];
  /** What prices were compared on ("EUR per month"). */
  readonly priceBasis?: string;
  /** Currencies of candidate prices that could not be converted to that basis (no rate). */
  readonly unconvertedCurrencies: readonly string[];
}

/** The answer to `resolve`. */
export interface ResolveResult {
  readonly asOf: string;
  readonly needs: readonly NeedResult[];
  /** Said when prices in several currencies met and no rate table was given. */
  readonly notes: readonly string[];
}
