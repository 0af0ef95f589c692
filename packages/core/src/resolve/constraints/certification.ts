import type { OfferingIndex } from '../../catalog/offering-index';
import { MpliError } from '../../errors/mpli-error';
import type { CertificationConstraint } from '../../model/requirements-types';
import { ASSURANCE_LEVELS, type AssuranceLevel } from '../../model/vocabulary-names';
import { facts, type CertificationFact } from './certification-facts';
import { certificationRanks } from './certification-ranks';
import type { CompiledConstraint } from '../compiled-constraint';
import { providerRef, type ProviderRef, type ResolveContext } from '../context';
import { FAILED, MET, NOT_EVIDENCED, type ConstraintOutcome } from '../outcome';


/**
 * A certification constraint: the offering, or its provider, holds a certification of the scheme,
 * at the minimum assurance level or higher (levels are ordered within their scheme), still valid
 * on the day of matching. A certification that meets all that but names no credential the
 * verifier accepts is "not evidenced".
 */
export function compileCertification(constraint: CertificationConstraint, context: ResolveContext): CompiledConstraint {
  const minimum = constraint.minimumLevel ? ASSURANCE_LEVELS[constraint.minimumLevel] : undefined;
  if (minimum && minimum.scheme !== constraint.scheme) {
    throw new MpliError('INVALID_REQUIREMENTS', `${constraint.minimumLevel} is a level of ${minimum.scheme}, not of ${constraint.scheme}: nothing can match`, { details: { constraint: constraint.label } });
  }
  const expected = constraint.minimumLevel ? `${constraint.scheme} at ${constraint.minimumLevel} or higher` : constraint.scheme;
  const label = constraint.label ?? `certified ${expected}`;
  const judge = (fact: CertificationFact, offering: () => { offering: string; provider?: ProviderRef }, minimumRank: number | undefined = minimum?.rank): number => {
    if (fact.scheme !== constraint.scheme) return FAILED;
    // A level counts only within its own scheme: C5 Type 2 says nothing about EUCS.
    const level = fact.level && ASSURANCE_LEVELS[fact.level].scheme === constraint.scheme ? ASSURANCE_LEVELS[fact.level] : undefined;
    if (minimumRank !== undefined && (!level || level.rank < minimumRank)) return FAILED;
    if (fact.validUntil && fact.validUntil < context.asOf) return FAILED;
    if (!fact.evidence || !context.evidence.isEvidenced(fact.evidence, { kind: 'certification', ...offering(), scheme: constraint.scheme })) return NOT_EVIDENCED;
    return MET;
  };
  const best = (index: OfferingIndex, row: number) => {
    const all = facts(index, row);
    const verdicts = all.map((fact) => judge(fact, () => ({ offering: index.term(row).value, ...providerRef(index.provider(row)) })));
    const at = verdicts.indexOf(MET) >= 0 ? verdicts.indexOf(MET) : verdicts.indexOf(NOT_EVIDENCED);
    return { all, status: at >= 0 ? (verdicts[at] as number) : FAILED, fact: all[at] };
  };
  return {
    constraint,
    label,
    path: 'mpli:certification',
    expected,
    evaluate(index) {
      const { evidenced, claimed } = certificationRanks(index, constraint.scheme, context);
      const needed = minimum?.rank ?? 0;
      const statuses = new Uint8Array(index.rows);
      for (let row = 0; row < index.rows; row += 1) {
        statuses[row] = (evidenced[row] as number) >= needed ? MET : (claimed[row] as number) >= needed ? NOT_EVIDENCED : FAILED;
      }
      return statuses;
    },
    explain(index, row): ConstraintOutcome {
      const { all, status, fact } = best(index, row);
      const actual = all.length ? all.map((f) => [f.scheme ?? '?', f.level, f.validUntil ? `until ${f.validUntil}` : undefined].filter(Boolean).join(' ')).join(', ') : '(none)';
      if (status === MET) return { status: 'met', actual, evidence: `${fact?.scheme}${fact?.level ? ` ${fact.level}` : ''} evidenced by ${fact?.evidence}` };
      if (status === NOT_EVIDENCED) return { status: 'notEvidenced', actual, reason: `the ${constraint.scheme} certification names no credential that backs it` };
      const same = all.filter((f) => f.scheme === constraint.scheme);
      const reason = !same.length ? `no ${constraint.scheme} certification`
        : same.some((f) => f.validUntil && f.validUntil < context.asOf) ? `the ${constraint.scheme} certification expired on ${same.map((f) => f.validUntil).join(', ')}`
        : `${constraint.scheme} only at ${same.map((f) => f.level ?? 'no stated level').join(', ')}`;
      return { status: 'failed', actual, reason };
    },
    relax(index, rows) {
      if (!minimum) return undefined;
      // Rows whose best valid, evidenced certification of the scheme has a level below the minimum:
      // accepting the lowest such level admits them all.
      const { evidenced } = certificationRanks(index, constraint.scheme, context);
      const below = rows.filter((row) => (evidenced[row] as number) >= 1);
      if (!below.length) return undefined;
      const lowest = Math.min(...below.map((row) => evidenced[row] as number));
      const level = (Object.keys(ASSURANCE_LEVELS) as AssuranceLevel[]).find((l) => ASSURANCE_LEVELS[l].scheme === constraint.scheme && ASSURANCE_LEVELS[l].rank === lowest);
      return level ? { change: `accept ${constraint.scheme} at ${level} ("${label}")`, wouldAdd: below.length } : undefined;
    },
  };
}
