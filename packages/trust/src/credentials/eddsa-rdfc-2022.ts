import { createHash, verify } from 'node:crypto';
import { decode as base58Decode } from 'base58-universal';
import jsonld, { type DocumentLoader } from 'jsonld';
import type { ProofConfigCanonicalizer } from './proof-config-canon';
import type { VerificationKeyCache } from './verification-keys';
import type { Check } from './verification-result';
import { errorReason } from './error-reason';

const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
// XSD dateTimeStamp, as Data Integrity requires of `created` and `expires`.
const DATE_TIME_STAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** What the eddsa-rdfc-2022 verifier needs, shared across credentials. */
export interface EddsaVerifier {
  readonly documentLoader: DocumentLoader;
  readonly proofConfigs: ProofConfigCanonicalizer;
  readonly keys: VerificationKeyCache;
}

/**
 * Verifies an eddsa-rdfc-2022 Data Integrity proof the way the W3C algorithm says (RDFC-1.0 of
 * the document and of the proof configuration, SHA-256 of each, Ed25519 over their
 * concatenation), with keys and proof-configuration templates cached. Returns undefined when the
 * credential is outside the fast path (several proofs, a VC 1.1 context, an embedded context on
 * the proof), for the caller to use the general jsonld-signatures path.
 */
export async function verifyEddsaRdfc2022(credential: Record<string, unknown>, purpose: 'assertionMethod' | 'authentication', verifier: EddsaVerifier): Promise<Check | undefined> {
  const proof = credential.proof as Record<string, unknown> | undefined;
  const context = credential['@context'];
  if (!proof || Array.isArray(proof) || proof.type !== 'DataIntegrityProof' || proof.cryptosuite !== 'eddsa-rdfc-2022' || '@context' in proof) return undefined;
  if (!Array.isArray(context) || context[0] !== VC_V2) return undefined;
  const { proofValue, ...config } = proof;
  if (typeof proofValue !== 'string' || !proofValue.startsWith('z') || typeof config.verificationMethod !== 'string') return undefined;
  try {
    const proofCanonical = await verifier.proofConfigs.canonicalize(context, config);
    if (proofCanonical === undefined) return undefined;
    for (const field of ['created', 'expires'] as const) {
      if (config[field] !== undefined && !DATE_TIME_STAMP.test(String(config[field]))) return fail(`"proof.${field}" (${String(config[field])}) must be an XSD dateTimeStamp`);
    }
    if (config.proofPurpose !== purpose) return fail(`the proof is for ${String(config.proofPurpose)}, not ${purpose}`);
    const { proof: _proof, ...document } = credential;
    const [key, documentCanonical] = await Promise.all([
      verifier.keys.get(config.verificationMethod),
      jsonld.canonize(document, { algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader: verifier.documentLoader, safe: true, base: null }),
    ]);
    if (!key.purposes.has(purpose)) return fail(`${config.verificationMethod} is not authorized for ${purpose} by its controller ${key.controller}`);
    const data = Buffer.concat([sha256(proofCanonical), sha256(documentCanonical)]);
    const signature = base58Decode(proofValue.slice(1));
    if (signature.length !== 64) return fail('the proofValue is not a 64-byte Ed25519 signature');
    return verify(null, data, key.key, signature) ? { name: 'proof', ok: true, message: 'the signature verifies' } : fail('Invalid signature.');
  } catch (error) {
    return fail(errorReason(error));
  }
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();
const fail = (message: string): Check => ({ name: 'proof', ok: false, message });
