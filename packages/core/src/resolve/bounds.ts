import { BASE_UNIT_SYMBOL } from '@mpli/shapes';
import type { NumericKind } from '../catalog/numeric-value';
import { MpliError } from '../errors/mpli-error';
import type { Bound } from '../model/requirements-types';
import { requireUnit, toBaseUnits } from '../quantity/quantity';
import { compare, divide, fromNumber, parseDecimal, roundTo, toDecimalString, type Rational } from '../quantity/rational';

/** A range bound in the base unit of its kind, with the unit it was written in. */
export interface ExactBound {
  readonly kind: NumericKind;
  readonly value: Rational;
  /** The unit the requirement used ("GiB"), or undefined for plain numbers. */
  readonly unit: string | undefined;
}

/** Reads a bound; throws `UNKNOWN_UNIT` for a unit MPLI does not know. */
export function exactBound(bound: Bound | undefined): ExactBound | undefined {
  if (bound === undefined) return undefined;
  if (typeof bound === 'number') return { kind: 'number', value: fromNumber(bound), unit: undefined };
  return { kind: requireUnit(bound.unit).kind, value: toBaseUnits(bound), unit: bound.unit };
}

/** Checks that two bounds measure the same kind and that min ≤ max; throws `INVALID_REQUIREMENTS`. */
export function checkRange(label: string, min: ExactBound | undefined, max: ExactBound | undefined): void {
  if (min && max && min.kind !== max.kind) {
    throw new MpliError('INVALID_REQUIREMENTS', `"${label}": its minimum is a ${min.kind} and its maximum a ${max.kind}`, { details: { constraint: label } });
  }
  if (min && max && compare(min.value, max.value) > 0) {
    throw new MpliError('INVALID_REQUIREMENTS', `"${label}": the minimum ${describeBound(min)} is above the maximum ${describeBound(max)}, so nothing can match`, {
      details: { constraint: label },
    });
  }
}

/** A base-unit value expressed in `unit` (or as a plain number), rounded outwards when asked. */
export function inUnit(value: Rational, unit: string | undefined, round?: 'down' | 'up'): string {
  const factor = unit ? parseDecimal(requireUnit(unit).factor) : undefined;
  const scaled = factor ? divide(value, factor) : value;
  const text = toDecimalString(round ? roundTo(scaled, 6, round) : scaled, 6);
  return unit ? `${text} ${unit}` : text;
}

/** "16 GiB", or "4" for a plain number. */
export function describeBound(bound: ExactBound): string {
  return inUnit(bound.value, bound.unit ?? (bound.kind === 'number' ? undefined : BASE_UNIT_SYMBOL[bound.kind]));
}
