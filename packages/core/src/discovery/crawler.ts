import { performance } from 'node:perf_hooks';
import { MpliError } from '../errors/mpli-error';
import { RDF_FORMATS } from '../rdf/formats';
import { guardedAgent } from './address-policy';
import type { CrawlEvent, CrawlOptions, CrawlReport, CrawlState, KnownManifest } from './crawl-types';
import { HostScheduler } from './host-scheduler';
import { takeIn, type IntakeContext } from './manifest-intake';
import { politeFetch, type FetchRules } from './polite-fetch';
import { readRegistry } from './registry';

type Job = { readonly url: string; readonly kind: 'manifest' | 'registry'; readonly depth: number };
type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };

function fetchRules(options: CrawlOptions, ownAgent: FetchRules['dispatcher'] | undefined): FetchRules {
  return {
    dispatcher: options.dispatcher ?? ownAgent!, policy: options, timeoutMs: options.timeoutMs ?? 10_000, maxBytes: options.maxBytes ?? 10 * 1024 * 1024,
    maxRedirects: options.maxRedirects ?? 5, retries: options.retries ?? 2, backoffMs: options.backoffMs ?? 200, accept: `${RDF_FORMATS.join(', ')};q=0.9, application/json;q=0.5`,
  };
}

/** A provider origin means its well-known manifest; anything else is taken as the manifest's URL. */
export function manifestUrlOf(seed: string): string {
  const url = new URL(seed);
  if (url.pathname === '/' && !url.search) url.pathname = '/.well-known/mpli';
  return url.toString();
}

/**
 * Discovers and fetches provider manifests: from seeds, from registries, and from the peers and
 * marketplaces manifests name. Each manifest is fetched politely (bounded concurrency overall and
 * per host, time and size limits, retries with backoff, conditional re-fetch with the validators
 * of the last crawl), checked (parsed, validated, its signature verified), and only then replaces
 * its earlier version in the catalog, whole; nothing is ever removed mid-crawl. Private, loopback
 * and link-local addresses are refused, redirects included, unless allowed.
 *
 * @example
 * const report = await crawl({ seeds: ['https://scaldis.example'], catalog, verifier: createManifestVerifier() });
 * const again = await crawl({ seeds: ['https://scaldis.example'], catalog, verifier, state: report.state });
 */
export async function crawl(options: CrawlOptions): Promise<CrawlReport> {
  const started = performance.now();
  const emit = (event: CrawlEvent) => options.onEvent?.(event);
  const ownAgent = options.dispatcher ? undefined : guardedAgent(options, { connections: options.perHostConcurrency ?? 2 });
  const rules = fetchRules(options, ownAgent);
  const previous = options.state?.manifests ?? new Map<string, KnownManifest>();
  const state: CrawlState = { manifests: new Map(previous) };
  const report: Mutable<Omit<CrawlReport, 'state' | 'timings'>> = { fetched: [], unchanged: [], failed: [], quarantined: [], flagged: [], registries: [] };
  const timings = { httpMs: 0, verifyMs: 0, parseMs: 0 };
  const scheduler = new HostScheduler(options.concurrency ?? 16, options.perHostConcurrency ?? 2, options.perHostDelayMs ?? 0);
  const seen = new Set<string>();
  const { maxDepth = 3, maxDocuments = 10_000 } = options;
  const pending: Promise<void>[] = [];
  let done = 0;

  const enqueue = (job: Job) => {
    let url: string;
    try {
      url = job.kind === 'manifest' ? manifestUrlOf(job.url) : new URL(job.url).toString();
    } catch {
      report.failed.push({ url: job.url, reason: 'not a URL' });
      return;
    }
    if (seen.has(url) || job.depth > maxDepth) return;
    if (seen.size >= maxDocuments) return void report.failed.push({ url, reason: `left out: the crawl reached its limit of ${maxDocuments} documents` });
    seen.add(url);
    pending.push(scheduler.run(new URL(url).host, () => (job.kind === 'registry' ? visitRegistry(url, job.depth) : visitManifest(url, job.depth))).finally(() => emit({ type: 'progress', done: (done += 1), queued: seen.size })));
  };

  const follow = (links: KnownManifest['links'], depth: number) => {
    if (options.followLinks === false) return;
    for (const link of links) enqueue({ url: link.url, kind: link.kind, depth: depth + 1 });
  };

  const fail = (url: string, error: unknown) => {
    if (!(error instanceof MpliError)) throw error;
    const reason = error.message.replace(`Cannot fetch ${url}: `, '');
    report.failed.push({ url, reason });
    emit({ type: 'failed', url, reason });
  };

  async function visitRegistry(url: string, depth: number): Promise<void> {
    const fetchStarted = performance.now();
    try {
      const fetched = await politeFetch(url, { ...rules, accept: 'application/json, text/turtle;q=0.9, application/ld+json;q=0.9' });
      timings.httpMs += performance.now() - fetchStarted;
      if (fetched.status !== 'ok') return;
      const manifests = await readRegistry(fetched.text, url, fetched.contentType);
      report.registries.push({ url, providers: manifests.length });
      emit({ type: 'registry', url, providers: manifests.length });
      for (const manifest of manifests) enqueue({ url: manifest, kind: 'manifest', depth: depth + 1 });
    } catch (error) {
      if (error instanceof MpliError) return fail(url, error);
      report.failed.push({ url, reason: `not a registry: ${(error as Error).message}` });
    }
  }

  async function visitManifest(url: string, depth: number): Promise<void> {
    const known = previous.get(url);
    const fetchStarted = performance.now();
    let fetched;
    try {
      fetched = await politeFetch(url, rules, known ? { ...(known.etag ? { etag: known.etag } : {}), ...(known.lastModified ? { lastModified: known.lastModified } : {}) } : {});
    } catch (error) {
      return fail(url, error);
    } finally {
      timings.httpMs += performance.now() - fetchStarted;
    }
    if (fetched.status === 'unchanged') {
      report.unchanged.push(url);
      emit({ type: 'unchanged', url });
      return follow(known?.links ?? [], depth);
    }
    const context: IntakeContext = { catalog: options.catalog, ...(options.verifier ? { verifier: options.verifier } : {}), allowUnsigned: options.allowUnsigned ?? false, rules, ...(known ? { previous: known } : {}), timings };
    const intake = await takeIn(fetched, context);
    if (intake.kind !== 'accepted') {
      report[intake.kind].push({ url, reason: intake.reason });
      return emit({ type: intake.kind, url, reason: intake.reason });
    }
    state.manifests.set(url, intake.known);
    report.fetched.push({ url, offerings: intake.offerings, ...(intake.known.signer ? { signer: intake.known.signer } : {}) });
    emit({ type: 'fetched', url, offerings: intake.offerings, ...(intake.known.signer ? { signer: intake.known.signer } : {}) });
    follow(intake.known.links, depth);
  }

  for (const seed of options.seeds ?? []) enqueue({ url: seed, kind: 'manifest', depth: 0 });
  for (const registry of options.registries ?? []) enqueue({ url: registry, kind: 'registry', depth: 0 });
  // Jobs add jobs: wait until no job is left.
  for (let settled = 0; settled < pending.length;) {
    const batch = pending.slice(settled);
    settled = pending.length;
    await Promise.all(batch);
  }
  await ownAgent?.close();
  return { ...report, state, timings: { totalMs: performance.now() - started, ...timings } };
}
