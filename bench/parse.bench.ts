// pnpm bench parse [--providers N] [--offerings M] [--runs R]
// Parses and validates a generated catalog (default 1,000 providers x 100 offerings) and compares
// MPLI's parse with n3's bare parse of the same text in the same process.
import { Parser } from 'n3';
import { parseRdf, validateDataset } from '@mpli/core';
import { generateCatalogTurtle } from './generate-catalog';
import { intOption, medianMs, peakRssTracker, round } from './measure';

export async function parseBench(argv: readonly string[]): Promise<Record<string, unknown>> {
  const providers = intOption(argv, 'providers', 1000);
  const offerings = intOption(argv, 'offerings', 100);
  const runs = intOption(argv, 'runs', 3);
  const rss = peakRssTracker();
  const text = generateCatalogTurtle(providers, offerings);
  console.error(`catalog: ${providers} providers x ${offerings} offerings, ${(text.length / 1e6).toFixed(1)} MB of Turtle`);

  const n3 = await medianMs(runs, () => new Parser({ format: 'text/turtle' }).parse(text).length);
  console.error(`n3 bare parse: ${round(n3.ms)} ms for ${n3.result} triples`);
  const ours = await medianMs(runs, async () => (await parseRdf(text, { format: 'text/turtle', maxBytes: Number.POSITIVE_INFINITY })).store);
  const triples = ours.result.size;
  console.error(`parseRdf into an indexed store: ${round(ours.ms)} ms`);
  const validation = await medianMs(1, () => validateDataset(ours.result, { skipManifestCheck: false }));
  console.error(`validateDataset (shacl-engine + vocabulary check): ${round(validation.ms)} ms, conforms=${validation.result.conforms}`);
  if (!validation.result.conforms) throw new Error(`the generated catalog should be valid: ${JSON.stringify(validation.result.problems.slice(0, 3))}`);

  return {
    bench: 'parse',
    providers,
    offeringsPerProvider: offerings,
    triples,
    textMB: round(text.length / 1e6),
    n3ParseMs: round(n3.ms),
    parseMs: round(ours.ms),
    validateMs: round(validation.ms),
    parseTriplesPerSec: Math.round(triples / (ours.ms / 1000)),
    validateTriplesPerSec: Math.round(triples / (validation.ms / 1000)),
    n3TriplesPerSec: Math.round(n3.result / (n3.ms / 1000)),
    ratios: { parseOverN3: round(ours.ms / n3.ms, 2), validateOverParse: round(validation.ms / ours.ms, 2) },
    peakRssMB: rss.stop(),
  };
}
