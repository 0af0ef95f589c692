// pnpm bench match [--offerings N] [--providers P] [--runs R] [--shacl-runs S]
// Resolves a six-plus-constraint requirement against a generated catalog (default 100,000
// offerings from 1,000 providers) three ways in one process: shacl-engine validating the catalog
// against the compiled shapes, a hand-written filter over plain objects, and MPLI's resolve().
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DataFactory } from 'n3';
import { Validator } from 'shacl-engine';
import { Catalog, CompactDataset, compileShapes, parseRdf, resolve } from '@mpli/core';
import { BENCH_REQUIREMENTS } from './match-requirements';
import { generateOfferings, manifestTurtle } from './match-catalog';
import { handFilter } from './match-filter';
import { interleavedMedians, intOption, medianMs, peakRssTracker, round } from './measure';

const AS_OF = '2026-12-01';

async function shaclCount(catalog: Catalog): Promise<number> {
  const { shapes } = compileShapes(BENCH_REQUIREMENTS, { asOf: AS_OF });
  const validator = new Validator(shapes, { factory: { ...DataFactory, dataset: (q?: Iterable<never>) => new CompactDataset(q) } as never });
  let failing = 0;
  // Manifest by manifest: shacl-engine's bookkeeping grows with shapes × focus nodes.
  for (const entry of catalog.manifests()) {
    const report = await validator.validate({ dataset: entry.dataset });
    failing += new Set(report.results.map((r) => r.focusNode.term?.value)).size;
  }
  return catalog.size.offerings - failing;
}

/** The RSS of a process that holds only the catalog, its index and columns (see catalog-memory.ts). */
function catalogAloneMemory(providers: number, perProvider: number): { rssMB: number; heapMB: number; arrayBuffersMB: number } {
  const script = fileURLToPath(new URL('./catalog-memory.ts', import.meta.url));
  const output = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--conditions=mpli-source', script, String(providers), String(perProvider)], { encoding: 'utf8' });
  return JSON.parse(output.trim().split('\n').pop() ?? '{}') as { rssMB: number; heapMB: number; arrayBuffersMB: number };
}

export async function matchBench(argv: readonly string[]): Promise<Record<string, unknown>> {
  const offerings = intOption(argv, 'offerings', 100_000);
  const providers = Math.min(intOption(argv, 'providers', 1000), offerings);
  const runs = intOption(argv, 'runs', 15);
  const shaclRuns = intOption(argv, 'shacl-runs', 1);
  const rss = peakRssTracker();
  const plain = generateOfferings(providers, Math.ceil(offerings / providers));
  const catalog = new Catalog();
  const load = await medianMs(1, async () => {
    for (const [p, list] of plain.entries()) catalog.addDataset((await parseRdf(manifestTurtle(p, list), { format: 'text/turtle', maxBytes: Number.POSITIVE_INFINITY })).store);
  });
  const indexed = await medianMs(1, () => catalog.index());
  const flat = plain.flat();
  console.error(`catalog: ${catalog.size.offerings} offerings, ${catalog.size.quads} quads from ${catalog.size.manifests} manifests, loaded in ${round(load.ms)} ms`);
  const cold = await medianMs(1, () => resolve(BENCH_REQUIREMENTS, catalog, { asOf: AS_OF }));
  const { a: warm, b: hand } = await interleavedMedians(runs, () => resolve(BENCH_REQUIREMENTS, catalog, { asOf: AS_OF }), () => handFilter(flat));
  const alone = catalogAloneMemory(providers, Math.ceil(offerings / providers));
  const matched = (warm.result.needs[0]?.counts.matches ?? 0) + (warm.result.needs[0]?.counts.needsAction ?? 0);
  console.error(`resolve: ${matched} matches, cold ${round(cold.ms)} ms, warm ${round(warm.ms)} ms; hand filter: ${hand.result.length} in ${round(hand.ms, 2)} ms`);
  if (matched !== hand.result.length) throw new Error(`resolve found ${matched} matches, the hand filter ${hand.result.length}`);
  // --no-shacl skips the slow baseline while tuning; reported figures always include it.
  const shacl = argv.includes('--no-shacl') ? { ms: Number.NaN, result: matched } : await medianMs(shaclRuns, () => shaclCount(catalog));
  console.error(`shacl-engine: ${shacl.result} conform, ${round(shacl.ms)} ms`);
  if (shacl.result !== matched) throw new Error(`shacl-engine found ${shacl.result} conforming offerings, resolve ${matched}`);
  return {
    bench: 'match',
    offerings: catalog.size.offerings,
    providers: catalog.size.manifests,
    quads: catalog.size.quads,
    constraints: BENCH_REQUIREMENTS.needs[0]?.mustHave.length,
    matches: matched,
    loadMs: round(load.ms),
    indexMs: round(indexed.ms),
    shaclMs: round(shacl.ms),
    handMs: round(hand.ms, 3),
    resolveMs: round(warm.ms, 3),
    resolveColdMs: round(cold.ms),
    ratios: { shaclOverResolver: round(shacl.ms / warm.ms, 1), resolverOverHand: round(warm.ms / hand.ms, 2), coldOverWarm: round(cold.ms / warm.ms, 1) },
    catalogRssMB: alone.rssMB,
    catalogHeapMB: alone.heapMB + alone.arrayBuffersMB,
    peakRssMB: rss.stop(),
  };
}
