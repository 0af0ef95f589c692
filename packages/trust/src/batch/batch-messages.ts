import type { DidWebOptions } from '../did/did-web';
import type { Verification } from '../credentials/verification-result';

/** What a verifier worker is started with: everything that stays the same across batches. */
export interface WorkerSetup {
  readonly contexts?: ReadonlyMap<string, unknown>;
  /** did:web resolution in the worker (no dispatcher: it cannot cross threads). */
  readonly didWeb?: Omit<DidWebOptions, 'dispatcher' | 'clock'>;
  readonly trustedRoots?: readonly string[];
}

/** One chunk of credentials to verify. */
export interface ChunkRequest {
  readonly id: number;
  readonly credentials: readonly (Record<string, unknown> | string)[];
  /** The moment of verification, ISO 8601. */
  readonly now: string;
}

/** A chunk's verifications, in the order of its credentials. */
export interface ChunkResponse {
  readonly id: number;
  readonly results?: readonly Verification[];
  readonly error?: string;
}
