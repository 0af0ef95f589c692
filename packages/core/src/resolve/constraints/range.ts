import { BASE_UNIT_SYMBOL } from '@mpli/shapes';
import type { OfferingIndex } from '../../catalog/offering-index';
import { MpliError } from '../../errors/mpli-error';
import type { RangeConstraint } from '../../model/requirements-types';
import { compactIri } from '../../validation/term-text';
import { checkRange, describeBound, exactBound, inUnit, type ExactBound } from '../bounds';
import { readsSlaClaim, slaEvidence } from '../claim-evidence';
import type { CompiledConstraint } from '../compiled-constraint';
import type { ResolveContext } from '../context';
import { FAILED, MET, NOT_EVIDENCED, type ConstraintOutcome } from '../outcome';
import { compare } from '../../quantity/rational';

const displayPath = (path: readonly string[]) => path.map((p) => compactIri(p)).join('/');

function expectedText(min: ExactBound | undefined, max: ExactBound | undefined): string {
  if (min && max) return `between ${describeBound(min)} and ${describeBound(max)}`;
  if (min) return `≥ ${describeBound(min)}`;
  return `≤ ${describeBound(max as ExactBound)}`;
}

/**
 * A range constraint: some value at the path lies between the bounds (inclusive). Bounds and
 * values are compared in the base unit of their kind, exactly; a value of another kind (a bare
 * number against GiB) does not count. No value at all is "not evidenced"; so is a value read from
 * an SLA that no credential backs.
 */
export function compileRange(constraint: RangeConstraint, context: ResolveContext): CompiledConstraint {
  const path = displayPath(constraint.path);
  const min = exactBound(constraint.min);
  const max = exactBound(constraint.max);
  if (!min && !max) throw new MpliError('INVALID_REQUIREMENTS', `"${constraint.label ?? path}" has neither a minimum nor a maximum`, { details: { path: constraint.path } });
  const label = constraint.label ?? `${path} ${expectedText(min, max)}`;
  checkRange(label, min, max);
  const kind = (min ?? max)?.kind ?? 'number';
  const unit = (min ?? max)?.unit ?? (kind === 'number' ? undefined : BASE_UNIT_SYMBOL[kind]);
  const claim = readsSlaClaim(constraint.path);

  return {
    constraint,
    label,
    path,
    expected: expectedText(min, max),
    evaluate(index: OfferingIndex): Uint8Array {
      const statuses = index.pathColumn(constraint.path).presence(FAILED, NOT_EVIDENCED);
      const column = index.numericColumn(constraint.path);
      if (!claim) {
        column.markInRange(kind, min?.value, max?.value, statuses, MET);
        return statuses;
      }
      column.forEachInRange(kind, min?.value, max?.value, (row) => {
        statuses[row] = slaEvidence(index, row, context).evidenced ? MET : NOT_EVIDENCED;
      });
      return statuses;
    },
    explain(index: OfferingIndex, row: number): ConstraintOutcome {
      const values = index.numericColumn(constraint.path).of(row);
      const actual = values.length ? values.map((v) => v.text).join(', ') : index.pathColumn(constraint.path).count(row) ? index.pathColumn(constraint.path).of(row).map((t) => t.value).join(', ') : '(nothing)';
      const fits = values.find((v) => v.kind === kind && (!min || compare(v.exact, min.value) >= 0) && (!max || compare(v.exact, max.value) <= 0));
      if (!values.length) return { status: 'notEvidenced', actual, reason: actual === '(nothing)' ? `the offering does not state ${path}` : `${actual} is not a ${kind === 'number' ? 'number' : `${kind} quantity`}` };
      if (!fits) return { status: 'failed', actual, reason: `${actual} is not ${expectedText(min, max)}` };
      if (claim) {
        const sla = slaEvidence(index, row, context);
        if (!sla.evidenced) return { status: 'notEvidenced', actual, reason: 'the SLA names no credential that backs it' };
        return { status: 'met', actual, evidence: `${path} ${fits.text} (SLA evidenced by ${sla.credential})` };
      }
      return { status: 'met', actual, evidence: `${path} ${fits.text}` };
    },
    relax(index: OfferingIndex, rows: readonly number[]) {
      const { lowest, highest, rows: admitted } = index.numericColumn(constraint.path).extremes(kind, rows);
      const changes: string[] = [];
      if (min && lowest && compare(lowest.exact, min.value) < 0) changes.push(`lower the minimum to ${inUnit(lowest.exact, unit, 'down')}`);
      if (max && highest && compare(highest.exact, max.value) > 0) changes.push(`raise the maximum to ${inUnit(highest.exact, unit, 'up')}`);
      return changes.length ? { change: `${changes.join(' and ')} ("${label}")`, wouldAdd: admitted } : undefined;
    },
  };
}
