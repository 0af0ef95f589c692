import jsigs from 'jsonld-signatures';
import type { ContextMap } from '@mpli/core';
import { defaultTrustContexts } from '../contexts/bundled-contexts';
import type { DidResolver } from '../did/did-resolver';
import type { StatusChecker } from '../status/status-checker';
import type { Dispatcher } from 'undici';
import { unenvelope, verifyJwtCredential } from '../jose/jwt-credential';
import { createTrustDocumentLoader, unbundledContexts } from '../document-loader';
import { checkCryptosuite, verificationSuites } from './suites';
import { checkValidity } from './validity';
import { issuerOf } from './issuer-of';
import { errorReason } from './error-reason';
import { verifyEddsaRdfc2022 } from './eddsa-rdfc-2022';
import { eddsaVerifierFor } from './eddsa-verifiers';
import { verification, type Check, type Verification } from './verification-result';

/** What Digital Bazaar's verifiers return. */
type ProofResult = Awaited<ReturnType<typeof jsigs.verify>>;

/** Options for {@link verifyCredential} and {@link verifyPresentation}. */
export interface VerifyOptions {
  /** The moment of verification. Default: `new Date()`. */
  readonly now?: Date;
  readonly contexts?: ContextMap;
  readonly didResolver?: DidResolver;
  /** Checks `credentialStatus` entries (revocation, suspension); without one they are not checked, with a warning. */
  readonly status?: StatusChecker;
  /** Root certificates (PEM) that the certificate chains of JOSE-secured credentials must end at. */
  readonly trustedRoots?: readonly string[];
  /** The undici dispatcher for x5u fetches. */
  readonly dispatcher?: Dispatcher;
}

export { issuerOf } from './issuer-of';

/** The issuer check: the key that signed belongs to the issuer. */
export function checkIssuer(credential: Record<string, unknown>): Check {
  const issuer = issuerOf(credential);
  const proofs = ([] as unknown[]).concat(credential.proof ?? []) as { verificationMethod?: string }[];
  const signers = proofs.map((proof) => proof.verificationMethod?.split('#')[0]);
  if (!issuer) return { name: 'issuer', ok: false, message: 'the credential names no issuer' };
  return signers.length && signers.every((signer) => signer === issuer)
    ? { name: 'issuer', ok: true, message: `signed by a key of ${issuer}` }
    : { name: 'issuer', ok: false, message: `signed by ${signers.join(', ') || 'nobody'}, not by the issuer ${issuer}` };
}

const CREDENTIAL_CONTEXTS = ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/2018/credentials/v1'];

/** The form check: what the VC data model requires of every credential, before any cryptography. */
export function checkForm(credential: Record<string, unknown>): Check {
  const first = ([] as unknown[]).concat(credential['@context'] ?? [])[0];
  const types = ([] as unknown[]).concat(credential.type ?? []);
  const problems = [
    ...(typeof first === 'string' && CREDENTIAL_CONTEXTS.includes(first) ? [] : ['its first @context is not the VC 2.0 or 1.1 context']),
    ...(types.includes('VerifiableCredential') ? [] : ['its type does not include VerifiableCredential']),
    ...(credential.credentialSubject && typeof credential.credentialSubject === 'object' ? [] : ['it has no credentialSubject']),
  ];
  return problems.length ? { name: 'form', ok: false, message: `not a verifiable credential: ${problems.join('; ')}` } : { name: 'form', ok: true, message: 'a verifiable credential' };
}

/** The purpose check: a credential's proofs assert (`assertionMethod`); an authentication proof is a login, not a claim. */
export function checkAssertionPurpose(credential: Record<string, unknown>): Check {
  const purposes = (([] as unknown[]).concat(credential.proof ?? []) as { proofPurpose?: string }[]).map((proof) => proof.proofPurpose ?? '(none)');
  const wrong = purposes.filter((purpose) => purpose !== 'assertionMethod');
  return wrong.length
    ? { name: 'purpose', ok: false, message: `proof purpose ${wrong.join(', ')}; a credential is verified only for assertionMethod` }
    : { name: 'purpose', ok: true, message: 'assertionMethod' };
}

/** The context check: every context named by URL is bundled. */
export function contextCheck(document: Record<string, unknown>, contexts: ContextMap): Check {
  const { named, missing } = unbundledContexts(document, contexts);
  return missing.length
    ? { name: 'context', ok: false, message: `context ${missing.join(', ')} is not bundled; MPLI never fetches contexts` }
    : { name: 'context', ok: true, message: `${named.length} bundled context(s)` };
}

/**
 * Verifies a W3C Verifiable Credential (VC 2.0 with an eddsa-rdfc-2022 Data Integrity proof, or
 * VC 1.1 with Ed25519Signature2020) without any network access for contexts. Runs named checks
 * (form, context, cryptosuite, validity, issuer, purpose, proof, and status when the credential has a status entry and a checker is given) and returns them all; never throws for a bad
 * credential.
 *
 * @example
 * const result = await verifyCredential(credential);
 * if (!result.verified) console.log(result.errors); // ['validity: expired on 2026-01-01T00:00:00Z ...']
 */
export async function verifyCredential(input: Record<string, unknown> | string, options: VerifyOptions = {}): Promise<Verification> {
  if (typeof input !== 'string' && (!input || typeof input !== 'object')) throw new TypeError('verifyCredential needs a credential object or a vc+jwt string');
  const now = options.now ?? new Date();
  const contexts = options.contexts ?? defaultTrustContexts();
  const jwt = typeof input === 'string' ? input : unenvelope(input);
  if (jwt !== undefined) {
    const result = await verifyJwtCredential(jwt, {
      now,
      ...(options.didResolver ? { didResolver: options.didResolver } : {}),
      ...(options.trustedRoots ? { trustedRoots: options.trustedRoots } : {}),
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    });
    return result.credential && result.verified ? withStatus(result.checks, result.credential, options, now, contexts, result) : result;
  }
  // A string always went the JOSE way above.
  const credential = input as Record<string, unknown>;
  const checks: Check[] = [checkForm(credential), contextCheck(credential, contexts), checkCryptosuite(credential), checkValidity(credential, now), checkIssuer(credential), checkAssertionPurpose(credential)];
  if (checks.some((check) => !check.ok && (check.name === 'form' || check.name === 'context' || check.name === 'cryptosuite'))) return verification(checks);
  checks.push(await proofCheck(credential, options, contexts));
  return withStatus(checks, credential, options, now, contexts);
}

// Status is checked whatever secures the credential, once everything else holds or not.
async function withStatus(checks: readonly Check[], credential: Record<string, unknown>, options: VerifyOptions, now: Date, contexts: ContextMap, extra: Partial<Verification> = {}): Promise<Verification> {
  const keep = { ...(extra.credential ? { credential: extra.credential } : {}), ...(extra.x509Root ? { x509Root: extra.x509Root } : {}) };
  if (credential.credentialStatus === undefined) return { ...verification(checks), ...keep };
  if (!options.status) return { ...verification(checks, ['status: the credential has a status entry and no status checker was given; revocation was not checked']), ...keep };
  const didResolver = options.didResolver;
  const status = await options.status.check(credential, { now, contexts, ...(didResolver ? { didResolver } : {}), verify: (list, o) => verifyCredential(list, o) });
  return { ...verification([...checks, status]), ...keep };
}

// The signature alone, with the key checked against its controller's assertionMethod list; whether
// that controller is the issuer is the issuer check's business, so each failure has one name.
async function proofCheck(credential: Record<string, unknown>, options: VerifyOptions, contexts: ContextMap): Promise<Check> {
  const fast = await verifyEddsaRdfc2022(credential, 'assertionMethod', eddsaVerifierFor(contexts, options.didResolver));
  if (fast) return fast;
  try {
    const result = await jsigs.verify(credential, {
      suite: verificationSuites(),
      purpose: new jsigs.purposes.AssertionProofPurpose({}),
      documentLoader: createTrustDocumentLoader({ contexts, ...(options.didResolver ? { didResolver: options.didResolver } : {}) }),
    });
    if (result.verified) return { name: 'proof', ok: true, message: 'the signature verifies' };
    return { name: 'proof', ok: false, message: describeFailure(result) };
  } catch (error) {
    return { name: 'proof', ok: false, message: errorReason(error) };
  }
}

/** The most specific reason a Digital Bazaar verification gives. */
export function describeFailure(result: ProofResult): string {
  const nested = result.error?.errors?.map((e) => errorReason(e)).filter(Boolean) ?? [];
  const fromResults = (result.results ?? []).map((r) => r.error?.message).filter(Boolean);
  return [...new Set([...nested, ...fromResults, result.error?.message].filter(Boolean))].join('; ') || 'the proof does not verify';
}
