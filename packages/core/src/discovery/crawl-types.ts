import type { Dispatcher } from 'undici';
import type { Catalog } from '../catalog/catalog';
import type { ManifestVerifier } from '../trust/manifest-verifier';
import type { AddressPolicy } from './address-policy';

/** What a crawl starts from and how it behaves. */
export interface CrawlOptions extends AddressPolicy {
  /** Manifest URLs, or provider origins (their /.well-known/mpli is fetched). */
  readonly seeds?: readonly string[];
  /** Registries: lists of providers a federation or marketplace keeps (see `readRegistry`). */
  readonly registries?: readonly string[];
  /** The catalog updated as manifests arrive, one manifest at a time, each replaced whole. */
  readonly catalog: Catalog;
  /** Verifies signed manifests before they enter the catalog (from @mpli/trust). */
  readonly verifier?: ManifestVerifier;
  /** Let manifests without a valid signature in. Default false: without a verifier, nothing enters. */
  readonly allowUnsigned?: boolean;
  /** What earlier crawls learnt (validators, signers); pass the one a crawl returns to re-crawl. */
  readonly state?: CrawlState;
  /** Follow providers' peers and marketplaces. Default true. */
  readonly followLinks?: boolean;
  /** How many links away from a seed or registry to go. Default 3. */
  readonly maxDepth?: number;
  /** Most documents fetched in one crawl. Default 10,000. */
  readonly maxDocuments?: number;
  /** Fetches at once. Default 16. */
  readonly concurrency?: number;
  /** Fetches at once per host. Default 2. */
  readonly perHostConcurrency?: number;
  /** Least time between two fetches' starts on one host. Default 0. */
  readonly perHostDelayMs?: number;
  /** Per attempt. Default 10 s. */
  readonly timeoutMs?: number;
  /** Largest manifest. Default 10 MiB. */
  readonly maxBytes?: number;
  /** Default 5. */
  readonly maxRedirects?: number;
  /** Default 2 retries, from 200 ms, doubling. */
  readonly retries?: number;
  readonly backoffMs?: number;
  /** Your own dispatcher (the address policy then is yours to enforce for host names). */
  readonly dispatcher?: Dispatcher;
  readonly onEvent?: (event: CrawlEvent) => void;
}

/** What a crawl remembers about a manifest URL between crawls. */
export interface KnownManifest {
  readonly etag?: string;
  readonly lastModified?: string;
  /** The DID that signed the version in the catalog. */
  readonly signer?: string;
  readonly manifestIds: readonly string[];
  /** Peers and marketplaces it named, to follow when it has not changed. */
  readonly links: readonly { readonly url: string; readonly kind: 'manifest' | 'registry' }[];
}

export interface CrawlState {
  readonly manifests: Map<string, KnownManifest>;
}

export type CrawlEvent =
  | { readonly type: 'fetched' | 'unchanged'; readonly url: string; readonly signer?: string; readonly offerings?: number }
  | { readonly type: 'failed' | 'quarantined' | 'flagged'; readonly url: string; readonly reason: string }
  | { readonly type: 'registry'; readonly url: string; readonly providers: number }
  | { readonly type: 'progress'; readonly done: number; readonly queued: number };

/** How a crawl went. */
export interface CrawlReport {
  readonly fetched: readonly { readonly url: string; readonly signer?: string; readonly offerings: number }[];
  readonly unchanged: readonly string[];
  /** Could not be fetched or read: time-outs, HTTP errors, oversized bodies, refused addresses. */
  readonly failed: readonly { readonly url: string; readonly reason: string }[];
  /** Fetched but kept out: malformed, invalid, unsigned or badly signed. The catalog keeps any earlier version. */
  readonly quarantined: readonly { readonly url: string; readonly reason: string }[];
  /** Kept out and worth a human's look: the signer changed, or a signature disappeared. */
  readonly flagged: readonly { readonly url: string; readonly reason: string }[];
  readonly registries: readonly { readonly url: string; readonly providers: number }[];
  /** For the next crawl. */
  readonly state: CrawlState;
  readonly timings: { readonly totalMs: number; readonly httpMs: number; readonly verifyMs: number; readonly parseMs: number };
}
