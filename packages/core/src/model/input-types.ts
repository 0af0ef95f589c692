import type { Offering, Prerequisite } from './manifest-types';
import type { Provider, TrustAnchor } from './party-types';
import type { Consumer, Constraint, ServiceNeed } from './requirements-types';

type ArrayKeys<T> = { [K in keyof T]-?: NonNullable<T[K]> extends readonly unknown[] ? K : never }[keyof T];

/**
 * The builder's input for a read-model type: the same shape, with `id` and every list optional
 * (an absent list is an empty one). Distributes over unions such as {@link Offering}.
 */
export type Buildable<T> = T extends unknown
  ? Omit<T, ArrayKeys<T> | 'id'> & Partial<Pick<T, Extract<ArrayKeys<T> | 'id', keyof T>>>
  : never;

/** An offering to build; `provider` defaults to the manifest's provider. */
export type OfferingInput = Buildable<Offering> extends infer O ? (O extends unknown ? Omit<O, 'provider'> & { provider?: string } : never) : never;

export type ProviderInput = Omit<Buildable<Provider>, 'trustAnchors'> & {
  /** The provider's IRI; required, since offerings and consumers refer to it. */
  id: string;
  trustAnchors?: readonly Buildable<TrustAnchor>[];
};

/** A provider manifest to build. */
export interface ManifestInput {
  /** The manifest's IRI; defaults to the provider's manifest location, else a blank node. */
  readonly id?: string;
  readonly title?: string;
  /** ISO 8601 date-time of the last change; defaults to the builder's clock. */
  readonly modified?: string;
  readonly provider: ProviderInput;
  readonly offerings: readonly OfferingInput[];
  readonly prerequisites?: readonly Prerequisite[];
}

/** A requirements manifest to build. */
export interface RequirementsInput {
  readonly id?: string;
  readonly consumer: Buildable<Consumer>;
  readonly needs: readonly Buildable<ServiceNeed>[];
  readonly mustHave?: readonly Constraint[];
  readonly niceToHave?: readonly Constraint[];
}
