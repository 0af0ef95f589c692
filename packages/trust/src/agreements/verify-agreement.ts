import type { ContextMap } from '@mpli/core';
import { MpliError } from '@mpli/core';
import { defaultTrustContexts } from '../contexts/bundled-contexts';
import type { DidResolver } from '../did/did-resolver';
import { verifyEddsaRdfc2022 } from '../credentials/eddsa-rdfc-2022';
import { eddsaVerifierFor } from '../credentials/eddsa-verifiers';
import { checkValidity } from '../credentials/validity';
import { verification, type Check, type Verification } from '../credentials/verification-result';
import { checkForm, contextCheck } from '../credentials/verify-credential';
import { readAgreementTerms, type AgreementTerms } from './agreement-terms';

/** Options for {@link verifyAgreement}. */
export interface AgreementVerifyOptions {
  /** The moment of verification. Default: now. */
  readonly now?: Date;
  readonly contexts?: ContextMap;
  readonly didResolver?: DidResolver;
  /** Verify a proposal: the consumer's proof alone is expected, not the provider's. */
  readonly proposal?: boolean;
}

/** An agreement's verification, with the terms it states when its form is right. */
export interface AgreementVerification extends Verification {
  readonly terms?: AgreementTerms;
}

/**
 * Verifies an agreement the way anyone shown it can: its form, bundled contexts, validity
 * period, and a proof set of exactly two eddsa-rdfc-2022 proofs, one by a key of the consumer
 * (who issued it) and one by a key of the provider, each over the same unsigned credential.
 * Never throws for a bad agreement.
 *
 * @example
 * const { verified, errors, terms } = await verifyAgreement(agreement);
 */
export async function verifyAgreement(agreement: Record<string, unknown>, options: AgreementVerifyOptions = {}): Promise<AgreementVerification> {
  const contexts = options.contexts ?? defaultTrustContexts();
  const checks: Check[] = [checkForm(agreement), contextCheck(agreement, contexts)];
  let terms: AgreementTerms | undefined;
  try {
    terms = readAgreementTerms(agreement);
    checks.push({ name: 'shape', ok: true, message: `an agreement between ${terms.consumer} and ${terms.provider}` });
  } catch (error) {
    checks.push({ name: 'shape', ok: false, message: error instanceof MpliError ? error.message : String(error) });
  }
  if (!terms || checks.some((c) => !c.ok)) return verification(checks);
  checks.push(checkValidity(agreement, options.now ?? new Date()));
  checks.push(agreement.issuer === terms.consumer ? { name: 'issuer', ok: true, message: `issued by the consumer ${terms.consumer}` } : { name: 'issuer', ok: false, message: `issued by ${String(agreement.issuer)}, not by the consumer ${terms.consumer}` });
  checks.push(...(await proofChecks(agreement, terms, contexts, options)));
  return { ...verification(checks), terms };
}

/** One check per party: its proof is there, by its key, for assertion, and verifies. */
async function proofChecks(agreement: Record<string, unknown>, terms: AgreementTerms, contexts: ContextMap, options: AgreementVerifyOptions): Promise<Check[]> {
  const proofs = ([] as unknown[]).concat(agreement.proof ?? []) as Record<string, unknown>[];
  const parties = options.proposal ? [['consumer', terms.consumer]] : [['consumer', terms.consumer], ['provider', terms.provider]];
  const signerOf = (proof: Record<string, unknown>) => String(proof.verificationMethod ?? '').split('#')[0];
  const strangers = proofs.filter((p) => !parties.some(([, did]) => signerOf(p) === did));
  const checks: Check[] = strangers.length ? [{ name: 'proof', ok: false, message: `signed also by ${strangers.map(signerOf).join(', ')}, not a party` }] : [];
  const verifier = eddsaVerifierFor(contexts, options.didResolver);
  for (const [role, did] of parties) {
    const own = proofs.filter((p) => signerOf(p) === did);
    if (own.length !== 1) {
      checks.push({ name: 'proof', ok: false, message: `${own.length ? 'more than one proof' : 'no proof'} by the ${role} ${did}` });
      continue;
    }
    const { proof: _all, ...unsigned } = agreement;
    const result = await verifyEddsaRdfc2022({ ...unsigned, proof: own[0] }, 'assertionMethod', verifier);
    checks.push(result
      ? { ...result, message: result.ok ? `the ${role}'s signature verifies` : `the ${role}'s signature: ${result.message}` }
      : { name: 'proof', ok: false, message: `the ${role}'s proof is not an eddsa-rdfc-2022 Data Integrity proof` });
  }
  return checks;
}
