import type { OfferingIndex } from '../catalog/offering-index';
import type { Constraint } from '../model/requirements-types';
import type { ConstraintOutcome } from './outcome';

/** A relaxation that would let more offerings through one constraint. */
export interface RelaxationHint {
  /** For people: "raise the maximum price to 0.21 EUR/h". */
  readonly change: string;
  /** How many offerings (now failing only this constraint) it would add. */
  readonly wouldAdd: number;
}

/**
 * One requirement constraint turned into code over an {@link OfferingIndex}: it judges every row
 * at once (the fast path), explains one row (for results), and suggests how to relax it.
 */
export interface CompiledConstraint {
  readonly constraint: Constraint;
  /** A name for people: the constraint's label, or one made from it. */
  readonly label: string;
  /** The property path it looks at, compacted (`mpli:memory`), when it has one. */
  readonly path?: string;
  /** What it asks for, for people: "≥ 16 GiB", "in EU (27 countries on 2026-12-01)". */
  readonly expected: string;
  /** A status code (MET, FAILED, NOT_EVIDENCED) per row of the index. */
  evaluate(index: OfferingIndex): Uint8Array;
  explain(index: OfferingIndex, row: number): ConstraintOutcome;
  /** The smallest change that admits every row in `rows` (rows failing only this constraint). */
  relax?(index: OfferingIndex, rows: readonly number[]): RelaxationHint | undefined;
}
