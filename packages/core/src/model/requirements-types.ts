import type { CountryGroupName } from '@mpli/shapes';
import type { Quantity } from '../quantity/quantity';
import type { NodeId, PriceLimit, TermsReference } from './manifest-types';
import type { Address, RegistrationNumber } from './party-types';
import type { AssuranceLevel, CertificationScheme, EidasLevel, OfferingKind } from './vocabulary-names';

/** A bound of a range constraint: a plain number, or a quantity with a unit. */
export type Bound = number | Quantity;

/** An allowed value: a literal, or `{ iri }` for an IRI such as `mpli:X86_64`. */
export type AllowedValue = string | number | boolean | { readonly iri: string };

interface ConstraintBase {
  readonly id?: NodeId;
  /** A name for explanations ("at least 16 GiB of memory"). */
  readonly label?: string;
  /** Weight of a nice-to-have in the ranking; 1 when absent. */
  readonly weight?: number;
}

/** The value at `path` (property IRIs followed in order) lies between `min` and `max` inclusive. */
export interface RangeConstraint extends ConstraintBase {
  readonly type: 'range';
  readonly path: readonly string[];
  readonly min?: Bound;
  readonly max?: Bound;
}

/** A value at `path` is one of `allowed`. */
export interface ValueConstraint extends ConstraintBase {
  readonly type: 'value';
  readonly path: readonly string[];
  readonly allowed: readonly AllowedValue[];
}

/** Every location is in an allowed country or group (on `asOf`) and not excluded. */
export interface LocationConstraint extends ConstraintBase {
  readonly type: 'location';
  readonly countries?: readonly string[];
  readonly groups?: readonly CountryGroupName[];
  readonly excludedCountries?: readonly string[];
  /** ISO date for group membership; the day of matching when absent. */
  readonly asOf?: string;
}

/** The offering is certified under `scheme`, at `minimumLevel` or above. */
export interface CertificationConstraint extends ConstraintBase {
  readonly type: 'certification';
  readonly scheme: CertificationScheme;
  readonly minimumLevel?: AssuranceLevel;
}

/** The offering's price, converted to the limit's period and quantity, is at most `max`. */
export interface PriceConstraint extends ConstraintBase {
  readonly type: 'price';
  readonly max: PriceLimit;
}

/** The provider is one of `preferred` (when given) and none of `excluded`. */
export interface ProviderConstraint extends ConstraintBase {
  readonly type: 'provider';
  readonly preferred?: readonly string[];
  readonly excluded?: readonly string[];
}

export type Constraint =
  | RangeConstraint | ValueConstraint | LocationConstraint | CertificationConstraint | PriceConstraint | ProviderConstraint;

export interface ServiceNeed {
  readonly id: NodeId;
  readonly title?: string;
  readonly kind: OfferingKind;
  readonly mustHave: readonly Constraint[];
  readonly niceToHave: readonly Constraint[];
}

/** A credential the consumer holds. */
export interface HeldCredential {
  readonly credentialType: string;
  readonly issuer?: string;
  readonly credentialId?: string;
  readonly eidasLevel?: EidasLevel;
}

export interface Consumer {
  readonly id: NodeId;
  readonly name: string;
  readonly headquarters?: Address;
  readonly registrationNumbers: readonly RegistrationNumber[];
  readonly credentials: readonly HeldCredential[];
  readonly acceptedTerms: readonly TermsReference[];
  readonly maximumCommitment?: PriceLimit;
}

/** A consumer's requirements: its needs, constraints on all of them, and its own facts. */
export interface Requirements {
  readonly id: NodeId;
  readonly consumer: Consumer;
  readonly needs: readonly ServiceNeed[];
  /** Constraints that apply to every need. */
  readonly mustHave: readonly Constraint[];
  readonly niceToHave: readonly Constraint[];
}
