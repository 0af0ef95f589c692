// pnpm bench <name> [options]: runs one benchmark and prints its figures as one JSON object on the
// last line of stdout (progress goes to stderr).
import { crawlBench } from './crawl.bench';
import { matchBench } from './match.bench';
import { migrateBench } from './migrate.bench';
import { parseBench } from './parse.bench';
import { serveBench } from './serve.bench';
import { trustBench } from './trust.bench';

const BENCHMARKS: ReadonlyMap<string, (argv: readonly string[]) => Promise<Record<string, unknown>>> = new Map([
  ['parse', parseBench],
  ['crawl', crawlBench],
  ['match', matchBench],
  ['serve', serveBench],
  ['trust', trustBench],
  ['migrate', migrateBench],
]);

const [name, ...argv] = process.argv.slice(2);
const bench = name === undefined ? undefined : BENCHMARKS.get(name);
if (!bench) {
  console.error(`usage: pnpm bench <${[...BENCHMARKS.keys()].join('|')}> [options]`);
  process.exitCode = 2;
} else {
  const figures = await bench(argv);
  console.log(JSON.stringify(figures));
}
