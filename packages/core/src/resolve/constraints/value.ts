import type { Term } from '@rdfjs/types';
import { NS } from '@mpli/shapes';
import type { OfferingIndex } from '../../catalog/offering-index';
import type { AllowedValue, ValueConstraint } from '../../model/requirements-types';
import { compactIri, termText } from '../../validation/term-text';
import { readsSlaClaim, slaEvidence } from '../claim-evidence';
import type { CompiledConstraint } from '../compiled-constraint';
import type { ResolveContext } from '../context';
import { FAILED, MET, NOT_EVIDENCED, type ConstraintOutcome } from '../outcome';

const NUMERIC = new Set(['integer', 'decimal', 'double', 'float', 'int', 'long'].map((t) => `${NS.xsd}${t}`));

/** A key under which equal values meet: IRIs by IRI, numbers by value, booleans, else text. */
export function termValueKey(term: Term): string {
  if (term.termType !== 'Literal') return `I:${term.value}`;
  if (term.datatype.value === `${NS.xsd}boolean`) return `B:${term.value === 'true' || term.value === '1'}`;
  if (NUMERIC.has(term.datatype.value)) return `N:${Number(term.value)}`;
  return `S:${term.value}`;
}

function allowedKey(value: AllowedValue): string {
  if (typeof value === 'object') return `I:${value.iri}`;
  if (typeof value === 'boolean') return `B:${value}`;
  if (typeof value === 'number') return `N:${value}`;
  return `S:${value}`;
}

const show = (value: AllowedValue) => (typeof value === 'object' ? compactIri(value.iri) : JSON.stringify(value));

/** A value constraint: some value at the path is one of the allowed values. */
export function compileValue(constraint: ValueConstraint, context: ResolveContext): CompiledConstraint {
  const path = constraint.path.map((p) => compactIri(p)).join('/');
  const allowed = new Set(constraint.allowed.map(allowedKey));
  const expected = constraint.allowed.length === 1 ? `= ${show(constraint.allowed[0] as AllowedValue)}` : `one of ${constraint.allowed.map(show).join(', ')}`;
  const claim = readsSlaClaim(constraint.path);
  const accepted = (index: OfferingIndex, row: number) => (claim && !slaEvidence(index, row, context).evidenced ? NOT_EVIDENCED : MET);
  return {
    constraint,
    label: constraint.label ?? `${path} ${expected}`,
    path,
    expected,
    evaluate(index) {
      const column = index.keyColumn(constraint.path, 'value', termValueKey);
      const mask = column.mask(allowed);
      const statuses = new Uint8Array(index.rows);
      for (let row = 0; row < index.rows; row += 1) {
        statuses[row] = !column.has(row) ? NOT_EVIDENCED : column.any(row, mask) ? accepted(index, row) : FAILED;
      }
      return statuses;
    },
    explain(index, row): ConstraintOutcome {
      const values = index.pathColumn(constraint.path).of(row);
      const actual = values.length ? values.map((v) => termText(v)).join(', ') : '(nothing)';
      if (!values.length) return { status: 'notEvidenced', actual, reason: `the offering does not state ${path}` };
      const hit = values.find((v) => allowed.has(termValueKey(v)));
      if (!hit) return { status: 'failed', actual, reason: `${actual} is not ${expected}` };
      if (accepted(index, row) === NOT_EVIDENCED) return { status: 'notEvidenced', actual, reason: 'the SLA names no credential that backs it' };
      return { status: 'met', actual, evidence: `${path} ${termText(hit)}` };
    },
    relax(index, rows) {
      const counts = new Map<string, { term: Term; rows: Set<number> }>();
      const column = index.pathColumn(constraint.path);
      for (const row of rows) {
        for (const value of column.of(row)) {
          const entry = counts.get(termValueKey(value)) ?? { term: value, rows: new Set<number>() };
          entry.rows.add(row);
          counts.set(termValueKey(value), entry);
        }
      }
      const best = [...counts.values()].sort((a, b) => b.rows.size - a.rows.size)[0];
      return best ? { change: `also allow ${termText(best.term)} in "${constraint.label ?? path}"`, wouldAdd: best.rows.size } : undefined;
    },
  };
}
