import type { OfferingIndex } from '../catalog/offering-index';
import type { CompiledNeed } from './compile-requirements';
import type { RelaxationHint } from './compiled-constraint';
import { MET } from './outcome';

/**
 * For each must-have, the change that would admit the offerings failing only that must-have,
 * largest first: "raise the maximum price to 0.21 EUR/h to also match 14 offerings".
 */
export function relaxations(index: OfferingIndex, compiled: CompiledNeed, must: readonly Uint8Array[], misses: Uint8Array, candidates: readonly number[]): RelaxationHint[] {
  const hints: RelaxationHint[] = [];
  compiled.mustHave.forEach((constraint, i) => {
    const statuses = must[i] as Uint8Array;
    const onlyThis = candidates.filter((row) => misses[row] === 1 && statuses[row] !== MET);
    const hint = onlyThis.length ? constraint.relax?.(index, onlyThis) : undefined;
    if (hint && hint.wouldAdd > 0) hints.push(hint);
  });
  return hints.sort((a, b) => b.wouldAdd - a.wouldAdd);
}
