import { NS } from '@mpli/shapes';
import type { Catalog } from '../catalog/catalog';
import type { OfferingIndex } from '../catalog/offering-index';
import type { Requirements } from '../model/requirements-types';
import { OFFERING_KINDS } from '../model/vocabulary-names';
import { compileRequirements, type CompiledNeed } from './compile-requirements';
import { PRESENCE_IS_EVIDENCE, type EvidenceVerifier, type ResolveContext } from './context';
import { checkRates, type CurrencyRates } from './currency-rates';
import { MET } from './outcome';
import { checkPrerequisites, type RequiredAction } from './prerequisites';
import { topRows } from './top-rows';
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

/** The rows of the need's kind (cached per kind), and how many must-haves each row misses. */
function countMisses(index: OfferingIndex, kind: CompiledNeed['kind'], must: readonly Uint8Array[]): { candidates: Int32Array; misses: Uint8Array } {
  const candidates = index.derived(`candidates ${kind}`, () => {
    const kindCode = OFFERING_KINDS.indexOf(kind);
    const rows: number[] = [];
    for (let row = 0; row < index.rows; row += 1) if (kind === 'ServiceOffering' || index.kinds[row] === kindCode) rows.push(row);
    return Int32Array.from(rows);
  });
  const misses = new Uint8Array(index.rows);
  // Constraint by constraint over typed arrays: tight loops the JIT compiles well.
  for (const statuses of must) addMisses(misses, statuses);
  return { candidates, misses };
}

function addMisses(misses: Uint8Array, statuses: Uint8Array): void {
  for (let row = 0; row < statuses.length; row += 1) if (statuses[row] !== MET) misses[row] = (misses[row] as number) + 1;
}

/** Splits candidates into matches (no miss) and near misses (at most `maxMisses`), in one pass. */
function partition(candidates: Int32Array, misses: Uint8Array, maxMisses: number): { matchRows: number[]; nearRows: number[] } {
  const matchRows: number[] = [];
  const nearRows: number[] = [];
  for (let i = 0; i < candidates.length; i += 1) {
    const row = candidates[i] as number;
    const missed = misses[row] as number;
    if (missed === 0) matchRows.push(row);
    else if (missed <= maxMisses) nearRows.push(row);
  }
  return { matchRows, nearRows };
}

/** The actions a row needs: manifest-wide prerequisites checked once per manifest, an offering's own per offering. */
function prerequisiteChecker(index: OfferingIndex, requirements: Requirements, context: ResolveContext): (row: number) => RequiredAction[] {
  const own = index.derived('own-prerequisites', (i) => {
    const column = i.pathColumn([`${NS.mpli}prerequisite`]);
    return Uint8Array.from({ length: i.rows }, (_, row) => (column.count(row) > 0 ? 1 : 0));
  });
  const byEntry = new Map<number, RequiredAction[]>();
  const check = (row: number) => checkPrerequisites(index.prerequisites(row), requirements.consumer, index.provider(row), context);
  return (row) => {
    if (own[row]) return check(row);
    const entry = index.entryIndex(row);
    let actions = byEntry.get(entry);
    if (!actions) byEntry.set(entry, (actions = check(row)));
    return actions;
  };
}

/** Each row's score: weighted share of nice-to-haves met, and price against the cheapest. */
function scores(index: OfferingIndex, compiled: CompiledNeed, rows: readonly number[], nice: readonly Uint8Array[], price: Float64Array, options: ResolveOptions) {
  const weights = { niceToHave: options.weights?.niceToHave ?? 0.6, price: options.weights?.price ?? 0.4 };
  const niceWeights = compiled.niceToHave.map((c) => c.constraint.weight ?? 1);
  const total = niceWeights.reduce((a, b) => a + b, 0);
  const niceScore = new Float64Array(index.rows);
  const score = new Float64Array(index.rows);
  for (const row of rows) {
    let met = 0;
    nice.forEach((statuses, i) => {
      if (statuses[row] === MET) met += niceWeights[i] as number;
    });
    niceScore[row] = total === 0 ? 1 : met / total;
    score[row] = weights.niceToHave * (niceScore[row] as number) + weights.price * (price[row] as number);
  }
  return { niceScore, score };
}

function resolveNeed(index: OfferingIndex, compiled: CompiledNeed, requirements: Requirements, context: ResolveContext, options: ResolveOptions): NeedResult {
  const must = compiled.mustHave.map((c) => c.evaluate(index));
  const nice = compiled.niceToHave.map((c) => c.evaluate(index));
  const maxMisses = options.nearMissMaxMisses ?? 2;
  const { candidates, misses } = countMisses(index, compiled.kind, must);
  const { matchRows, nearRows } = partition(candidates, misses, maxMisses);
  const basis = rankingBasis(index, compiled, matchRows, context);
  const price = priceScores(index, matchRows, basis, context);
  const { niceScore, score } = scores(index, compiled, matchRows, nice, price, options);
  const actions = prerequisiteChecker(index, requirements, context);
  const order = index.idOrder();
  const byId = (a: number, b: number) => (order[a] as number) - (order[b] as number);
  const ranked = topRows(matchRows, options.top ?? 50, (a, b) => (score[b] as number) - (score[a] as number) || actions(a).length - actions(b).length || byId(a, b));
  const needingAction = matchRows.filter((row) => actions(row).length > 0).length;
  const byMisses = (a: number, b: number) => (misses[a] as number) - (misses[b] as number) || byId(a, b);
  const farRows = options.explain === 'all' ? candidates.filter((row) => (misses[row] as number) > maxMisses) : [];
  const explainRow = (row: number): OfferingRejection => ({
    offering: summarizeOffering(index, row),
    misses: misses[row] as number,
    constraints: reportConstraints(index, row, compiled.mustHave, [], { hints: true }),
  });
  const matches: OfferingMatch[] = ranked.map((row, i) => {
    const text = priceText(index, row, basis, context);
    const needed = actions(row);
    return {
      rank: i + 1,
      status: needed.length ? 'needsAction' : 'match',
      offering: summarizeOffering(index, row),
      score: Number((score[row] as number).toFixed(6)),
      scoreParts: { niceToHave: Number((niceScore[row] as number).toFixed(6)), price: Number((price[row] as number).toFixed(6)) },
      ...(text ? { price: text } : {}),
      constraints: reportConstraints(index, row, compiled.mustHave, compiled.niceToHave, { hints: false }),
      actions: needed,
    };
  });
  return {
    need: { id: compiled.need.id, ...(compiled.need.title ? { title: compiled.need.title } : {}), kind: compiled.kind },
    candidates: candidates.length,
    counts: { matches: matchRows.length - needingAction, needsAction: needingAction, nearMisses: nearRows.length, rejected: candidates.length - matchRows.length - nearRows.length },
    matches,
    nearMisses: topRows(nearRows, options.maxNearMisses ?? 20, byMisses).map(explainRow),
    rejected: topRows(farRows, options.maxRejected ?? 200, byMisses).map(explainRow),
    relaxations: relaxations(index, compiled, must, misses, nearRows),
    ...(basis ? { priceBasis: describeBasis(basis) } : {}),
    unconvertedCurrencies: unconvertedCurrencies(index, compiled.kind, candidates, basis, context),
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
