import { createHash } from 'node:crypto';
import { request, type Dispatcher } from 'undici';
import { DeliveryError } from '../delivery-error';

/** An operation as an MPLI server reports it at /operations/{id}. */
export interface RemoteOperation {
  readonly id: string;
  readonly status: 'running' | 'succeeded' | 'failed' | 'cancelled';
  readonly error?: string;
  readonly result?: { resources?: unknown[]; outputs?: Record<string, string>; leftovers?: unknown[] };
  readonly events?: { type: string; message?: string; resource?: string }[];
}

const MAX_ANSWER = 4 * 1024 * 1024;

/** Calls another MPLI provider's REST endpoint, with its bearer token, bounded in size and time. */
export async function callUpstream<T>(endpoint: string, path: string, init: { method?: Dispatcher.HttpMethod; json?: unknown; token: string; timeoutMs: number; dispatcher?: Dispatcher }): Promise<{ status: number; body: T }> {
  let response: Dispatcher.ResponseData;
  try {
    response = await request(new URL(path, endpoint.endsWith('/') ? endpoint : `${endpoint}/`), {
      method: init.method ?? 'GET',
      headers: { accept: 'application/json', authorization: `Bearer ${init.token}`, ...(init.json !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: init.json !== undefined ? JSON.stringify(init.json) : null,
      headersTimeout: init.timeoutMs,
      bodyTimeout: init.timeoutMs,
      ...(init.dispatcher ? { dispatcher: init.dispatcher } : {}),
    });
  } catch (error) {
    throw new DeliveryError('TOOL_FAILED', `the upstream MPLI provider at ${new URL(endpoint).origin} cannot be reached: ${(error as Error).message}`);
  }
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += (chunk as Buffer).length;
    if (size > MAX_ANSWER) {
      response.body.destroy();
      throw new DeliveryError('TOOL_FAILED', `the upstream MPLI provider answered more than ${MAX_ANSWER} bytes`);
    }
    parts.push(chunk as Buffer);
  }
  const text = Buffer.concat(parts).toString('utf8');
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    throw new DeliveryError('TOOL_FAILED', `the upstream MPLI provider answered HTTP ${response.statusCode} with something that is not JSON`);
  }
  if (response.statusCode >= 400 && response.statusCode !== 404) throw upstreamError(response.statusCode, body, text, `${init.method ?? 'GET'} ${path}`);
  return { status: response.statusCode, body: body as T };
}

/** An upstream problem+json answer as a DeliveryError: 400 is a bad order, 401/403 refused credentials. */
function upstreamError(status: number, body: unknown, text: string, what: string): DeliveryError {
  const problem = body as { detail?: string; title?: string } | undefined;
  const detail = problem?.detail ?? problem?.title ?? text.slice(0, 300);
  const code = status === 400 ? 'BAD_ORDER' : status === 401 || status === 403 ? 'UNAUTHORIZED' : 'TOOL_FAILED';
  return new DeliveryError(code, `upstream ${what}: HTTP ${status}: ${detail}`);
}

/**
 * The id of the order placed upstream for one of ours: our prefix and our order id, so that a
 * repeated apply re-places the same upstream order (which then delivers once); hashed when long.
 */
export function upstreamOrderId(prefix: string, orderId: string): string {
  const id = `${prefix}-${orderId}`;
  return id.length <= 64 ? id : `${prefix.slice(0, 20)}-${createHash('sha256').update(orderId).digest('hex').slice(0, 40)}`;
}
