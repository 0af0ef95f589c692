import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import type { SigningKey } from '../keys/signing-key';
import type { Check } from './verification-result';

/** The Data Integrity cryptosuites and legacy proof types MPLI verifies. */
export const SUPPORTED_PROOFS = ['DataIntegrityProof/eddsa-rdfc-2022', 'Ed25519Signature2020'] as const;

/** The suites a verifier tries: eddsa-rdfc-2022 Data Integrity proofs and VC 1.1 Ed25519Signature2020. */
export function verificationSuites(): unknown[] {
  return [new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }), new Ed25519Signature2020()];
}

/** The suite that signs with an Ed25519 key: Data Integrity with eddsa-rdfc-2022. */
export function signingSuite(key: SigningKey, date?: Date): unknown {
  return new DataIntegrityProof({ signer: key.signer(), cryptosuite: eddsaRdfc2022, ...(date ? { date } : {}) });
}

/** The cryptosuite check: every proof is of a kind MPLI verifies. */
export function checkCryptosuite(document: Record<string, unknown>): Check {
  const proofs = ([] as unknown[]).concat(document.proof ?? []) as Record<string, unknown>[];
  if (proofs.length === 0) return { name: 'cryptosuite', ok: false, message: 'no proof' };
  const kinds = proofs.map((proof) => (proof.type === 'DataIntegrityProof' ? `DataIntegrityProof/${String(proof.cryptosuite)}` : String(proof.type)));
  const unknown = kinds.filter((kind) => !(SUPPORTED_PROOFS as readonly string[]).includes(kind));
  return unknown.length
    ? { name: 'cryptosuite', ok: false, message: `unsupported proof ${unknown.join(', ')} (MPLI verifies ${SUPPORTED_PROOFS.join(', ')})` }
    : { name: 'cryptosuite', ok: true, message: kinds.join(', ') };
}
