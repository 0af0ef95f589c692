/** The checks verification runs, each named. */
export type CheckName = 'form' | 'shape' | 'certificate' | 'digest' | 'provider' | 'context' | 'cryptosuite' | 'validity' | 'proof' | 'issuer' | 'purpose' | 'challenge' | 'freshness' | 'holder' | 'credentials' | 'status' | 'policy';

/** One check's outcome. */
export interface Check {
  readonly name: CheckName;
  readonly ok: boolean;
  /** For people: what was checked, and why it failed. */
  readonly message: string;
}

/**
 * The outcome of verifying a credential or presentation. `verified` is true only when every
 * check passed. Verification never throws for a bad credential; it throws `TypeError` only when
 * called wrongly.
 */
export interface Verification {
  readonly verified: boolean;
  readonly checks: readonly Check[];
  /** The messages of the failed checks. */
  readonly errors: readonly string[];
  readonly warnings: readonly string[];
  /** For credentials signed under an X.509 chain: the SHA-256 fingerprint of the trusted root it ends at. */
  readonly x509Root?: string;
  /** For JOSE-secured credentials: the credential the envelope carries. */
  readonly credential?: Record<string, unknown>;
}

/** Builds a Verification from checks. */
export function verification(checks: readonly Check[], warnings: readonly string[] = []): Verification {
  const errors = checks.filter((check) => !check.ok).map((check) => `${check.name}: ${check.message}`);
  return { verified: errors.length === 0, checks, errors, warnings };
}
