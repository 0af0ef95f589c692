import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BillingLedger } from '@mpli/billing';
import { Catalog, type CrawlOptions, type ManifestPublisher } from '@mpli/core';
import { DeliveryError, type DeliveryAdapter } from '@mpli/delivery-adapters';
import type { SigningKey, VerifyOptions } from '@mpli/trust';
import { requireBearer, sha256 } from './http/bearer-auth';
import { HttpProblem, sendJson, sendProblem } from './http/problem';
import { PresentationAuth } from './http/presentation-auth';
import { RateLimiter } from './http/rate-limit';
import { OPENAPI_DOCUMENT } from './openapi/document';
import { CatalogViews } from './routes/catalog-views';
import { getOperation, startCrawl } from './routes/crawls';
import { listOfferings, listProviders } from './routes/listing';
import { match } from './routes/match';
import { Operations } from './routes/operations';
import { cancelOrder, orderStatus, placeOrder, planOrder } from './routes/orders';
import type { Handler, RouteContext } from './routes/route-context';
import { verify } from './routes/verify';
import { marketplacePage } from './page/marketplace-page';
import { getAgreement, proposeAgreementRoute } from './routes/agreements';
import { addBillingCredential, getStatement } from './routes/billing';

/** How an MPLI server is set up. */
export interface ServerOptions {
  /** The catalog it serves and crawls into. Default: an empty one. */
  readonly catalog?: Catalog;
  /** Bearer tokens that may write (start crawls). */
  readonly tokens?: readonly string[];
  /** DIDs that may write by verifiable presentation (see GET /auth/challenge). */
  readonly writers?: readonly string[];
  /** The domain presentations must be bound to. Default: mpli-server. */
  readonly domain?: string;
  /** Requests a minute per client (by address), on average. Default 600, bursts of 100. */
  readonly rateLimit?: { readonly perMinute: number; readonly burst: number };
  /** Largest request body. Default 1 MiB. */
  readonly maxBodyBytes?: number;
  /** For POST /verify: DID resolver, status checker, trusted roots. */
  readonly verify?: VerifyOptions;
  /** For POST /crawls: verifier, address policy, limits. */
  readonly crawl?: Omit<CrawlOptions, 'catalog' | 'seeds' | 'registries'>;
  /** A provider's publisher, to serve its /.well-known/mpli from the same endpoint. */
  readonly publisher?: ManifestPublisher;
  /**
   * Provider side: the delivery adapters behind POST /orders, and the catalog holding the
   * provider's own offerings (default: the server's catalog). An order names an offering; its
   * manifest says which adapter delivers it.
   */
  readonly delivery?: { readonly adapters: readonly DeliveryAdapter[]; readonly catalog?: Catalog };
  /**
   * Provider side: the provider's signing key (its controller the manifest's DID), to countersign
   * agreements at POST /agreements. The key stays in this process; it is never sent or logged.
   */
  readonly agreementKey?: SigningKey;
  /** Serve the marketplace web page at GET /: paste requirements, see ranked, explained matches. */
  readonly page?: boolean;
  /**
   * Keep billing: usage records and invoices handed in (POST /usage-records, POST /invoices) and
   * agreements countersigned here, and give each consumer its one statement (GET /statements).
   */
  readonly billing?: BillingLedger;
}

const publisherRoute: Handler = async (request, response, _url, _params, context) => {
  if (!context.publisher) throw new HttpProblem(404, 'Not Found', 'This server publishes no manifest');
  context.publisher.handle(request, response);
};

/** The routes, by method and path pattern; the OpenAPI document describes exactly these. */
export const ROUTES: readonly { readonly method: string; readonly path: string; readonly handler: Handler }[] = [
  { method: 'GET', path: '/', handler: marketplacePage },
  { method: 'GET', path: '/.well-known/mpli', handler: publisherRoute },
  { method: 'GET', path: '/.well-known/mpli/signature', handler: publisherRoute },
  { method: 'GET', path: '/.well-known/mpli/credentials', handler: publisherRoute },
  { method: 'GET', path: '/.well-known/api-catalog', handler: publisherRoute },
  { method: 'GET', path: '/openapi.json', handler: async (_request, response) => sendJson(response, 200, OPENAPI_DOCUMENT) },
  { method: 'GET', path: '/providers', handler: listProviders },
  { method: 'GET', path: '/offerings', handler: listOfferings },
  { method: 'POST', path: '/match', handler: match },
  { method: 'POST', path: '/verify', handler: verify },
  { method: 'POST', path: '/crawls', handler: startCrawl },
  { method: 'GET', path: '/operations/{id}', handler: getOperation },
  { method: 'POST', path: '/agreements', handler: proposeAgreementRoute },
  { method: 'GET', path: '/agreements/{id}', handler: getAgreement },
  { method: 'POST', path: '/usage-records', handler: addBillingCredential('UsageRecordCredential') },
  { method: 'POST', path: '/invoices', handler: addBillingCredential('InvoiceCredential') },
  { method: 'GET', path: '/statements', handler: getStatement },
  { method: 'POST', path: '/orders', handler: placeOrder },
  { method: 'POST', path: '/orders/plan', handler: planOrder },
  { method: 'GET', path: '/orders/{id}', handler: orderStatus },
  { method: 'DELETE', path: '/orders/{id}', handler: cancelOrder },
  { method: 'GET', path: '/auth/challenge', handler: async (_request, response, _url, _params, context) => {
    if (!context.presentations) throw new HttpProblem(404, 'Not Found', 'This server takes no presentations: it has no writers');
    sendJson(response, 200, context.presentations.issue(), { 'cache-control': 'no-store' });
  } },
];

function decodePathPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new HttpProblem(400, 'Bad Request', `The path part ${part} is not valid percent-encoding`);
  }
}

function findRoute(method: string, path: string): { handler: Handler; params: Record<string, string> } | { allow: string[] } | undefined {
  const candidates = ROUTES.flatMap((route) => {
    const names: string[] = [];
    const pattern = new RegExp(`^${route.path.replace(/[.]/g, '\\.').replace(/\{(\w+)\}/g, (_, name: string) => (names.push(name), '([^/]+)'))}$`);
    const found = pattern.exec(path);
    return found ? [{ route, params: Object.fromEntries(names.map((name, i) => [name, decodePathPart(found[i + 1]!)])) }] : [];
  });
  if (!candidates.length) return undefined;
  const exact = candidates.find((c) => c.route.method === method || (method === 'HEAD' && c.route.method === 'GET'));
  return exact ? { handler: exact.route.handler, params: exact.params } : { allow: candidates.map((c) => c.route.method) };
}

/**
 * The one MPLI REST endpoint, as a node:http request handler: providers and offerings (filtered,
 * cursor-paged), POST /match, POST /verify, crawls as operations to poll, the provider's own
 * /.well-known/mpli when given a publisher, and its OpenAPI 3.1 document at /openapi.json. Every
 * error is RFC 9457 problem+json; no request crashes it.
 *
 * @example
 * const server = createServer(createMpliServer({ catalog, tokens: [process.env.MPLI_TOKEN!] }));
 */
export function createMpliServer(options: ServerOptions = {}): (request: IncomingMessage, response: ServerResponse) => void {
  const catalog = options.catalog ?? new Catalog();
  const tokenDigests = (options.tokens ?? []).map(sha256);
  const presentations = options.writers?.length ? new PresentationAuth(options.domain ?? 'mpli-server', options.writers, options.verify ?? {}) : undefined;
  const limiter = new RateLimiter(options.rateLimit?.perMinute ?? 600, options.rateLimit?.burst ?? 100);
  const context: RouteContext = {
    catalog, views: new CatalogViews(catalog), operations: new Operations(), maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024,
    verify: options.verify ?? {}, crawl: options.crawl ?? {}, crawlMemory: {},
    requireAuth: async (request) => {
      if (presentations && PresentationAuth.offered(request)) return presentations.require(request);
      if (!tokenDigests.length && !presentations) throw new HttpProblem(403, 'Forbidden', 'This server accepts no writes: it was started without tokens or writers');
      requireBearer(request, tokenDigests);
      return undefined;
    },
    ...(presentations ? { presentations } : {}),
    ...optionalParts(options, catalog),
  };
  return (request, response) => {
    const url = new URL(request.url ?? '/', 'http://mpli');
    void handle(request, response, url, context, limiter).catch((error: unknown) => {
      const problem = error instanceof HttpProblem ? error : error instanceof DeliveryError ? deliveryProblem(error) : new HttpProblem(500, 'Internal Server Error', 'The server failed on this request; it is logged');
      if (!(error instanceof HttpProblem) && !(error instanceof DeliveryError)) console.error(`mpli server: ${request.method ?? ''} ${url.pathname}: ${(error as Error).stack ?? String(error)}`);
      sendProblem(response, problem, url.pathname);
      // Whatever the client still sends is not read: drain it so the connection can be reused.
      request.resume();
    });
  };
}

/** The parts of the context a server has only when configured for them: provider side, and the page. */
function optionalParts(options: ServerOptions, catalog: Catalog): Partial<RouteContext> {
  return {
    ...(options.publisher ? { publisher: options.publisher } : {}),
    ...(options.delivery ? { delivery: { adapters: new Map(options.delivery.adapters.map((a) => [a.name, a])), catalog: options.delivery.catalog ?? catalog, handledBy: new Map<string, string>() } } : {}),
    ...(options.agreementKey ? { agreements: { key: options.agreementKey, store: new Map<string, Record<string, unknown>>() } } : {}),
    ...(options.page ? { page: true } : {}),
    ...(options.billing ? { billing: options.billing } : {}),
  };
}

/** A delivery adapter's error as a problem: a bad order is the client's, anything else the tool's. */
function deliveryProblem(error: DeliveryError): HttpProblem {
  if (error.code === 'BAD_ORDER') return new HttpProblem(400, 'Bad Request', error.message);
  if (error.code === 'TIMEOUT') return new HttpProblem(504, 'Gateway Timeout', error.message);
  return new HttpProblem(502, 'Bad Gateway', error.message);
}

async function handle(request: IncomingMessage, response: ServerResponse, url: URL, context: RouteContext, limiter: RateLimiter): Promise<void> {
  const wait = limiter.take(request.socket.remoteAddress ?? 'unknown');
  if (wait !== undefined) throw new HttpProblem(429, 'Too Many Requests', `Slow down: try again in ${wait} s`, { 'retry-after': String(wait) });
  const found = findRoute(request.method ?? 'GET', url.pathname);
  if (!found) throw new HttpProblem(404, 'Not Found', `No route ${url.pathname}; see /openapi.json`);
  if ('allow' in found) throw new HttpProblem(405, 'Method Not Allowed', `${url.pathname} answers ${found.allow.join(', ')}`, { allow: found.allow.join(', ') });
  await found.handler(request, response, url, found.params, context);
}
