import { MpliError } from '@mpli/core';
import { unitBySymbol, unitByTerm, unitTerm } from '@mpli/shapes';

/** Throws INVALID_INPUT naming the field: the one error readers of credentials give. */
export const invalid = (field: string, problem: string): MpliError => new MpliError('INVALID_INPUT', `${field} ${problem}`);

export function object(value: unknown, field: string): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalid(field, 'must be an object');
  return value as Record<string, unknown>;
}

export function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') throw invalid(field, 'must be a non-empty string');
  return value;
}

export const optionalText = (value: unknown, field: string): string | undefined => (value === undefined ? undefined : text(value, field));

/** A JSON-LD list that may be a single value. */
export const many = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** The context term of a unit symbol (`h` → `HR`). */
export function termOfUnit(symbol: string, field: string): string {
  const unit = unitBySymbol(symbol);
  if (!unit) throw invalid(field, `names the unknown unit "${symbol}"`);
  return unitTerm(unit);
}

/** The unit symbol of a context term (`HR` → `h`). */
export function unitOfTerm(term: unknown, field: string): string {
  const unit = unitByTerm(text(term, field));
  if (!unit) throw invalid(field, `names the unknown unit "${String(term)}"`);
  return unit.symbol;
}

/** Whether a credential's type list includes this type. */
export const hasType = (credential: Record<string, unknown>, type: string): boolean => many(credential.type).includes(type);
