import type { Certification, NodeId, Offering, Prerequisite } from './manifest-types';

export interface Address {
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  readonly street?: string;
  readonly locality?: string;
  readonly postalCode?: string;
}

/** A registration number of a legal person (the Gaia-X kinds). */
export interface RegistrationNumber {
  readonly type: 'vatID' | 'leiCode' | 'eori' | 'local';
  readonly value: string;
}

export interface Contact {
  readonly email?: string;
  readonly telephone?: string;
  readonly url?: string;
}

export interface TrustAnchor {
  /** A DID or the IRI of an X.509 root. */
  readonly identifier: string;
  readonly label?: string;
  /** Credential type IRIs; empty means every type. */
  readonly trustedFor: readonly string[];
}

export interface Provider {
  readonly id: NodeId;
  /** Legal name. */
  readonly name: string;
  readonly registrationNumbers: readonly RegistrationNumber[];
  readonly headquarters: Address;
  readonly legalAddress?: Address;
  readonly contacts: readonly Contact[];
  readonly manifestLocation?: string;
  readonly did?: string;
  readonly trustAnchors: readonly TrustAnchor[];
  /** Manifest locations of peer providers. */
  readonly peers: readonly string[];
  /** Registry URLs of marketplaces that list the provider. */
  readonly marketplaces: readonly string[];
  readonly certifications: readonly Certification[];
}

/** A provider manifest: the provider, its offerings, and prerequisites for all of them. */
export interface Manifest {
  readonly id: NodeId;
  readonly title?: string;
  /** ISO 8601 date-time of the last change. */
  readonly modified: string;
  readonly provider: Provider;
  readonly offerings: readonly Offering[];
  readonly prerequisites: readonly Prerequisite[];
}
