import type { OfferingIndex } from '../catalog/offering-index';
import type { CompiledNeed } from './compile-requirements';
import type { RelaxationHint } from './compiled-constraint';
import { MET } from './outcome';

/**
 * For each must-have, the change that would admit the offerings failing only that must-have,
 * largest first: "raise the maximum price to 0.21 EUR/h" to also match 14 offerings.
 */
export function relaxations(index: OfferingIndex, compiled: CompiledNeed, must: readonly Uint8Array[], misses: Uint8Array, candidates: Iterable<number>): RelaxationHint[] {
  // One pass: each row missing exactly one must-have goes to that must-have's bucket.
  const buckets: number[][] = compiled.mustHave.map(() => []);
  for (const row of candidates) {
    if (misses[row] !== 1) continue;
    for (let c = 0; c < must.length; c += 1) {
      if ((must[c] as Uint8Array)[row] !== MET) {
        buckets[c]?.push(row);
        break;
      }
    }
  }
  const hints: RelaxationHint[] = [];
  compiled.mustHave.forEach((constraint, i) => {
    const rows = buckets[i] ?? [];
    const hint = rows.length ? constraint.relax?.(index, rows) : undefined;
    if (hint && hint.wouldAdd > 0) hints.push(hint);
  });
  return hints.sort((a, b) => b.wouldAdd - a.wouldAdd);
}
