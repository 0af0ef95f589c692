import { mpli } from '@mpli/shapes';
import { MpliError } from '../errors/mpli-error';
import type { Constraint, Requirements, ServiceNeed } from '../model/requirements-types';
import type { OfferingKind } from '../model/vocabulary-names';
import type { CompiledConstraint } from './compiled-constraint';
import type { ResolveContext } from './context';
import { compileCertification } from './constraints/certification';
import { compileLocation } from './constraints/location';
import { compilePrice } from './constraints/price';
import { compileProvider } from './constraints/provider';
import { compileRange } from './constraints/range';
import { compileValue } from './constraints/value';
import { pathProblem } from './property-domains';

/** One need, its constraints compiled: the manifest-wide ones first, then the need's own. */
export interface CompiledNeed {
  readonly need: ServiceNeed;
  readonly kind: OfferingKind;
  readonly mustHave: readonly CompiledConstraint[];
  readonly niceToHave: readonly CompiledConstraint[];
}

/** Compiles one constraint; throws `INVALID_REQUIREMENTS` when it could never be met. */
export function compileConstraint(constraint: Constraint, kind: OfferingKind, context: ResolveContext): CompiledConstraint {
  if (constraint.type === 'range' || constraint.type === 'value') {
    if (constraint.path.length === 0) throw new MpliError('INVALID_REQUIREMENTS', `"${constraint.label ?? constraint.type}" has an empty path`);
    const problem = pathProblem(constraint.path, mpli[kind]);
    if (problem) throw new MpliError('INVALID_REQUIREMENTS', `"${constraint.label ?? constraint.type}": ${problem}, so nothing can match`, { details: { path: constraint.path, kind } });
  }
  if (constraint.type === 'value' && constraint.allowed.length === 0) throw new MpliError('INVALID_REQUIREMENTS', `"${constraint.label ?? 'value constraint'}" allows no value`);
  if (constraint.weight !== undefined && !(constraint.weight > 0)) throw new MpliError('INVALID_REQUIREMENTS', `"${constraint.label ?? constraint.type}" has a weight that is not positive`);
  switch (constraint.type) {
    case 'range':
      return compileRange(constraint, context);
    case 'value':
      return compileValue(constraint, context);
    case 'location':
      return compileLocation(constraint, context);
    case 'certification':
      return compileCertification(constraint, context);
    case 'price':
      return compilePrice(constraint, context);
    case 'provider':
      return compileProvider(constraint);
  }
}

/**
 * Turns requirements into a plan per need. Everything that can be checked without the catalog
 * is checked here, before any search: contradictory ranges, unknown units or currencies, paths
 * that do not apply to the kind of offering, empty sets. Throws `INVALID_REQUIREMENTS`,
 * `UNKNOWN_UNIT` or `UNKNOWN_CURRENCY`.
 */
export function compileRequirements(requirements: Requirements, context: ResolveContext): CompiledNeed[] {
  if (requirements.needs.length === 0) throw new MpliError('INVALID_REQUIREMENTS', 'The requirements name no need');
  return requirements.needs.map((need) => ({
    need,
    kind: need.kind,
    mustHave: [...requirements.mustHave, ...need.mustHave].map((c) => compileConstraint(c, need.kind, context)),
    niceToHave: [...requirements.niceToHave, ...need.niceToHave].map((c) => compileConstraint(c, need.kind, context)),
  }));
}
