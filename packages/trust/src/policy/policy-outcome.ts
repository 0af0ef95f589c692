import type { Verification } from '../credentials/verification-result';

/** One step of a chain of evidence, from the credential up to an anchor of the policy. */
export interface ChainLink {
  /** The credential that is this step; absent for the anchor itself. */
  readonly credential?: string;
  /** Who vouches. */
  readonly issuer: string;
  /** For whom. */
  readonly subject: string;
  /** Why this step holds, for people. */
  readonly reason: string;
}

/** A claim a credential establishes under the policy. */
export interface EstablishedClaim {
  readonly claim: string;
  /** The index of the policy rule that established it. */
  readonly rule: number;
  /** The credential's id (or `credential #<index>` when it has none). */
  readonly credential: string;
  readonly types: readonly string[];
  readonly subject: string;
  readonly issuer: string;
  readonly validUntil?: string;
  /** For certification credentials: the schemes certified (IRIs such as mpli:ISO27001). */
  readonly schemes?: readonly string[];
  /** The chain of evidence: the credential, then each accreditation, then the anchor. */
  readonly chain: readonly ChainLink[];
}

/** A credential that a rule covers but that establishes nothing, with every reason. */
export interface FailedCredential {
  readonly credential: string;
  readonly types: readonly string[];
  readonly issuer?: string;
  /** The claim it was meant to establish, when one rule applied. */
  readonly claim?: string;
  /** Each reason, prefixed by the check that failed (`validity: …`, `policy: …`). */
  readonly reasons: readonly string[];
}

/** The outcome of {@link verifyWithPolicy}. */
export interface PolicyOutcome {
  readonly policy: string;
  readonly established: readonly EstablishedClaim[];
  readonly failed: readonly FailedCredential[];
  /** Credentials no rule covers (accreditations used in chains are listed in `supporting`). */
  readonly unused: readonly { readonly credential: string; readonly reason: string }[];
  /** Accreditation credentials that some chain of evidence used. */
  readonly supporting: readonly string[];
  /** Each credential's own verification, in input order. */
  readonly verifications: readonly Verification[];
}
