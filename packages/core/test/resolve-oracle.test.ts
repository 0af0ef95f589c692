import fc from 'fast-check';
import { DataFactory } from 'n3';
import { Validator } from 'shacl-engine';
import { describe, expect, it } from 'vitest';
import { mpli } from '@mpli/shapes';
import { buildManifest, Catalog, CompactDataset, compileRequirements, compileShapes, resolve, type Constraint, type CurrencyRates, type OfferingInput } from '@mpli/core';

const MET = 0;
import { manifest, vmNeed } from './catalog-fixtures';

// The correctness oracle: for random catalogs and random requirements, the resolver's fast path
// must count an offering as meeting every must-have exactly when shacl-engine finds that it
// conforms to the SHACL shapes the requirements compile to.

const AS_OF = '2026-12-01';
const PROVIDERS = ['alpha', 'beta', 'gamma'];
const COUNTRIES = ['BE', 'DE', 'FR', 'NL', 'GB', 'CH', 'NO', 'US', 'AT'];
const LEVELS = { EUCS: ['EUCSBasic', 'EUCSSubstantial', 'EUCSHigh'], BSIC5: ['C5Type1', 'C5Type2'], ISO27001: [] } as const;
const decimal = (max: number, digits: number) => fc.integer({ min: 0, max: max * 10 ** digits }).map((n) => (n / 10 ** digits).toFixed(digits));
const date = fc.constantFrom('2026-06-30', '2026-11-30', '2026-12-01', '2027-12-31');

const certification = fc.constantFrom('ISO27001', 'EUCS', 'BSIC5').chain((scheme) =>
  fc.record({
    scheme: fc.constant(scheme),
    level: fc.option(fc.constantFrom(...LEVELS.EUCS, ...LEVELS.BSIC5), { nil: undefined }),
    evidence: fc.option(fc.constant('urn:uuid:evidence'), { nil: undefined }),
    validUntil: fc.option(date, { nil: undefined }),
  }),
);

// Amounts near the limits below, across periods (0.2 EUR/h = 4.8 EUR/d = 146 EUR/month), so
// boundaries and conversions are exercised, not only values far from any limit.
const NEAR = ['0.2', '0.2001', '0.1999', '4.8', '4.8001', '146', '146.01', '145.99', '0.21', '0.19'];
const price = fc.oneof(
  fc.record({ amount: fc.oneof(decimal(20, 4), fc.constantFrom(...NEAR)), currency: fc.constantFrom('EUR', 'CHF'), per: fc.constantFrom('h', 'd', 'month'), model: fc.constant('PayAsYouGo') }),
  fc.record({ amount: decimal(500, 2), currency: fc.constant('EUR'), model: fc.constant('OneTime') }),
);

const offering = (i: number) =>
  fc.record({
    vcpu: fc.integer({ min: 1, max: 64 }),
    memory: fc.record({ value: fc.integer({ min: 1, max: 600 }), unit: fc.constantFrom('GiB', 'GB', 'MiB') }),
    cpuArchitecture: fc.constantFrom('X86_64', 'ARM64'),
    locations: fc.uniqueArray(fc.constantFrom(...COUNTRIES), { minLength: 0, maxLength: 2 }).map((cs) => cs.map((country) => ({ country }))),
    prices: fc.array(price, { minLength: 0, maxLength: 2 }),
    certifications: fc.array(certification, { maxLength: 2 }),
    sla: fc.option(fc.record({ availability: decimal(100, 2).map(Number), evidence: fc.option(fc.constant('urn:uuid:sla'), { nil: undefined }) }), { nil: undefined }),
  }).map((o) => ({ kind: 'VirtualMachineOffering', identifier: `o${i}`, name: `Offering ${i}`, ...o }) as unknown as OfferingInput);

const constraint: fc.Arbitrary<Constraint> = fc.oneof(
  fc.record({ type: fc.constant('range'), path: fc.constant([mpli.vcpu]), min: fc.option(fc.integer({ min: 1, max: 64 }), { nil: undefined }), max: fc.option(fc.integer({ min: 1, max: 64 }), { nil: undefined }) }),
  fc.record({ type: fc.constant('range'), path: fc.constant([mpli.memory]), min: fc.record({ value: fc.integer({ min: 1, max: 600 }), unit: fc.constantFrom('GiB', 'GB', 'MiB') }) }),
  fc.record({ type: fc.constant('range'), path: fc.constant([mpli.sla, mpli.availability]), min: decimal(100, 2).map(Number) }),
  fc.record({ type: fc.constant('value'), path: fc.constant([mpli.cpuArchitecture]), allowed: fc.constantFrom([{ iri: mpli.X86_64 }], [{ iri: mpli.ARM64 }]) }),
  fc.record({ type: fc.constant('location'), groups: fc.constantFrom(['EU'], ['EEA'], []), countries: fc.uniqueArray(fc.constantFrom(...COUNTRIES), { maxLength: 2 }), excludedCountries: fc.uniqueArray(fc.constantFrom(...COUNTRIES), { maxLength: 1 }) }),
  fc.constant({ type: 'certification', scheme: 'ISO27001' }),
  fc.constantFrom('EUCS', 'BSIC5').chain((scheme) => fc.record({ type: fc.constant('certification'), scheme: fc.constant(scheme), minimumLevel: fc.option(fc.constantFrom(...LEVELS[scheme as 'EUCS' | 'BSIC5']), { nil: undefined }) })),
  fc.record({ type: fc.constant('price'), max: fc.record({ amount: fc.oneof(decimal(20, 2), fc.constantFrom('0.2', '4.8', '146')), currency: fc.constant('EUR'), per: fc.constantFrom('h', 'month') }) }),
  fc.record({ type: fc.constant('provider'), excluded: fc.uniqueArray(fc.constantFrom(...PROVIDERS).map((p) => `https://${p}.example/#provider`), { minLength: 1, maxLength: 1 }) }),
) as fc.Arbitrary<Constraint>;

const factory = { ...DataFactory, dataset: (quads?: Iterable<never>) => new CompactDataset(quads) };
const strip = <T extends object>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Per offering and must-have: the fast path's verdict and shacl-engine's; and the overall match. */
async function verdicts(offerings: OfferingInput[][], constraints: Constraint[], rates: CurrencyRates | undefined) {
  const catalog = new Catalog();
  const data = new CompactDataset();
  offerings.forEach((list, p) => {
    const dataset = buildManifest(manifest(PROVIDERS[p] ?? 'x', list));
    catalog.addDataset(dataset);
    data.addQuads(dataset);
  });
  const requirements = vmNeed(strip(constraints));
  const context = { asOf: AS_OF, rates, evidence: { isEvidenced: () => true } };
  const [need] = compileRequirements(requirements, context);
  const index = catalog.index();
  const statuses = (need?.mustHave ?? []).map((c) => c.evaluate(index));
  const fast = await resolve(requirements, catalog, { asOf: AS_OF, top: Number.MAX_SAFE_INTEGER, ...(rates ? { rates } : {}) });
  const matched = new Set(fast.needs[0]?.matches.map((m) => m.offering.id));
  const { shapes, needs } = compileShapes(requirements, { asOf: AS_OF, ...(rates ? { rates } : {}) });
  const report = await new Validator(shapes, { factory: factory as never }).validate({ dataset: data });
  const failing = new Set(report.results.map((r) => `${r.focusNode.term?.value} ${r.shape.ptr.term?.value}`));
  const shapeIds = needs[0]?.constraintShapes ?? [];
  return Array.from({ length: index.rows }, (_, row) => {
    const id = index.term(row).value;
    const perConstraint = shapeIds.map((shape, i) => ({ fast: statuses[i]?.[row] === MET, shacl: !failing.has(`${id} ${shape}`) }));
    return { id, matched: matched.has(id), perConstraint };
  });
}

describe('the resolver against shacl-engine on the compiled shapes', () => {
  it('agrees offering by offering on random catalogs and requirements', async () => {
    const catalogs = fc.array(fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => offering(i)))), { minLength: 1, maxLength: 3 });
    const rates = fc.option(fc.constant<CurrencyRates>({ base: 'EUR', rates: { CHF: '0.95' } }), { nil: undefined });
    let compared = 0;
    let matchedSomewhere = 0;
    await fc.assert(
      fc.asyncProperty(catalogs, fc.array(constraint, { minLength: 1, maxLength: 5 }), rates, async (offerings, constraints, table) => {
        let rows;
        try {
          rows = await verdicts(offerings.map((list) => [...list]), constraints, table);
        } catch (error) {
          // Requirements that could never be met are refused by design: not a disagreement.
          fc.pre(!String((error as Error).message).includes('nothing can match') && (error as { code?: string }).code !== 'INVALID_REQUIREMENTS');
          throw error;
        }
        compared += rows.length;
        matchedSomewhere += rows.filter((r) => r.matched).length;
        const disagreements = rows.flatMap((r) => r.perConstraint.map((v, i) => ({ offering: r.id, constraint: constraints[i], ...v })).filter((v) => v.fast !== v.shacl));
        expect(disagreements).toEqual([]);
        // An offering matches exactly when it meets every must-have.
        expect(rows.filter((r) => r.matched !== r.perConstraint.every((v) => v.fast)).map((r) => r.id)).toEqual([]);
      }),
      { numRuns: 300, seed: 20261201 },
    );
    expect(compared).toBeGreaterThan(400);
    expect(matchedSomewhere).toBeGreaterThan(20);
  }, 120_000);
});
