import type { OfferingIndex } from '../catalog/offering-index';
import { NS } from '@mpli/shapes';
import type { CompiledConstraint } from './compiled-constraint';
import type { ConstraintReport, OfferingSummary } from './result-types';

/** How results name an offering: from the index, without reading the whole offering. */
export function summarizeOffering(index: OfferingIndex, row: number): OfferingSummary {
  const node = index.node(row);
  const entry = index.entry(row);
  const provider = index.provider(row);
  return {
    id: node.id,
    identifier: node.string(`${NS.dcterms}identifier`) ?? node.id,
    name: node.text(`${NS.schema}name`) ?? node.id,
    kind: index.kind(row),
    provider: { id: node.string(`${NS.gx}providedBy`), name: provider?.name },
    manifest: entry.id,
    ...(entry.source ? { source: entry.source } : {}),
  };
}

/** Each constraint's outcome for a row, with a per-offering hint for failed must-haves when asked. */
export function reportConstraints(
  index: OfferingIndex,
  row: number,
  mustHave: readonly CompiledConstraint[],
  niceToHave: readonly CompiledConstraint[],
  options: { hints: boolean },
): ConstraintReport[] {
  const report = (compiled: CompiledConstraint, importance: ConstraintReport['importance']): ConstraintReport => {
    const outcome = compiled.explain(index, row);
    const hint = options.hints && importance === 'mustHave' && outcome.status === 'failed' ? compiled.relax?.(index, [row])?.change : undefined;
    return {
      label: compiled.label,
      importance,
      ...(compiled.path ? { path: compiled.path } : {}),
      expected: compiled.expected,
      ...outcome,
      ...(hint ? { hint } : {}),
    };
  };
  return [...mustHave.map((c) => report(c, 'mustHave')), ...niceToHave.map((c) => report(c, 'niceToHave'))];
}
