/** A verification method as DID documents list them. */
export interface VerificationMethod {
  readonly id: string;
  readonly type: string;
  readonly controller: string;
  readonly publicKeyMultibase?: string;
  readonly publicKeyJwk?: Record<string, unknown>;
}

/** The parts of a DID document MPLI reads. */
export interface DidDocument {
  readonly '@context'?: unknown;
  readonly id: string;
  readonly verificationMethod?: readonly VerificationMethod[];
  readonly assertionMethod?: readonly (string | VerificationMethod)[];
  readonly authentication?: readonly (string | VerificationMethod)[];
  readonly service?: readonly { id: string; type: string | string[]; serviceEndpoint: unknown }[];
}

/** Resolves a DID (no fragment) to its document. */
export type DidMethodResolver = (did: string) => Promise<DidDocument>;
