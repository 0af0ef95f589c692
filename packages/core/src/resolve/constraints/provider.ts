import { NS } from '@mpli/shapes';
import type { ProviderConstraint } from '../../model/requirements-types';
import { compactIri } from '../../validation/term-text';
import type { CompiledConstraint } from '../compiled-constraint';
import { FAILED, MET } from '../outcome';

const PROVIDED_BY = [`${NS.gx}providedBy`];

/** A provider constraint: the provider is one of the preferred (when any) and none of the excluded. */
export function compileProvider(constraint: ProviderConstraint): CompiledConstraint {
  const preferred = new Set(constraint.preferred ?? []);
  const excluded = new Set(constraint.excluded ?? []);
  const parts = [preferred.size ? `one of ${[...preferred].map((p) => compactIri(p)).join(', ')}` : '', excluded.size ? `not ${[...excluded].map((p) => compactIri(p)).join(', ')}` : ''];
  const expected = parts.filter(Boolean).join(' and ');
  const ok = (provider: string | undefined) => provider !== undefined && !excluded.has(provider) && (preferred.size === 0 || preferred.has(provider));
  return {
    constraint,
    label: constraint.label ?? `provider ${expected}`,
    path: 'gx:providedBy',
    expected,
    evaluate(index) {
      const column = index.keyColumn(PROVIDED_BY, 'lexical', (term) => term.value);
      const good = column.mask(preferred);
      const bad = column.mask(excluded);
      const statuses = new Uint8Array(index.rows);
      for (let row = 0; row < index.rows; row += 1) {
        statuses[row] = column.has(row) && !column.any(row, bad) && (preferred.size === 0 || column.any(row, good)) ? MET : FAILED;
      }
      return statuses;
    },
    explain(index, row) {
      const provider = index.pathColumn(PROVIDED_BY).of(row)[0]?.value;
      const name = index.provider(row)?.name ?? provider ?? '(unknown)';
      return ok(provider) ? { status: 'met', actual: name, evidence: `provided by ${name}` } : { status: 'failed', actual: name, reason: `${name} is ${excluded.has(provider ?? '') ? 'excluded' : 'not a preferred provider'}` };
    },
  };
}
