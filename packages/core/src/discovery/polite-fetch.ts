import type { Dispatcher } from 'undici';
import { request } from 'undici';
import { MpliError } from '../errors/mpli-error';
import { readBody } from '../io/http-exchange';
import { urlRefusal, type AddressPolicy } from './address-policy';

/** Limits and retry rules of one crawler fetch. */
export interface FetchRules {
  readonly dispatcher: Dispatcher;
  readonly policy: AddressPolicy;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly maxRedirects: number;
  /** Attempts after the first, for network errors, 429 and 5xx. */
  readonly retries: number;
  readonly backoffMs: number;
  readonly accept: string;
}

/** A fetched document, or the news that it did not change. */
export type Fetched =
  | { readonly status: 'ok'; readonly url: string; readonly text: string; readonly contentType?: string; readonly etag?: string; readonly lastModified?: string; readonly link?: string; readonly bytes: number }
  | { readonly status: 'unchanged'; readonly url: string };

/**
 * GETs a URL for the crawler: the URL and every redirect target checked against the address
 * policy, redirects followed up to a limit, a time limit per attempt, a byte limit, conditional
 * headers when validators are known, and retries with exponential backoff (honouring a short
 * Retry-After) for network errors, 429 and 5xx. Throws `FETCH_FAILED` or `INPUT_TOO_LARGE`.
 */
export async function politeFetch(url: string, rules: FetchRules, validators: { etag?: string; lastModified?: string } = {}): Promise<Fetched> {
  let lastError: MpliError | undefined;
  for (let attempt = 0; attempt <= rules.retries; attempt += 1) {
    if (attempt > 0) await sleep(lastError?.details.retryAfterMs as number | undefined ?? rules.backoffMs * 2 ** (attempt - 1));
    try {
      return await fetchOnce(url, rules, validators);
    } catch (error) {
      if (!(error instanceof MpliError) || error.details.retryable !== true) throw error;
      lastError = error;
    }
  }
  throw lastError!;
}

async function fetchOnce(url: string, rules: FetchRules, validators: { etag?: string; lastModified?: string }): Promise<Fetched> {
  const signal = AbortSignal.timeout(rules.timeoutMs);
  let current = url;
  for (let hop = 0; hop <= rules.maxRedirects; hop += 1) {
    const refusal = urlRefusal(new URL(current), rules.policy);
    if (refusal) throw failed(url, hop ? `redirected to ${current}: ${refusal}` : refusal, false);
    let response: Dispatcher.ResponseData;
    try {
      response = await request(current, {
        method: 'GET',
        dispatcher: rules.dispatcher,
        signal,
        headers: { accept: rules.accept, ...(validators.etag ? { 'if-none-match': validators.etag } : {}), ...(validators.lastModified ? { 'if-modified-since': validators.lastModified } : {}) },
      });
    } catch (error) {
      const reason = signal.aborted ? `no answer within ${rules.timeoutMs} ms` : (error as Error).message;
      throw failed(url, reason, !/private, loopback or reserved/.test(reason), error);
    }
    const header = (name: string) => (typeof response.headers[name] === 'string' ? (response.headers[name] as string) : undefined);
    if (response.statusCode >= 300 && response.statusCode < 400 && response.statusCode !== 304 && header('location')) {
      await response.body.dump();
      current = new URL(header('location')!, current).toString();
      continue;
    }
    if (response.statusCode === 304) {
      await response.body.dump();
      return { status: 'unchanged', url: current };
    }
    if (response.statusCode !== 200) {
      await response.body.dump();
      const retryable = response.statusCode === 429 || response.statusCode >= 500;
      const retryAfter = Number(header('retry-after'));
      throw failed(url, `HTTP ${response.statusCode}`, retryable, undefined, Number.isFinite(retryAfter) && retryAfter <= 30 ? retryAfter * 1000 : undefined);
    }
    const text = await readBody(response, current, rules.maxBytes, signal);
    return okResult(current, text, header);
  }
  throw failed(url, `more than ${rules.maxRedirects} redirects`, false);
}

function okResult(url: string, text: string, header: (name: string) => string | undefined): Fetched {
  const optional = (key: string, name: string) => (header(name) !== undefined ? { [key]: header(name)! } : {});
  return { status: 'ok', url, text, bytes: Buffer.byteLength(text), ...optional('contentType', 'content-type'), ...optional('etag', 'etag'), ...optional('lastModified', 'last-modified'), ...optional('link', 'link') };
}

function failed(url: string, reason: string, retryable: boolean, cause?: unknown, retryAfterMs?: number): MpliError {
  return new MpliError('FETCH_FAILED', `Cannot fetch ${url}: ${reason}`, { cause, details: { url, reason, retryable, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) } });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The target of the first Link header entry with relation `rel`, resolved against `base`. */
export function linkTarget(link: string | undefined, rel: string, base: string): string | undefined {
  for (const part of (link ?? '').split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (match && new RegExp(`;\\s*rel="?[^";]*\\b${rel.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\b`).test(match[2]!)) return new URL(match[1]!, base).toString();
  }
  return undefined;
}
