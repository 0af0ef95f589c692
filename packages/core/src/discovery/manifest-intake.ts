import { performance } from 'node:perf_hooks';
import { NS } from '@mpli/shapes';
import type { Catalog } from '../catalog/catalog';
import type { DatasetCore } from '@rdfjs/types';
import { CompactDataset } from '../dataset/compact-dataset';
import { MpliError } from '../errors/mpli-error';
import { formatFromMediaType, sniffFormat, type RdfFormat } from '../rdf/formats';
import { parseRdf } from '../rdf/parse';
import type { ManifestVerifier } from '../trust/manifest-verifier';
import { validateDataset } from '../validation/validate';
import { validateRevision } from '../validation/validate-revision';
import type { KnownManifest } from './crawl-types';
import { linkTarget, politeFetch, type FetchRules } from './polite-fetch';

/** Where the signature of a manifest is announced (RFC 8288 Link header), as @mpli/core publishes it. */
const SIGNATURE_REL = 'https://w3id.org/mpli#signature';

/** The outcome of taking in one fetched manifest. */
export type Intake =
  | { readonly kind: 'accepted'; readonly known: KnownManifest; readonly offerings: number }
  | { readonly kind: 'quarantined' | 'flagged'; readonly reason: string };

export interface IntakeContext {
  readonly catalog: Catalog;
  readonly verifier?: ManifestVerifier;
  readonly allowUnsigned: boolean;
  readonly rules: FetchRules;
  readonly previous?: KnownManifest;
  readonly timings: { httpMs: number; verifyMs: number; parseMs: number };
}

/**
 * Parses, validates and verifies a fetched manifest, then puts it in the catalog (replacing its
 * earlier version whole), or keeps it out with the reason. A manifest that does not parse, breaks
 * a shape, lacks a valid signature (unless unsigned ones are allowed), or is signed by another DID
 * than last time never replaces a good version.
 */
export async function takeIn(fetched: { url: string; text: string; contentType?: string; etag?: string; lastModified?: string; link?: string }, context: IntakeContext): Promise<Intake> {
  const read = await readChecked(fetched, context);
  if ('reason' in read) return { kind: 'quarantined', reason: read.reason };
  const { store, format } = read;

  const signature = await fetchSignature(fetched, context);
  let signer: string | undefined;
  if (signature.document !== undefined && context.verifier) {
    const verdict = await verifySigned(fetched, format, signature.document, context);
    if (!verdict.verified) return { kind: 'quarantined', reason: `its signature does not verify: ${verdict.errors.join('; ')}` };
    signer = verdict.signer;
  }
  if (context.previous?.signer && signer !== context.previous.signer) {
    return { kind: 'flagged', reason: signer ? `signed by ${signer}, not by ${context.previous.signer} as before: a key change without a rotation MPLI can verify` : `no longer signed (was signed by ${context.previous.signer})` };
  }
  if (!signer && !context.allowUnsigned) return { kind: 'quarantined', reason: signature.problem ?? (context.verifier ? 'not signed' : 'not signed, and no verifier was given') };

  let entries;
  try {
    entries = context.catalog.addDataset(store, { source: fetched.url });
  } catch (error) {
    if (error instanceof MpliError) return { kind: 'quarantined', reason: error.message };
    throw error;
  }
  const links = [
    ...[...store.match(null, { termType: 'NamedNode', value: `${NS.mpli}peer` } as never, null)].map((q) => ({ url: q.object.value, kind: 'manifest' as const })),
    ...[...store.match(null, { termType: 'NamedNode', value: `${NS.mpli}marketplace` } as never, null)].map((q) => ({ url: q.object.value, kind: 'registry' as const })),
  ];
  const known: KnownManifest = {
    ...(fetched.etag ? { etag: fetched.etag } : {}), ...(fetched.lastModified ? { lastModified: fetched.lastModified } : {}), ...(signer ? { signer } : {}),
    manifestIds: entries.map((entry) => entry.id), links,
  };
  return { kind: 'accepted', known, offerings: entries.reduce((sum, entry) => sum + entry.offerings.length, 0) };
}

async function readChecked(fetched: { url: string; text: string; contentType?: string }, context: IntakeContext): Promise<{ store: CompactDataset; format: RdfFormat } | { reason: string }> {
  const started = performance.now();
  try {
    const format: RdfFormat = (fetched.contentType ? formatFromMediaType(fetched.contentType) : undefined) ?? sniffFormat(fetched.text);
    let store: CompactDataset;
    try {
      store = (await parseRdf(fetched.text, { format, source: fetched.url, baseIRI: fetched.url })).store;
    } catch (error) {
      return { reason: `does not parse: ${(error as Error).message}` };
    }
    const options = { source: fetched.url, skipKnownTermCheck: true };
    // A new version of a manifest already in the catalog (so known to conform): validate only
    // what the change can affect. Most re-crawled changes are a price or a date.
    const previous = previousVersion(fetched.url, context);
    const report = previous ? (await validateRevision(previous, store, options)).report : await validateDataset(store, options);
    const violations = report.problems.filter((p) => p.severity === 'violation');
    if (violations.length) return { reason: `breaks ${violations.length} rule(s), first ${violations[0]!.rule}: ${violations[0]!.message}` };
    return { store, format };
  } finally {
    context.timings.parseMs += performance.now() - started;
  }
}

/** The version of this manifest the catalog holds from the same URL, when it holds all of it. */
function previousVersion(url: string, context: IntakeContext): DatasetCore | undefined {
  const entries = (context.previous?.manifestIds ?? []).map((id) => context.catalog.get(id));
  if (entries.length === 0 || entries.some((entry) => entry?.source !== url)) return undefined;
  if (entries.length === 1) return entries[0]!.dataset;
  return new CompactDataset(entries.flatMap((entry) => [...entry!.dataset.match()]));
}

async function verifySigned(fetched: { url: string; text: string }, format: RdfFormat, signature: unknown, context: IntakeContext) {
  const started = performance.now();
  try {
    return await context.verifier!.verifyManifest({ text: fetched.text, format, source: fetched.url }, signature);
  } finally {
    context.timings.verifyMs += performance.now() - started;
  }
}

async function fetchSignature(fetched: { url: string; link?: string }, context: IntakeContext): Promise<{ document?: unknown; problem?: string }> {
  const url = linkTarget(fetched.link, SIGNATURE_REL, fetched.url);
  if (!url) return { problem: 'not signed (no Link to a signature)' };
  const started = performance.now();
  try {
    const response = await politeFetch(url, { ...context.rules, accept: 'application/vc, application/ld+json;q=0.9, application/json;q=0.8', maxBytes: Math.min(context.rules.maxBytes, 1024 * 1024) });
    if (response.status !== 'ok') return { problem: `its signature ${url} answered 304 to an unconditional request` };
    return { document: JSON.parse(response.text) };
  } catch (error) {
    return { problem: `its signature cannot be read: ${(error as Error).message}` };
  } finally {
    context.timings.httpMs += performance.now() - started;
  }
}
