/**
 * A party's trust policy: whom it trusts, for what. Written as JSON (see the package README for
 * the format) and read with `parseTrustPolicy` / `loadTrustPolicy`.
 */
export interface TrustPolicy {
  /** The policy's IRI: clearing houses name it in the labels they issue. */
  readonly id: string;
  readonly name?: string;
  readonly anchors: readonly TrustAnchor[];
  readonly rules: readonly PolicyRule[];
  /** The longest accreditation chain followed from an anchor to an issuer. Default 3. */
  readonly maxChainLength: number;
}

/** An issuer trusted by decision of the policy's author, not by any credential. */
export interface TrustAnchor {
  /** The name rules use for it, such as `belac`. */
  readonly name: string;
  /** Its DID, for credentials with Data Integrity proofs. */
  readonly did?: string;
  /** A root certificate (PEM), for JOSE credentials signed under an X.509 chain (x5c). */
  readonly x509?: string;
  readonly description?: string;
}

/** When a credential of a type establishes a claim. */
export interface PolicyRule {
  /** The claim the credential establishes, for people: "ISO/IEC 27001 certification". */
  readonly claim: string;
  /** The credential type, an IRI or CURIE: `mpli:CertificationCredential`. */
  readonly credentialType: string;
  /**
   * Conditions on the credential's subject: a path of CURIEs separated by `/` to the value it
   * must have (an IRI, CURIE or literal), such as `{ "mpli:certification/mpli:scheme": "mpli:ISO27001" }`.
   */
  readonly where: Readonly<Record<string, string>>;
  readonly issuers: IssuerRule;
  /** Reject credentials that became valid (validFrom) more than this many days before the check. */
  readonly maxAgeDays?: number;
  /** The credential must carry a status entry, and its status must have been checked and found good. */
  readonly requireStatus: boolean;
  /** Types of evidence (the VC `evidence` property) the credential must carry, such as `AuditReport`. */
  readonly requiredEvidence: readonly string[];
}

/** Which issuers a rule accepts: directly, by anchor, or through accreditation chains rooted at anchors. */
export interface IssuerRule {
  /** Anchors (by name) trusted to issue the credential themselves. */
  readonly anchors: readonly string[];
  /** Anchors (by name) whose accreditations, followed down chains, make an issuer trusted. */
  readonly accreditedBy: readonly string[];
  /**
   * What the accreditation must cover (an IRI or CURIE, in mpli:accreditedFor): a scheme such as
   * `mpli:ISO27001`. Default: the rule's credential type.
   */
  readonly accreditedFor?: string;
}
