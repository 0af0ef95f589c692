// pnpm bench serve [--offerings N] [--providers P] [--connections C] [--seconds S]
// Serves POST /match over a catalog of N generated offerings (default 100,000 from 1,000
// providers) with @mpli/server, and loads it from a second process with autocannon: C
// connections (default 4) for S seconds (default 10), each posting the benchmark's seven-
// constraint requirements as Turtle. Reports latency percentiles and throughput.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildRequirements, Catalog, parseRdf, serializeRdf } from '@mpli/core';
import { createMpliServer } from '@mpli/server';
import { generateOfferings, manifestTurtle } from './match-catalog';
import { BENCH_REQUIREMENTS } from './match-requirements';
import { intOption, round } from './measure';

const run = promisify(execFile);

interface AutocannonResult {
  latency: { p50: number; p90: number; p99: number; max: number; average: number };
  requests: { average: number; total: number };
  errors: number;
  timeouts: number;
  non2xx: number;
}

export async function serveBench(argv: readonly string[]): Promise<Record<string, unknown>> {
  const offerings = intOption(argv, 'offerings', 100_000);
  const providers = intOption(argv, 'providers', 1000);
  const connections = intOption(argv, 'connections', 4);
  const seconds = intOption(argv, 'seconds', 10);
  console.error(`loading ${offerings} offerings from ${providers} providers...`);
  const catalog = new Catalog();
  for (const [p, list] of generateOfferings(providers, Math.ceil(offerings / providers)).entries()) {
    catalog.addDataset((await parseRdf(manifestTurtle(p, list), { format: 'text/turtle', maxBytes: Number.POSITIVE_INFINITY })).store);
  }
  const body = await serializeRdf(buildRequirements(BENCH_REQUIREMENTS), 'text/turtle');
  const bodyFile = join(mkdtempSync(join(tmpdir(), 'mpli-serve-')), 'requirements.ttl');
  writeFileSync(bodyFile, body);
  const server = createServer(createMpliServer({ catalog, rateLimit: { perMinute: 10_000_000, burst: 1_000_000 } }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/match?asOf=2026-12-01&top=10`;
  try {
    // The first match builds the columns the plan reads; it is reported, not counted.
    const cold = performance.now();
    const first = await fetch(url, { method: 'POST', headers: { 'content-type': 'text/turtle' }, body });
    const firstJson = (await first.json()) as { needs: { counts: { matches: number } }[] };
    const coldMs = performance.now() - cold;
    if (first.status !== 200) throw new Error(`POST /match answered ${first.status}`);
    console.error(`first match: ${round(coldMs)} ms, ${firstJson.needs[0]?.counts.matches ?? 0} matches; loading with ${connections} connections for ${seconds} s...`);
    const autocannon = new URL('../node_modules/.bin/autocannon', import.meta.url).pathname;
    const { stdout } = await run(autocannon, ['-j', '-m', 'POST', '-H', 'content-type=text/turtle', '-i', bodyFile, '-c', String(connections), '-d', String(seconds), url], { maxBuffer: 64 * 1024 * 1024 });
    const result = JSON.parse(stdout) as AutocannonResult;
    if (result.non2xx || result.errors) throw new Error(`${result.non2xx} non-2xx answers and ${result.errors} errors under load`);
    return {
      offerings: catalog.size.offerings, providers, connections, seconds,
      matches: firstJson.needs[0]?.counts.matches ?? 0,
      coldMatchMs: round(coldMs),
      requests: result.requests.total, requestsPerSecond: round(result.requests.average),
      p50Ms: result.latency.p50, p90Ms: result.latency.p90, p99Ms: result.latency.p99, maxMs: result.latency.max,
    };
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
