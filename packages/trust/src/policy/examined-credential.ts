import { type ContextMap } from '@mpli/core';
import { checkShape } from '../credentials/check-shape';
import { credentialGraph, type CredentialGraph } from '../credentials/credential-graph';
import type { Check, Verification } from '../credentials/verification-result';
import { issuerOf } from '../credentials/verify-credential';

/** A credential after verification and reading as RDF: what policy rules are judged on. */
export interface ExaminedCredential {
  readonly index: number;
  readonly id: string;
  readonly credential: Record<string, unknown>;
  readonly verification: Verification;
  readonly issuer: string | undefined;
  readonly graph: CredentialGraph | undefined;
  /** Failed checks, the credential's own and its shape's, as `name: message`. */
  readonly problems: readonly string[];
}

/** Reads a verified credential as RDF and checks its shape, collecting every problem. */
export async function examine(index: number, credential: Record<string, unknown>, verification: Verification, contexts: ContextMap): Promise<ExaminedCredential> {
  const id = typeof credential.id === 'string' ? credential.id : `credential #${index}`;
  const problems = [...verification.errors];
  let graph: CredentialGraph | undefined;
  // A credential whose contexts are not bundled cannot be read; verification already said so.
  if (!verification.checks.some((check) => !check.ok && (check.name === 'context' || check.name === 'form' || check.name === 'cryptosuite'))) {
    try {
      graph = await credentialGraph(credential, contexts);
      const shape: Check = await checkShape(graph);
      if (!shape.ok) problems.push(`shape: ${shape.message}`);
    } catch (error) {
      problems.push(`form: cannot read the credential as RDF: ${(error as Error).message}`);
    }
  }
  return { index, id, credential, verification, issuer: issuerOf(credential), graph, problems };
}

/** The moment a credential became valid: validFrom (VC 2.0) or issuanceDate (VC 1.1). */
export function validFromOf(credential: Record<string, unknown>): string | undefined {
  const value = credential.validFrom ?? credential.issuanceDate;
  return typeof value === 'string' ? value : undefined;
}

/** The end of a credential's validity: validUntil (VC 2.0) or expirationDate (VC 1.1). */
export function validUntilOf(credential: Record<string, unknown>): string | undefined {
  const value = credential.validUntil ?? credential.expirationDate;
  return typeof value === 'string' ? value : undefined;
}
