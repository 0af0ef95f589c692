import jsigs from 'jsonld-signatures';
import type { ContextMap } from '@mpli/core';
import { defaultTrustContexts } from '../contexts/bundled-contexts';
import { createTrustDocumentLoader } from '../document-loader';
import { checkCryptosuite, verificationSuites } from '../credentials/suites';
import { contextCheck, describeFailure, verifyCredential, type VerifyOptions } from '../credentials/verify-credential';
import { verification, type Check, type Verification } from '../credentials/verification-result';

/** Options for {@link verifyPresentation}. */
export interface PresentationVerifyOptions extends VerifyOptions {
  /** The challenge this verifier issued for this presentation. Required: it is what stops replay. */
  readonly challenge: string;
  /** The verifier's domain; when given, the proof must name it. */
  readonly domain?: string;
  /** How old the presentation's proof may be. Default 600 s. */
  readonly maxAgeSeconds?: number;
}

/** A presentation's verification, with each embedded credential's own. */
export interface PresentationVerification extends Verification {
  readonly holder?: string;
  readonly credentials: readonly Verification[];
}

type Proof = { proofPurpose?: string; challenge?: string; domain?: string | string[]; created?: string; verificationMethod?: string };

/**
 * Verifies a presentation: its own proof (authentication purpose, the verifier's challenge and
 * domain, freshness, signed by the holder) and every credential in it. Named checks: context,
 * cryptosuite, purpose, challenge, freshness, holder, proof, credentials.
 *
 * @example
 * const result = await verifyPresentation(vp, { challenge, domain: 'https://market.example' });
 * result.verified; result.credentials[0].checks;
 */
export async function verifyPresentation(presentation: Record<string, unknown>, options: PresentationVerifyOptions): Promise<PresentationVerification> {
  if (!presentation || typeof presentation !== 'object') throw new TypeError('verifyPresentation needs a presentation object');
  if (typeof options.challenge !== 'string' || !options.challenge) throw new TypeError('verifyPresentation needs the challenge the verifier issued');
  const now = options.now ?? new Date();
  const contexts = options.contexts ?? defaultTrustContexts();
  const proofs = ([] as unknown[]).concat(presentation.proof ?? []) as Proof[];
  const holder = typeof presentation.holder === 'string' ? presentation.holder : (presentation.holder as { id?: string } | undefined)?.id;
  const checks: Check[] = [contextCheck(presentation, contexts), checkCryptosuite(presentation), purposeCheck(proofs), challengeCheck(proofs, options), freshnessCheck(proofs, now, options.maxAgeSeconds ?? 600), holderCheck(proofs, holder)];
  const embedded = ([] as unknown[]).concat(presentation.verifiableCredential ?? []) as Record<string, unknown>[];
  const credentials = await Promise.all(embedded.map((credential) => verifyCredential(credential, options)));
  if (!checks.some((check) => !check.ok && (check.name === 'context' || check.name === 'cryptosuite'))) {
    checks.push(await proofCheck(presentation, options, contexts));
  }
  checks.push(credentialsCheck(embedded, credentials));
  return { ...verification(checks), ...(holder ? { holder } : {}), credentials };
}

function purposeCheck(proofs: Proof[]): Check {
  const wrong = proofs.filter((proof) => proof.proofPurpose !== 'authentication');
  return wrong.length || proofs.length === 0
    ? { name: 'purpose', ok: false, message: `a presentation proof must be for authentication, not ${wrong.map((p) => p.proofPurpose ?? '(none)').join(', ') || '(no proof)'}` }
    : { name: 'purpose', ok: true, message: 'authentication' };
}

function challengeCheck(proofs: Proof[], options: PresentationVerifyOptions): Check {
  const proof = proofs[0];
  if (!proof || proof.challenge !== options.challenge) {
    return { name: 'challenge', ok: false, message: `the proof answers challenge ${JSON.stringify(proof?.challenge ?? null)}, not this verifier's: a replay or another session` };
  }
  const domains = ([] as unknown[]).concat(proof.domain ?? []);
  if (options.domain !== undefined && !domains.includes(options.domain)) {
    return { name: 'challenge', ok: false, message: `the proof is for domain ${JSON.stringify(proof.domain ?? null)}, not ${options.domain}` };
  }
  return { name: 'challenge', ok: true, message: `answers the challenge${options.domain ? ` for ${options.domain}` : ''}` };
}

function freshnessCheck(proofs: Proof[], now: Date, maxAgeSeconds: number): Check {
  const created = proofs[0]?.created;
  if (!created || Number.isNaN(Date.parse(created))) return { name: 'freshness', ok: false, message: 'the proof has no creation time' };
  const age = (now.getTime() - Date.parse(created)) / 1000;
  if (age > maxAgeSeconds) return { name: 'freshness', ok: false, message: `the proof was created ${Math.round(age)} s ago, more than ${maxAgeSeconds} s` };
  // Clocks differ; five minutes ahead is tolerated, as Digital Bazaar's libraries do.
  if (age < -300) return { name: 'freshness', ok: false, message: `the proof claims to be created in the future (${created})` };
  return { name: 'freshness', ok: true, message: `created ${Math.max(0, Math.round(age))} s ago` };
}

function holderCheck(proofs: Proof[], holder: string | undefined): Check {
  const signers = proofs.map((proof) => proof.verificationMethod?.split('#')[0]);
  if (!holder) return { name: 'holder', ok: true, message: `no holder named; signed by ${signers.join(', ')}` };
  return signers.length && signers.every((signer) => signer === holder)
    ? { name: 'holder', ok: true, message: `signed by the holder ${holder}` }
    : { name: 'holder', ok: false, message: `signed by ${signers.join(', ') || 'nobody'}, not by the holder ${holder}` };
}

async function proofCheck(presentation: Record<string, unknown>, options: PresentationVerifyOptions, contexts: ContextMap): Promise<Check> {
  const purpose = new jsigs.purposes.AuthenticationProofPurpose({ challenge: options.challenge, ...(options.domain !== undefined ? { domain: options.domain } : {}) });
  try {
    const result = await jsigs.verify(presentation, {
      suite: verificationSuites(),
      purpose,
      documentLoader: createTrustDocumentLoader({ contexts, ...(options.didResolver ? { didResolver: options.didResolver } : {}) }),
    });
    return result.verified ? { name: 'proof', ok: true, message: 'the signature verifies' } : { name: 'proof', ok: false, message: describeFailure(result) };
  } catch (error) {
    return { name: 'proof', ok: false, message: (error as Error).message };
  }
}

function credentialsCheck(embedded: Record<string, unknown>[], results: Verification[]): Check {
  const failed = results.flatMap((result, i) => (result.verified ? [] : [`credential ${i + 1}${typeof embedded[i]?.id === 'string' ? ` (${String(embedded[i].id)})` : ''}: ${result.errors.join('; ')}`]));
  return failed.length
    ? { name: 'credentials', ok: false, message: failed.join(' | ') }
    : { name: 'credentials', ok: true, message: `${results.length} credential(s) verified` };
}
