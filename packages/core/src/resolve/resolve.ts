import { NS } from '@mpli/shapes';
import type { Catalog } from '../catalog/catalog';
import type { OfferingIndex } from '../catalog/offering-index';
import type { Requirements } from '../model/requirements-types';
import { OFFERING_KINDS } from '../model/vocabulary-names';
import { compileRequirements, type CompiledNeed } from './compile-requirements';
import { PRESENCE_IS_EVIDENCE, type EvidenceVerifier, type ResolveContext } from './context';
import { checkRates, type CurrencyRates } from './currency-rates';
import { MET } from './outcome';
import { checkPrerequisites } from './prerequisites';
import { describeBasis, priceScores, priceText, rankingBasis, unconvertedCurrencies } from './price-ranking';
import { reportConstraints, summarizeOffering } from './offering-summary';
import { relaxations } from './relaxations';
import type { NeedResult, OfferingMatch, OfferingRejection, ResolveResult } from './result-types';

/** Options for {@link resolve}. */
export interface ResolveOptions {
  /** The day of matching (ISO date). Default: today, from `now`. */
  readonly asOf?: string;
  readonly now?: () => Date;
  /** Exchange rates; without them prices are compared only within one currency. */
  readonly rates?: CurrencyRates;
  /** Decides which credentials back claims; default: any named credential. */
  readonly evidence?: EvidenceVerifier;
  /** Matches returned per need, best first. Default 50. */
  readonly top?: number;
  /** `'nearMisses'` (default) explains offerings missing one or two must-haves; `'all'` every rejected one. */
  readonly explain?: 'nearMisses' | 'all';
  /** How many must-haves a near miss may miss. Default 2. */
  readonly nearMissMaxMisses?: number;
  /** Near misses (and, with `explain: 'all'`, rejections) returned per need. Default 20 (200). */
  readonly maxNearMisses?: number;
  readonly maxRejected?: number;
  /**
   * The score of a match is `niceToHave × S + price × P`, where S is the weighted share of
   * nice-to-haves met (1 when there are none) and P the cheapest comparable price among the
   * matches divided by the offering's own (0 when its price cannot be compared). Default 0.6, 0.4.
   */
  readonly weights?: { readonly niceToHave?: number; readonly price?: number };
}

/**
 * Matches a consumer's requirements against every offering of a catalog, both ways: offerings
 * must meet every must-have, and the consumer the provider's prerequisites (else "needs action"
 * with what to do). Returns, per need, the ranked matches with the evidence used, near misses with
 * each failed constraint explained, and relaxations that would add offerings. Requirements that
 * could never be met are refused before any search (`INVALID_REQUIREMENTS`).
 *
 * @example
 * const result = await resolve(readRequirements(store), catalog, { top: 10 });
 * for (const match of result.needs[0]?.matches ?? []) console.log(match.rank, match.offering.name, match.score);
 */
export async function resolve(requirements: Requirements, catalog: Catalog, options: ResolveOptions = {}): Promise<ResolveResult> {
  if (options.rates) checkRates(options.rates);
  const context: ResolveContext = {
    asOf: options.asOf ?? (options.now?.() ?? new Date()).toISOString().slice(0, 10),
    rates: options.rates,
    evidence: options.evidence ?? PRESENCE_IS_EVIDENCE,
  };
  const compiled = compileRequirements(requirements, context);
  const index = catalog.index();
  const needs = compiled.map((need) => resolveNeed(index, need, requirements, context, options));
  return { asOf: context.asOf, needs, notes: currencyNotes(needs, options.rates) };
}

function resolveNeed(index: OfferingIndex, compiled: CompiledNeed, requirements: Requirements, context: ResolveContext, options: ResolveOptions): NeedResult {
  const kindCode = OFFERING_KINDS.indexOf(compiled.kind);
  const inKind = (row: number) => compiled.kind === 'ServiceOffering' || index.kinds[row] === kindCode;
  const must = compiled.mustHave.map((c) => c.evaluate(index));
  const nice = compiled.niceToHave.map((c) => c.evaluate(index));
  const misses = new Uint8Array(index.rows);
  const candidates: number[] = [];
  for (let row = 0; row < index.rows; row += 1) {
    if (!inKind(row)) continue;
    candidates.push(row);
    for (const statuses of must) if (statuses[row] !== MET) misses[row] = (misses[row] as number) + 1;
  }
  const matchRows = candidates.filter((row) => misses[row] === 0);
  const basis = rankingBasis(index, compiled, matchRows, context);
  const prices = priceScores(index, matchRows, basis, context);
  const weights = { niceToHave: options.weights?.niceToHave ?? 0.6, price: options.weights?.price ?? 0.4 };
  const niceWeights = compiled.niceToHave.map((c) => c.constraint.weight ?? 1);
  const totalNice = niceWeights.reduce((a, b) => a + b, 0);
  const niceScore = (row: number) => (totalNice === 0 ? 1 : nice.reduce((sum, statuses, i) => sum + (statuses[row] === MET ? (niceWeights[i] as number) : 0), 0) / totalNice);
  const actionsByEntry = new Map<number, ReturnType<typeof checkPrerequisites>>();
  const actionsOf = (row: number) => {
    // Manifest-wide prerequisites are checked once per manifest; an offering's own, per offering.
    const key = index.entryIndex(row);
    if (index.node(row).objects(`${NS.mpli}prerequisite`).length > 0) return checkPrerequisites(index.prerequisites(row), requirements.consumer, index.provider(row), context);
    if (!actionsByEntry.has(key)) actionsByEntry.set(key, checkPrerequisites(index.prerequisites(row), requirements.consumer, index.provider(row), context));
    return actionsByEntry.get(key) ?? [];
  };
  const ranked = matchRows
    .map((row) => ({ row, nice: niceScore(row), price: prices[row] as number, actions: actionsOf(row) }))
    .map((m) => ({ ...m, score: weights.niceToHave * m.nice + weights.price * m.price }))
    .sort((a, b) => b.score - a.score || a.actions.length - b.actions.length || index.node(a.row).id.localeCompare(index.node(b.row).id));
  const top = options.top ?? 50;
  const matches: OfferingMatch[] = ranked.slice(0, top).map((m, i) => {
    const price = priceText(index, m.row, basis, context);
    return {
      rank: i + 1,
      status: m.actions.length ? 'needsAction' : 'match',
      offering: summarizeOffering(index, m.row),
      score: Number(m.score.toFixed(6)),
      scoreParts: { niceToHave: Number(m.nice.toFixed(6)), price: Number(m.price.toFixed(6)) },
      ...(price ? { price } : {}),
      constraints: reportConstraints(index, m.row, compiled.mustHave, compiled.niceToHave, { hints: false }),
      actions: m.actions,
    };
  });
  const maxMisses = options.nearMissMaxMisses ?? 2;
  const rejectedRows = candidates.filter((row) => (misses[row] as number) > 0).sort((a, b) => (misses[a] as number) - (misses[b] as number) || index.node(a).id.localeCompare(index.node(b).id));
  const near = rejectedRows.filter((row) => (misses[row] as number) <= maxMisses);
  const explainRow = (row: number): OfferingRejection => ({
    offering: summarizeOffering(index, row),
    misses: misses[row] as number,
    constraints: reportConstraints(index, row, compiled.mustHave, [], { hints: true }),
  });
  const far = options.explain === 'all' ? rejectedRows.filter((row) => (misses[row] as number) > maxMisses) : [];
  return {
    need: { id: compiled.need.id, ...(compiled.need.title ? { title: compiled.need.title } : {}), kind: compiled.kind },
    candidates: candidates.length,
    counts: { matches: ranked.filter((m) => !m.actions.length).length, needsAction: ranked.filter((m) => m.actions.length).length, nearMisses: near.length, rejected: rejectedRows.length - near.length },
    matches,
    nearMisses: near.slice(0, options.maxNearMisses ?? 20).map(explainRow),
    rejected: far.slice(0, options.maxRejected ?? 200).map(explainRow),
    relaxations: relaxations(index, compiled, must, misses, candidates),
    ...(basis ? { priceBasis: describeBasis(basis) } : {}),
    unconvertedCurrencies: unconvertedCurrencies(index, candidates, basis, context),
  };
}

function currencyNotes(needs: readonly NeedResult[], rates: CurrencyRates | undefined): string[] {
  const notes = rates ? [`Prices were converted with the rates given for ${rates.date ?? 'an unstated day'} (base ${rates.base}).`] : [];
  const unconverted = [...new Set(needs.flatMap((need) => need.unconvertedCurrencies ?? []))].sort();
  if (unconverted.length > 0) {
    notes.push(`Prices in ${unconverted.join(', ')} were not compared with prices in other currencies: ${rates ? 'the rate table has no rate for them' : 'no exchange rates were given'}.`);
  }
  return notes;
}
