import { request, type Dispatcher } from 'undici';
import { DeliveryError } from '../delivery-error';

/** An answer of an OpenStack API that is not a success: its status and what the service said. */
export class OpenStackError extends DeliveryError {
  constructor(
    readonly status: number,
    readonly service: string,
    message: string,
  ) {
    super(status === 401 || status === 403 ? 'UNAUTHORIZED' : 'TOOL_FAILED', message);
  }
}

export interface HttpCall {
  readonly method?: Dispatcher.HttpMethod;
  readonly headers?: Record<string, string>;
  /** JSON (an object), or raw bytes (a stream or buffer, sent as is). */
  readonly json?: unknown;
  readonly body?: Dispatcher.DispatchOptions['body'];
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/** The largest JSON answer read (catalogs and server lists stay far below). */
const MAX_JSON_BYTES = 16 * 1024 * 1024;

/** Calls an OpenStack API and returns the raw undici response (for streams and headers). */
export async function httpCall(service: string, url: string, call: HttpCall = {}): Promise<Dispatcher.ResponseData> {
  const timeoutMs = call.timeoutMs ?? 60_000;
  const headers: Record<string, string> = { accept: 'application/json', ...call.headers };
  if (call.json !== undefined) headers['content-type'] = 'application/json';
  try {
    return await request(url, {
      method: call.method ?? 'GET',
      headers,
      body: call.json !== undefined ? JSON.stringify(call.json) : (call.body ?? null),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      ...(call.signal ? { signal: call.signal } : {}),
    });
  } catch (error) {
    if (call.signal?.aborted) throw new DeliveryError('CANCELLED', `${service}: cancelled`);
    throw new DeliveryError('TOOL_FAILED', `${service} at ${new URL(url).origin} cannot be reached: ${(error as Error).message}`);
  }
}

/** Reads a JSON answer (bounded), or throws an OpenStackError with the service's own message. */
export async function readJson<T>(service: string, response: Dispatcher.ResponseData, what: string): Promise<T> {
  const text = await readText(response);
  if (response.statusCode >= 400) throw new OpenStackError(response.statusCode, service, `${service}: ${what} failed (HTTP ${response.statusCode}): ${messageOf(text)}`);
  if (!text) return undefined as T;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new DeliveryError('TOOL_FAILED', `${service}: ${what} answered something that is not JSON`);
  }
}

/** Checks an answer's status, dropping its body. */
export async function expectOk(service: string, response: Dispatcher.ResponseData, what: string): Promise<void> {
  await readJson(service, response, what);
}

async function readText(response: Dispatcher.ResponseData): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BYTES) {
      response.body.destroy();
      throw new DeliveryError('TOOL_FAILED', `an answer above ${MAX_JSON_BYTES} bytes was refused`);
    }
    parts.push(chunk as Buffer);
  }
  return Buffer.concat(parts).toString('utf8');
}

/** The message inside an OpenStack error body: `{"error": {"message"}}`, `{"itemNotFound": {...}}`, or text. */
function messageOf(text: string): string {
  try {
    const body = JSON.parse(text) as Record<string, { message?: string; title?: string }>;
    const first = Object.values(body)[0];
    if (first && typeof first === 'object' && (first.message || first.title)) return first.message ?? first.title ?? text;
  } catch {
    // not JSON: the text itself, trimmed
  }
  return text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 500);
}
