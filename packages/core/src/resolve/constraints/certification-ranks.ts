import type { OfferingIndex } from '../../catalog/offering-index';
import { ASSURANCE_LEVELS } from '../../model/vocabulary-names';
import type { ResolveContext } from '../context';
import { PRESENCE_IS_EVIDENCE, providerRef } from '../context';
import type { CertificationFact } from './certification-facts';
import { certificationFacts } from './certification-facts';

/**
 * Per row, for one scheme on one day: the best assurance rank among its valid certifications of
 * the scheme that are evidenced (-1 when none; 0 when none states a level), and the best among
 * those that are not. A minimum level is then met, not evidenced or failed by two comparisons.
 * Built once per scheme, day and verifier (cached when the verifier is the default).
 */
export function certificationRanks(index: OfferingIndex, scheme: string, context: ResolveContext): { evidenced: Int8Array; claimed: Int8Array } {
  const build = () => {
    const facts = certificationFacts(index);
    const evidenced = new Int8Array(index.rows).fill(-1);
    const claimed = new Int8Array(index.rows).fill(-1);
    for (let row = 0; row < index.rows; row += 1) {
      for (const fact of facts[row] as CertificationFact[]) {
        if (fact.scheme !== scheme || (fact.validUntil !== undefined && fact.validUntil < context.asOf)) continue;
        const level = fact.level && ASSURANCE_LEVELS[fact.level].scheme === scheme ? ASSURANCE_LEVELS[fact.level].rank : 0;
        const backed = fact.evidence !== undefined && context.evidence.isEvidenced(fact.evidence, { kind: 'certification', offering: index.term(row).value, ...providerRef(index.provider(row)), scheme });
        const target = backed ? evidenced : claimed;
        if (level > (target[row] as number)) target[row] = level;
      }
    }
    return { evidenced, claimed };
  };
  return context.evidence === PRESENCE_IS_EVIDENCE ? index.derived(`certification-ranks ${scheme} ${context.asOf}`, build) : build();
}
