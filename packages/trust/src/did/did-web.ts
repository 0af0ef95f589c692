import { httpExchange, MpliError } from '@mpli/core';
import type { Dispatcher } from 'undici';
import { cacheLifetimeMs } from '../cache-lifetime';
import type { DidDocument, DidMethodResolver } from './did-document';

/** Options for {@link didWebResolver}. */
export interface DidWebOptions {
  /** Time limit of one resolution, request and body. Default 5 s. */
  readonly timeoutMs?: number;
  /** Largest DID document accepted. Default 256 KiB: real documents are a few KiB. */
  readonly maxBytes?: number;
  /** How long a resolved document is reused. Default 5 minutes; a shorter `Cache-Control: max-age` wins. */
  readonly ttlMs?: number;
  /** How many documents the cache keeps. Default 1,000. */
  readonly maxEntries?: number;
  /** The undici dispatcher: an Agent with your CA, a proxy, or a MockAgent. */
  readonly dispatcher?: Dispatcher;
  /** The clock, for tests. */
  readonly clock?: () => number;
}

/**
 * The did:web resolver (W3C CCG did:web method): `did:web:example.com:user:alice` is the document
 * at `https://example.com/user/alice/did.json`; a bare domain's is at `/.well-known/did.json`; a
 * port is written `%3A`. HTTPS only. Each resolution is bounded in time and size; results are
 * cached for `ttlMs`, and concurrent resolutions of one DID share one request.
 *
 * @example
 * const resolver = new DidResolver({ web: didWebResolver({ timeoutMs: 3000 }) });
 */
export function didWebResolver(options: DidWebOptions = {}): DidMethodResolver {
  const timeoutMs = options.timeoutMs ?? 5_000;
  const maxBytes = options.maxBytes ?? 256 * 1024;
  const ttlMs = options.ttlMs ?? 300_000;
  const maxEntries = options.maxEntries ?? 1_000;
  const clock = options.clock ?? Date.now;
  const cache = new Map<string, { expires: number; document: Promise<DidDocument> }>();

  const fetchDocument = async (did: string): Promise<{ document: DidDocument; maxAgeMs: number }> => {
    const url = didWebUrl(did);
    let exchange;
    try {
      exchange = await httpExchange(url, { timeoutMs, maxBytes, headers: { accept: 'application/did+json, application/json;q=0.9' }, ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}) });
    } catch (error) {
      const reason = error instanceof MpliError && error.code === 'INPUT_TOO_LARGE' ? `its document is larger than ${maxBytes} bytes` : (error as Error).message;
      throw new MpliError('DID_RESOLUTION_FAILED', `Cannot resolve ${did}: ${reason}`, { cause: error, details: { did, url } });
    }
    if (exchange.status !== 200) throw new MpliError('DID_RESOLUTION_FAILED', `Cannot resolve ${did}: ${url} answered HTTP ${exchange.status}`, { details: { did, url, status: exchange.status } });
    let document: unknown;
    try {
      document = JSON.parse(exchange.text);
    } catch {
      throw new MpliError('DID_INVALID', `The document of ${did} at ${url} is not JSON`, { details: { did, url } });
    }
    if (!document || typeof document !== 'object' || (document as { id?: unknown }).id !== did) {
      throw new MpliError('DID_INVALID', `The document at ${url} is not about ${did}`, { details: { did, url } });
    }
    return { document: document as DidDocument, maxAgeMs: cacheLifetimeMs(exchange.headers['cache-control']) ?? ttlMs };
  };

  return async (did: string) => {
    const now = clock();
    const cached = cache.get(did);
    if (cached && cached.expires > now) return cached.document;
    const entry = { expires: now + ttlMs, document: fetchDocument(did).then(({ document, maxAgeMs }) => {
      entry.expires = clock() + Math.min(ttlMs, maxAgeMs);
      return document;
    }) };
    // Failures are not cached: the next verification asks again.
    entry.document.catch(() => {
      if (cache.get(did) === entry) cache.delete(did);
    });
    cache.delete(did);
    cache.set(did, entry);
    if (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
    return entry.document;
  };
}

/** The HTTPS URL of a did:web document. Throws `DID_INVALID` for a malformed did:web. */
export function didWebUrl(did: string): string {
  const parts = did.split(':');
  if (parts[0] !== 'did' || parts[1] !== 'web' || parts.length < 3 || parts.slice(2).some((p) => p === '')) {
    throw new MpliError('DID_INVALID', `${did} is not a did:web`, { details: { did } });
  }
  const [host, ...path] = parts.slice(2).map((part) => decodeURIComponent(part));
  let url: URL;
  try {
    url = new URL(`https://${host}`);
  } catch {
    throw new MpliError('DID_INVALID', `${did} does not name a valid host`, { details: { did } });
  }
  if (url.pathname !== '/' || url.username || url.search) throw new MpliError('DID_INVALID', `${did} does not name a valid host`, { details: { did } });
  url.pathname = path.length ? `/${path.map(encodeURIComponent).join('/')}/did.json` : '/.well-known/did.json';
  return url.toString();
}
