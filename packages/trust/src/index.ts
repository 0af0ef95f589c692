/**
 * `@mpli/trust`: federated trust for MPLI. Issue and verify W3C Verifiable Credentials
 * (eddsa-rdfc-2022 Data Integrity proofs with Ed25519 Multikey keys; VC 1.1 Ed25519Signature2020),
 * resolve DIDs, and load JSON-LD contexts from bundled copies only, never the network.
 *
 * @packageDocumentation
 */
export { trustContexts, GAIA_X_2511_CONTEXT_URL, JWS_2020_CONTEXT_URL } from './contexts/bundled-contexts';
export { createTrustDocumentLoader, assertBundledContexts, type TrustLoaderOptions } from './document-loader';
export { generateSigningKey, importSigningKey, exportSecret, type SigningKey, type ExportedSigningKey, type PublicKeyDescription } from './keys/signing-key';
export { DidResolver } from './did/did-resolver';
export { resolveDidKey } from './did/did-key';
export { didWebResolver, didWebUrl, type DidWebOptions } from './did/did-web';
export type { DidDocument, DidMethodResolver, VerificationMethod } from './did/did-document';
export { issueCredential, type IssueOptions } from './credentials/issue-credential';
export { credentialDateTime } from './credentials/date-time';
export { verifyCredential, issuerOf, type VerifyOptions } from './credentials/verify-credential';
export { SUPPORTED_PROOFS } from './credentials/suites';
export type { Check, CheckName, Verification } from './credentials/verification-result';
export { signPresentation, createChallenge, type PresentOptions } from './presentations/sign-presentation';
export { verifyPresentation, type PresentationVerifyOptions, type PresentationVerification } from './presentations/verify-presentation';
export { checkShape } from './credentials/check-shape';
export { credentialGraph, type CredentialGraph } from './credentials/credential-graph';
export type { TrustPolicy, TrustAnchor, PolicyRule, IssuerRule } from './policy/trust-policy';
export { parseTrustPolicy, loadTrustPolicy } from './policy/parse-policy';
export { verifyWithPolicy, type PolicyOptions } from './policy/verify-with-policy';
export type { PolicyOutcome, EstablishedClaim, FailedCredential, ChainLink } from './policy/policy-outcome';
export { StatusList, MIN_STATUS_LIST_LENGTH, type StatusEntry, type StatusPurpose } from './status/status-list';
export { createStatusChecker, type StatusChecker, type StatusCheckerOptions } from './status/status-checker';
export { verifyJwtCredential, signJwtCredential, envelope, unenvelope, VC_JWT_MEDIA_TYPE, type JwtVerifyOptions, type JwtSignOptions, type JwtVerification } from './jose/jwt-credential';
export { JOSE_ALGORITHMS, type JoseAlgorithm } from './jose/jwt-keys';
export { checkChain, certificatesFromPem, certificatesFromX5c, type ChainCheck } from './jose/x509-chain';
export { policyEvidence } from './policy/policy-evidence';
export { manifestDigest, type ManifestDigest, type DigestOptions } from './manifests/manifest-digest';
export { signManifest, type SignManifestOptions } from './manifests/sign-manifest';
export { verifyManifest, createManifestVerifier, type ManifestVerification } from './manifests/verify-manifest';
export { VerifierPool, verifyCredentials, type PoolOptions } from './batch/verifier-pool';
export { agreementCredential, readAgreementTerms, type AgreementTerms, type AgreementInput } from './agreements/agreement-terms';
export { proposeAgreement, countersignAgreement } from './agreements/sign-agreement';
export { verifyAgreement, type AgreementVerifyOptions, type AgreementVerification } from './agreements/verify-agreement';
export { proposeSuccession, checkSuccession } from './agreements/succession';
