/** A constraint's verdict on one offering. */
export type ConstraintStatus = 'met' | 'failed' | 'notEvidenced';

/** Status codes in the per-row arrays the fast path computes. */
export const MET = 0;
export const FAILED = 1;
/** A claim with no credential behind it, or a value the offering does not state. */
export const NOT_EVIDENCED = 2;

export const STATUS_NAMES: readonly ConstraintStatus[] = ['met', 'failed', 'notEvidenced'];

/** How one constraint went for one offering, for people. */
export interface ConstraintOutcome {
  readonly status: ConstraintStatus;
  /** What the offering states, such as "8 vCPU" or "BE, NL"; "(nothing)" when it states nothing. */
  readonly actual: string;
  /** The fact that decided a met constraint: the value, and the credential behind it when there is one. */
  readonly evidence?: string;
  /** Why it failed or is not evidenced, when the statuses alone do not say. */
  readonly reason?: string;
}
