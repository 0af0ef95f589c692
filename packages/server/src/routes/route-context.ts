import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BillingLedger } from '@mpli/billing';
import type { Catalog, CrawlOptions, CrawlState, ManifestPublisher } from '@mpli/core';
import type { DeliveryAdapter } from '@mpli/delivery-adapters';
import type { SigningKey, VerifyOptions } from '@mpli/trust';
import type { PresentationAuth } from '../http/presentation-auth';
import type { CatalogViews } from './catalog-views';
import type { Operations } from './operations';

/** What every route may use. */
export interface RouteContext {
  readonly catalog: Catalog;
  readonly views: CatalogViews;
  readonly operations: Operations;
  readonly maxBodyBytes: number;
  readonly verify: VerifyOptions;
  /** Defaults for crawls started through the API (address policy, verifier, limits). */
  readonly crawl: Omit<CrawlOptions, 'catalog' | 'seeds' | 'registries'>;
  /** What the last crawl learnt (validators, signers), for the next one's conditional re-fetch. */
  readonly crawlMemory: { state?: CrawlState };
  readonly publisher?: ManifestPublisher;
  /**
   * Throws 401 or 403 unless the request carries a valid bearer token or presentation; returns
   * the presentation's holder DID (undefined for a bearer token).
   */
  readonly requireAuth: (request: IncomingMessage) => Promise<string | undefined>;
  /** Provider side: the adapters that deliver orders, and where the offerings come from. */
  readonly delivery?: { readonly adapters: ReadonlyMap<string, DeliveryAdapter>; readonly catalog: Catalog; readonly handledBy: Map<string, string> };
  readonly presentations?: PresentationAuth;
  /** Provider side: the key that countersigns agreements, and the agreements signed, by id. */
  readonly agreements?: { readonly key: SigningKey; readonly store: Map<string, Record<string, unknown>> };
  /** Whether GET / serves the marketplace page. */
  readonly page?: boolean;
  /** Agreements, usage records and invoices by consumer, for statements. */
  readonly billing?: BillingLedger;
}

/** A route's handler. */
export type Handler = (request: IncomingMessage, response: ServerResponse, url: URL, params: Readonly<Record<string, string>>, context: RouteContext) => Promise<void>;
