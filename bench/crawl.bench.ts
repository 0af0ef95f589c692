// pnpm bench crawl [--providers N] [--hosts H] [--changed P]
// Crawls N providers (default 1,000 over 50 loopback hosts) from a registry: a first crawl, then a
// re-crawl in which P percent (default 10) changed. Each manifest is signed for real and verified
// before it enters the catalog. Reports manifests per second and where the first crawl's time goes.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Catalog, crawl, type CrawlReport } from '@mpli/core';
import { createManifestVerifier } from '@mpli/trust';
import { intOption, round } from './measure';

/** Starts the fleet in a child process (serving must not share the crawler's event loop). */
async function fleetProcess(providers: number, hosts: number) {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=mpli-source', fileURLToPath(new URL('crawl-fleet-process.ts', import.meta.url)), String(providers), String(hosts)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async () => {
    const line = await lines.next();
    if (line.done) throw new Error('the fleet process ended');
    return line.value;
  };
  const { registry } = JSON.parse(await next()) as { registry: string };
  return {
    registry,
    change: async (indices: number[]) => {
      child.stdin.write(`change ${indices.join(',')} 0.019\n`);
      if ((await next()) !== 'ok') throw new Error('the fleet did not change');
    },
    close: async () => {
      child.stdin.end('quit\n');
      await new Promise((resolve) => child.on('exit', resolve));
    },
  };
}

// Parsing, validating and verifying are CPU work on the crawler's one thread, so their time
// adds up within the wall time; what is left is HTTP and waiting. (Summed fetch times would count
// every concurrent wait and say nothing.)
function shares(report: CrawlReport, wallMs: number): Record<string, number> {
  const { verifyMs, parseMs } = report.timings;
  return { verify: round(verifyMs / wallMs, 3), parseAndValidate: round(parseMs / wallMs, 3), httpAndWaiting: round(Math.max(0, 1 - (verifyMs + parseMs) / wallMs), 3) };
}

export async function crawlBench(argv: readonly string[]): Promise<Record<string, unknown>> {
  const providers = intOption(argv, 'providers', 1000);
  const hosts = intOption(argv, 'hosts', 50);
  const changedPercent = intOption(argv, 'changed', 10);
  console.error(`publishing ${providers} signed manifests on ${hosts} loopback hosts...`);
  const fleet = await fleetProcess(providers, hosts);
  try {
    const catalog = new Catalog();
    const verifier = createManifestVerifier();
    const options = { registries: [fleet.registry], catalog, verifier, allowedAddresses: ['127.0.0.1'], concurrency: 32, perHostConcurrency: 2 };
    console.error('first crawl...');
    let started = performance.now();
    const first = await crawl(options);
    const firstMs = performance.now() - started;
    if (first.fetched.length !== providers) throw new Error(`the first crawl fetched ${first.fetched.length} of ${providers}: ${JSON.stringify([...first.failed, ...first.quarantined].slice(0, 3))}`);
    const changed = Math.round((providers * changedPercent) / 100);
    console.error(`changing ${changed} providers, re-crawling...`);
    await fleet.change(Array.from({ length: changed }, (_, i) => Math.floor((i * providers) / changed)));
    started = performance.now();
    const again = await crawl({ ...options, state: first.state });
    const recrawlMs = performance.now() - started;
    if (again.fetched.length !== changed || again.unchanged.length !== providers - changed) throw new Error(`the re-crawl saw ${again.fetched.length} changed and ${again.unchanged.length} unchanged`);
    return {
      providers, hosts, changed,
      firstMs: round(firstMs), recrawlMs: round(recrawlMs),
      firstPerSecond: round((providers / firstMs) * 1000), recrawlPerSecond: round((providers / recrawlMs) * 1000),
      firstShares: shares(first, firstMs), recrawlShares: shares(again, recrawlMs),
      firstTimingsMs: { verify: round(first.timings.verifyMs), parseAndValidate: round(first.timings.parseMs) },
      ratios: { firstOverRecrawl: round(firstMs / recrawlMs, 2) },
    };
  } finally {
    await fleet.close();
  }
}
