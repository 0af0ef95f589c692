import { request, type Dispatcher } from 'undici';
import { MpliError } from '../errors/mpli-error';

/** Options for {@link httpExchange}. */
export interface ExchangeOptions {
  readonly method?: Dispatcher.HttpMethod;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** The whole exchange's time limit in milliseconds. Default 30 s. */
  readonly timeoutMs?: number;
  /** Refuse response bodies above this many bytes. Default 100 MiB. */
  readonly maxBytes?: number;
  readonly dispatcher?: Dispatcher;
}

/** A response read whole. */
export interface Exchange {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
}

/**
 * One HTTP exchange over undici with a time limit covering request and body and a byte limit
 * enforced from Content-Length and while streaming. Network failures, timeouts and oversized
 * bodies throw `FETCH_FAILED` / `INPUT_TOO_LARGE`; any HTTP status is returned for the caller to judge.
 */
export async function httpExchange(url: string, options: ExchangeOptions = {}): Promise<Exchange> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxBytes = options.maxBytes ?? 100 * 1024 * 1024;
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Dispatcher.ResponseData;
  try {
    response = await request(url, {
      method: options.method ?? 'GET',
      ...(options.headers ? { headers: options.headers } : {}),
      ...(options.body !== undefined ? { body: options.body } : {}),
      signal,
      ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
    });
  } catch (error) {
    throw new MpliError('FETCH_FAILED', `${options.method ?? 'GET'} ${url} failed: ${signal.aborted ? `no answer within ${timeoutMs} ms` : (error as Error).message}`, { cause: error, details: { url } });
  }
  const text = await readBody(response, url, maxBytes, signal);
  return { status: response.statusCode, headers: response.headers, text };
}

/** Reads a body whole, refusing more than `maxBytes` (declared or received). */
export async function readBody(response: Dispatcher.ResponseData, url: string, maxBytes: number, signal: AbortSignal): Promise<string> {
  const declared = Number(response.headers['content-length'] ?? NaN);
  const tooLarge = (bytes: number) =>
    new MpliError('INPUT_TOO_LARGE', `${url} is more than ${maxBytes} bytes (${bytes} seen), above the limit`, { details: { source: url, bytes, maxBytes } });
  if (declared > maxBytes) {
    await response.body.dump();
    throw tooLarge(declared);
  }
  const chunks: Buffer[] = [];
  let received = 0;
  try {
    for await (const chunk of response.body) {
      received += (chunk as Buffer).length;
      if (received > maxBytes) {
        response.body.destroy();
        throw tooLarge(received);
      }
      chunks.push(chunk as Buffer);
    }
  } catch (error) {
    if (error instanceof MpliError) throw error;
    throw new MpliError('FETCH_FAILED', `Reading ${url} failed: ${signal.aborted ? 'timed out while reading the body' : (error as Error).message}`, { cause: error, details: { url } });
  }
  return Buffer.concat(chunks).toString('utf8');
}
