// Run by `pnpm bench match` in a child process of its own: loads the benchmark catalog provider
// by provider (nothing else held), builds the index and the columns a resolve needs, collects
// garbage, and prints the resident set size as JSON, so the figure is the catalog's alone.
import { Catalog, parseRdf, resolve } from '@mpli/core';
import { manifestTurtle, providerOfferings } from './match-catalog';
import { BENCH_REQUIREMENTS } from './match-requirements';

const [providers = 1000, perProvider = 100] = process.argv.slice(2).map(Number);
const baseline = process.memoryUsage().rss;
const catalog = new Catalog();
for (let p = 0; p < providers; p += 1) {
  catalog.addDataset((await parseRdf(manifestTurtle(p, providerOfferings(p, perProvider)), { format: 'text/turtle', maxBytes: Number.POSITIVE_INFINITY })).store);
}
await resolve(BENCH_REQUIREMENTS, catalog, { asOf: '2026-12-01' });
(globalThis as { gc?: () => void }).gc?.();
const usage = process.memoryUsage();
console.log(JSON.stringify({ offerings: catalog.size.offerings, rssMB: Math.round(usage.rss / 1048576), baselineMB: Math.round(baseline / 1048576), heapMB: Math.round(usage.heapUsed / 1048576), arrayBuffersMB: Math.round(usage.arrayBuffers / 1048576) }));
