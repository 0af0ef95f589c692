// pnpm bench crawl [--providers N] [--hosts H] [--changed P] [--did web|key]
// Crawls N providers (default 1,000 over 50 loopback hosts) from a registry: a first crawl, then a
// re-crawl in which P percent (default 10) changed. Each manifest is signed for real and verified
// before it enters the catalog. With --did web (the default, as Gaia-X requires) providers serve
// HTTPS and their DID documents, which the marketplace's verifier resolves and keeps across crawls;
// with --did key there is nothing to resolve. Reports manifests per second and where the first
// crawl's time goes.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { Catalog, crawl } from '@mpli/core';
import { Agent } from 'undici';
import { createManifestVerifier, DidResolver, didWebResolver } from '@mpli/trust';
import { makeLoopbackTls, readPem, type LoopbackTls } from './bench-tls';
import { intOption, round } from './measure';

/** Starts the fleet in a child process (serving must not share the crawler's event loop). */
async function fleetProcess(providers: number, hosts: number, tls?: LoopbackTls) {
  const tlsArgs = tls ? [tls.certFile, tls.keyFile] : [];
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=mpli-source', fileURLToPath(new URL('crawl-fleet-process.ts', import.meta.url)), String(providers), String(hosts), ...tlsArgs], { stdio: ['pipe', 'pipe', 'inherit'] });
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

// Where the first crawl's wall time goes. Parsing and validating are CPU work on the crawler's
// one thread, so their summed time is wall time. Verification also waits on DID documents over
// the network, so its share is measured as the difference from the same first crawl without a
// verifier. The rest is HTTP and waiting. (Summed fetch times would count every concurrent wait.)
function shares(firstMs: number, withoutVerifierMs: number, parseMs: number): Record<string, number> {
  const verify = Math.max(0, firstMs - withoutVerifierMs) / firstMs;
  const parse = Math.min(parseMs / firstMs, 1 - verify);
  return { verify: round(verify, 3), parseAndValidate: round(parse, 3), httpAndWaiting: round(Math.max(0, 1 - verify - parse), 3) };
}

export async function crawlBench(argv: readonly string[]): Promise<Record<string, unknown>> {
  const providers = intOption(argv, 'providers', 1000);
  const hosts = intOption(argv, 'hosts', 50);
  const changedPercent = intOption(argv, 'changed', 10);
  const didMethod = argv.includes('--did') ? argv[argv.indexOf('--did') + 1] : 'web';
  if (didMethod !== 'web' && didMethod !== 'key') throw new Error('--did is web or key');
  const tls = didMethod === 'web' ? makeLoopbackTls() : undefined;
  console.error(`publishing ${providers} manifests signed with did:${didMethod} keys on ${hosts} loopback ${tls ? 'HTTPS' : 'HTTP'} hosts...`);
  const fleet = await fleetProcess(providers, hosts, tls);
  // One dispatcher trusting the loopback CA, for manifests and DID documents alike.
  const agent = tls ? new Agent({ connect: { ca: readPem(tls.caFile) }, connections: 2 }) : undefined;
  try {
    const catalog = new Catalog();
    // The marketplace keeps one verifier: DID documents resolved in the first crawl are reused.
    const verifier = createManifestVerifier({ didResolver: new DidResolver(agent ? { web: didWebResolver({ dispatcher: agent }) } : {}) });
    const options = { registries: [fleet.registry], catalog, verifier, allowedAddresses: ['127.0.0.1'], concurrency: 32, perHostConcurrency: 2, ...(agent ? { dispatcher: agent } : {}) };
    console.error('first crawl...');
    let started = performance.now();
    const first = await crawl(options);
    const firstMs = performance.now() - started;
    if (first.fetched.length !== providers) throw new Error(`the first crawl fetched ${first.fetched.length} of ${providers}: ${JSON.stringify([...first.failed, ...first.quarantined].slice(0, 3))}`);
    console.error('the same first crawl without verification, to see what verifying costs...');
    started = performance.now();
    const { verifier: _verifier, ...unverified } = options;
    await crawl({ ...unverified, catalog: new Catalog(), allowUnsigned: true });
    const withoutVerifierMs = performance.now() - started;
    const changed = Math.round((providers * changedPercent) / 100);
    console.error(`changing ${changed} providers, re-crawling...`);
    await fleet.change(Array.from({ length: changed }, (_, i) => Math.floor((i * providers) / changed)));
    started = performance.now();
    const again = await crawl({ ...options, state: first.state });
    const recrawlMs = performance.now() - started;
    if (again.fetched.length !== changed || again.unchanged.length !== providers - changed) throw new Error(`the re-crawl saw ${again.fetched.length} changed and ${again.unchanged.length} unchanged`);
    return {
      providers, hosts, changed, did: didMethod,
      firstMs: round(firstMs), recrawlMs: round(recrawlMs),
      firstPerSecond: round((providers / firstMs) * 1000), recrawlPerSecond: round((providers / recrawlMs) * 1000),
      firstWithoutVerificationMs: round(withoutVerifierMs),
      firstShares: shares(firstMs, withoutVerifierMs, first.timings.parseMs),
      // Per changed manifest, first crawl against re-crawl: the re-crawl validates only what a
      // change reaches (validateRevision), so its parse-and-validate time per manifest is lower.
      parseAndValidatePerManifestMs: { first: round(first.timings.parseMs / providers, 3), recrawl: round(again.timings.parseMs / changed, 3) },
      recrawlVerifyPerManifestMs: round(again.timings.verifyMs / changed, 3),
      ratios: { firstOverRecrawl: round(firstMs / recrawlMs, 2) },
    };
  } finally {
    await fleet.close();
    await agent?.close();
  }
}
