// A small clearing house, after the Gaia-X Digital Clearing House but under a policy of its own:
// providers POST their credentials, the house verifies them under its trust policy and, when they
// earn a level, answers with a signed compliance label credential.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { verifyWithPolicy, type SigningKey, type TrustPolicy, type VerifyOptions } from '@mpli/trust';
import { assertCumulative, decideLevel, type LevelRequirement } from './label-levels';
import { issueLabel } from './issue-label';

/** How a clearing house is set up. */
export interface ClearingHouseOptions {
  readonly key: SigningKey;
  readonly policy: TrustPolicy;
  /** From the lowest level up. */
  readonly levels: readonly LevelRequirement[];
  /** Default 90. */
  readonly labelValidityDays?: number;
  /** Largest request accepted. Default 1 MiB. */
  readonly maxBodyBytes?: number;
  /** Verification options: DID resolver, status checker, clock. */
  readonly verify?: VerifyOptions;
}

/**
 * The clearing house as a node:http request handler.
 * - `GET /policy`: the policy and the levels, as JSON
 * - `POST /labels` with `{ "subject": "<DID>", "credentials": [ ... ] }`: 201 and the label
 *   credential; 422 with every reason when no level is earned; 400 for a malformed request;
 *   413 when it is too large
 */
export function createClearingHouse(options: ClearingHouseOptions): (request: IncomingMessage, response: ServerResponse) => void {
  assertCumulative(options.levels);
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  return (request, response) => {
    void handle(request, response, options, maxBodyBytes).catch((error: unknown) => send(response, 500, { error: 'internal error', detail: (error as Error).message }));
  };
}

async function handle(request: IncomingMessage, response: ServerResponse, options: ClearingHouseOptions, maxBodyBytes: number): Promise<void> {
  const path = new URL(request.url ?? '/', 'http://house').pathname;
  if (request.method === 'GET' && path === '/policy') return send(response, 200, { policy: options.policy, levels: options.levels, issuer: options.key.controller });
  if (path !== '/labels') return send(response, 404, { error: `no ${path} here; try GET /policy or POST /labels` });
  if (request.method !== 'POST') return send(response, 405, { error: 'POST your credentials to /labels' }, { allow: 'POST' });
  const body = await readBody(request, maxBodyBytes);
  if (body === undefined) return send(response, 413, { error: `the request is larger than ${maxBodyBytes} bytes` });
  let parsed: { subject?: unknown; credentials?: unknown };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    return send(response, 400, { error: 'the request is not JSON' });
  }
  if (typeof parsed.subject !== 'string' || !Array.isArray(parsed.credentials) || parsed.credentials.length === 0) {
    return send(response, 400, { error: 'send { "subject": "<the provider\'s DID>", "credentials": [ ... ] }' });
  }
  const credentials = parsed.credentials as (Record<string, unknown> | string)[];
  const now = options.verify?.now ?? new Date();
  const outcome = await verifyWithPolicy(credentials, options.policy, { ...options.verify, now, subject: parsed.subject });
  const decision = decideLevel(outcome, options.levels);
  if (!decision.level) {
    return send(response, 422, { error: 'no label level earned', missing: decision.missingForNext, failed: outcome.failed, unused: outcome.unused });
  }
  const label = await issueLabel({ key: options.key, policy: options.policy, subject: parsed.subject, decision: { ...decision, level: decision.level }, inputs: credentials, now, validityDays: options.labelValidityDays ?? 90 });
  return send(response, 201, { label, level: decision.level, missingForNext: decision.missingForNext, failed: outcome.failed });
}

async function readBody(request: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  if (Number(request.headers['content-length'] ?? 0) > maxBytes) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(`${JSON.stringify(body, null, 2)}\n`);
}
