import { httpExchange, MpliError, type ContextMap } from '@mpli/core';
import type { Dispatcher } from 'undici';
import type { DidResolver } from '../did/did-resolver';
import { cacheLifetimeMs } from '../cache-lifetime';
import { issuerOf } from '../credentials/issuer-of';
import type { Check, Verification } from '../credentials/verification-result';
import { StatusList, type StatusPurpose } from './status-list';

/** Options for {@link createStatusChecker}. */
export interface StatusCheckerOptions {
  /** Time limit of one fetch. Default 5 s. */
  readonly timeoutMs?: number;
  /** Largest status list credential accepted. Default 1 MiB (a 16 KiB list compresses to far less). */
  readonly maxBytes?: number;
  /** How long a fetched list is reused. Default 5 minutes; a shorter max-age or list `ttl` wins. */
  readonly ttlMs?: number;
  readonly dispatcher?: Dispatcher;
  readonly clock?: () => number;
  /** Accept lists issued by someone other than the credential's issuer. Default false. */
  readonly allowOtherIssuer?: boolean;
}

/** Verifies a fetched status list credential; injected to avoid a cycle with verifyCredential. */
export type ListVerifier = (credential: Record<string, unknown>, options: { now: Date; contexts: ContextMap; didResolver?: DidResolver }) => Promise<Verification>;

/** Checks the `credentialStatus` of credentials against their issuers' published status lists. */
export interface StatusChecker {
  check(credential: Record<string, unknown>, context: { now: Date; contexts: ContextMap; didResolver?: DidResolver; verify: ListVerifier }): Promise<Check>;
}

interface Entry {
  readonly type?: unknown;
  readonly statusPurpose?: unknown;
  readonly statusListIndex?: unknown;
  readonly statusListCredential?: unknown;
}

/**
 * A status checker that fetches BitstringStatusListCredentials over undici (HTTPS, time and size
 * bounded), verifies each one (proof, validity, same issuer as the credential), caches it, and
 * reads the credential's bit: set means revoked (or suspended). Every failure is a failed
 * `status` check with its reason, never a throw.
 *
 * @example
 * const status = createStatusChecker({ timeoutMs: 3000 });
 * const result = await verifyCredential(credential, { status });
 */
export function createStatusChecker(options: StatusCheckerOptions = {}): StatusChecker {
  const ttlMs = options.ttlMs ?? 300_000;
  const clock = options.clock ?? Date.now;
  const cache = new Map<string, { expires: number; list: Promise<{ credential: Record<string, unknown>; maxAgeMs: number }> }>();

  const fetchList = (url: string) => {
    const cached = cache.get(url);
    if (cached && cached.expires > clock()) return cached.list;
    const entry = { expires: clock() + ttlMs, list: download(url, options) };
    entry.list.then(({ maxAgeMs }) => { entry.expires = clock() + Math.min(ttlMs, maxAgeMs); }, () => { if (cache.get(url) === entry) cache.delete(url); });
    cache.set(url, entry);
    return entry.list;
  };

  return {
    async check(credential, context) {
      const entries = ([] as unknown[]).concat(credential.credentialStatus ?? []) as Entry[];
      const results: string[] = [];
      for (const entry of entries) {
        if (entry.type !== 'BitstringStatusListEntry') return fail(`unsupported status type ${String(entry.type)} (MPLI checks BitstringStatusListEntry)`);
        const url = entry.statusListCredential;
        const index = Number(entry.statusListIndex);
        if (typeof url !== 'string' || !/^https:\/\//.test(url) || !Number.isInteger(index) || index < 0) return fail('the status entry needs an https statusListCredential and an integer statusListIndex');
        let listCredential: Record<string, unknown>;
        try {
          listCredential = (await fetchList(url)).credential;
        } catch (error) {
          return fail(`cannot get the status list ${url}: ${(error as Error).message}`);
        }
        const problem = await judgeList(listCredential, credential, entry, { ...context, allowOtherIssuer: options.allowOtherIssuer ?? false });
        if (problem) return fail(problem);
        const subject = listCredential.credentialSubject as { encodedList?: unknown };
        let list: StatusList;
        try {
          list = await StatusList.decode(url, String(subject.encodedList), entry.statusPurpose as StatusPurpose);
        } catch (error) {
          return fail((error as Error).message);
        }
        if (index >= list.length) return fail(`index ${index} is outside the status list ${url} (${list.length} bits)`);
        if (list.get(index)) return fail(`${entry.statusPurpose === 'suspension' ? 'suspended' : 'revoked'}: bit ${index} of ${url} is set`);
        results.push(`${String(entry.statusPurpose)} bit ${index} of ${url} is clear`);
      }
      return { name: 'status', ok: true, message: results.join('; ') || 'no status entry' };
    },
  };
}

const fail = (message: string): Check => ({ name: 'status', ok: false, message });

async function judgeList(list: Record<string, unknown>, credential: Record<string, unknown>, entry: Entry, context: Parameters<StatusChecker['check']>[1] & { allowOtherIssuer: boolean }): Promise<string | undefined> {
  const types = ([] as unknown[]).concat(list.type ?? []);
  if (!types.includes('BitstringStatusListCredential')) return 'the status list is not a BitstringStatusListCredential';
  const verification = await context.verify(list, { now: context.now, contexts: context.contexts, ...(context.didResolver ? { didResolver: context.didResolver } : {}) });
  if (!verification.verified) return `the status list does not verify: ${verification.errors.join('; ')}`;
  if (!context.allowOtherIssuer && issuerOf(list) !== issuerOf(credential)) return `the status list is issued by ${String(issuerOf(list))}, not by the credential's issuer ${String(issuerOf(credential))}`;
  const purpose = (list.credentialSubject as { statusPurpose?: unknown } | undefined)?.statusPurpose;
  if (!([] as unknown[]).concat(purpose ?? []).includes(entry.statusPurpose)) return `the status list is for ${String(purpose)}, the entry for ${String(entry.statusPurpose)}`;
  return undefined;
}

async function download(url: string, options: StatusCheckerOptions): Promise<{ credential: Record<string, unknown>; maxAgeMs: number }> {
  const exchange = await httpExchange(url, {
    timeoutMs: options.timeoutMs ?? 5_000,
    maxBytes: options.maxBytes ?? 1024 * 1024,
    headers: { accept: 'application/vc+ld+json, application/ld+json;q=0.9, application/json;q=0.8' },
    ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
  });
  if (exchange.status !== 200) throw new MpliError('STATUS_UNAVAILABLE', `HTTP ${exchange.status}`);
  let credential: Record<string, unknown>;
  try {
    credential = JSON.parse(exchange.text) as Record<string, unknown>;
  } catch {
    throw new MpliError('STATUS_UNAVAILABLE', 'not JSON');
  }
  const maxAge = cacheLifetimeMs(exchange.headers['cache-control']) ?? Number.POSITIVE_INFINITY;
  // The list's own ttl (milliseconds, per the specification) bounds caching too.
  const listTtl = Number((credential.credentialSubject as { ttl?: unknown } | undefined)?.ttl ?? Number.POSITIVE_INFINITY);
  return { credential, maxAgeMs: Math.min(maxAge, Number.isFinite(listTtl) ? listTtl : Number.POSITIVE_INFINITY) };
}
