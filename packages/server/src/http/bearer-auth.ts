import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpProblem } from './problem';

/**
 * Checks `Authorization: Bearer <token>` against the configured tokens in constant time (tokens are
 * compared by their SHA-256, so lengths leak nothing). Throws 401 with a WWW-Authenticate challenge.
 */
export function requireBearer(request: IncomingMessage, tokenDigests: readonly Buffer[]): void {
  const header = request.headers.authorization ?? '';
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  const challenge = { 'www-authenticate': 'Bearer realm="mpli"' };
  if (!token) throw new HttpProblem(401, 'Unauthorized', 'This operation needs Authorization: Bearer <token>', challenge);
  const digest = sha256(token);
  if (!tokenDigests.some((known) => timingSafeEqual(known, digest))) throw new HttpProblem(401, 'Unauthorized', 'The bearer token is not one this server accepts', { 'www-authenticate': 'Bearer realm="mpli", error="invalid_token"' });
}

export const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();
