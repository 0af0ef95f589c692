import { request, type Dispatcher } from 'undici';
import { MpliError } from '../errors/mpli-error';
import { formatFromMediaType, RDF_FORMATS, type RdfFormat } from '../rdf/formats';
import { readBody } from './http-exchange';

/** Options for {@link fetchText}. */
export interface FetchTextOptions {
  readonly maxBytes: number;
  readonly timeoutMs: number;
  readonly dispatcher?: Dispatcher;
  /** Redirects followed before giving up. Default 5. */
  readonly maxRedirects?: number;
}

const ACCEPT = `${RDF_FORMATS.join(', ')};q=0.9, application/json;q=0.5`;

/**
 * GETs an RDF document over undici with a time limit covering the whole exchange, a bounded
 * number of redirects, and a byte limit enforced from Content-Length and again while streaming.
 */
export async function fetchText(url: string, options: FetchTextOptions): Promise<{ text: string; format: RdfFormat | undefined }> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  let current = url;
  for (let hop = 0; hop <= (options.maxRedirects ?? 5); hop += 1) {
    let response: Dispatcher.ResponseData;
    try {
      response = await request(current, {
        method: 'GET',
        headers: { accept: ACCEPT },
        signal,
        ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
      });
    } catch (error) {
      throw fetchFailed(url, signal.aborted ? `no answer within ${options.timeoutMs} ms` : (error as Error).message, error);
    }
    const location = response.headers.location;
    if (response.statusCode >= 300 && response.statusCode < 400 && typeof location === 'string') {
      await response.body.dump();
      current = new URL(location, current).toString();
      continue;
    }
    if (response.statusCode !== 200) {
      await response.body.dump();
      throw fetchFailed(url, `HTTP ${response.statusCode}`);
    }
    const text = await readBody(response, url, options.maxBytes, signal);
    const contentType = response.headers['content-type'];
    return { text, format: typeof contentType === 'string' ? formatFromMediaType(contentType) : undefined };
  }
  throw fetchFailed(url, `more than ${options.maxRedirects ?? 5} redirects`);
}

const fetchFailed = (url: string, reason: string, cause?: unknown) =>
  new MpliError('FETCH_FAILED', `Cannot fetch ${url}: ${reason}`, { cause, details: { source: url, reason } });
