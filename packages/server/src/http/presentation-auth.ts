import type { IncomingMessage } from 'node:http';
import { createChallenge, verifyPresentation, type VerifyOptions } from '@mpli/trust';
import { HttpProblem } from './problem';

/**
 * Authentication by verifiable presentation: a client asks GET /auth/challenge, signs a
 * presentation (as its holder DID) for that challenge and the server's domain, and sends it as
 * `Authorization: VP <base64url of the presentation's JSON>`. Each challenge is good once, for five
 * minutes; the holder must be one of the writers this server accepts.
 */
export class PresentationAuth {
  private readonly challenges = new Map<string, number>();

  constructor(private readonly domain: string, private readonly writers: readonly string[], private readonly verify: VerifyOptions, private readonly ttlMs = 300_000, private readonly clock: () => number = Date.now) {}

  /** A fresh challenge, remembered until used or expired. */
  issue(): { challenge: string; domain: string; expiresAt: string } {
    const now = this.clock();
    for (const [challenge, expires] of this.challenges) if (expires <= now) this.challenges.delete(challenge);
    if (this.challenges.size > 10_000) throw new HttpProblem(503, 'Service Unavailable', 'Too many challenges outstanding; try again shortly', { 'retry-after': '5' });
    const challenge = createChallenge();
    this.challenges.set(challenge, now + this.ttlMs);
    return { challenge, domain: this.domain, expiresAt: new Date(now + this.ttlMs).toISOString() };
  }

  /** Whether the request carries a VP Authorization header at all. */
  static offered(request: IncomingMessage): boolean {
    return /^VP\s+/i.test(request.headers.authorization ?? '');
  }

  /** Verifies the presentation in the Authorization header; throws 401 with the reason. */
  async require(request: IncomingMessage): Promise<string> {
    const encoded = /^VP\s+([A-Za-z0-9_-]+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const fail = (reason: string) => new HttpProblem(401, 'Unauthorized', reason, { 'www-authenticate': 'VP realm="mpli", challenge-uri="/auth/challenge"' });
    if (!encoded) throw fail('Send Authorization: VP <base64url presentation>');
    let presentation: Record<string, unknown>;
    try {
      presentation = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')) as Record<string, unknown>;
    } catch {
      throw fail('The presentation is not base64url-encoded JSON');
    }
    const proof = ([] as unknown[]).concat(presentation.proof ?? [])[0] as { challenge?: unknown } | undefined;
    const challenge = typeof proof?.challenge === 'string' ? proof.challenge : '';
    const expires = this.challenges.get(challenge);
    if (expires === undefined || expires <= this.clock()) throw fail('The presentation answers no challenge this server issued, or an expired or used one');
    // A challenge is spent by its first use, good or bad: no second try with the same one.
    this.challenges.delete(challenge);
    const result = await verifyPresentation(presentation, { ...this.verify, challenge, domain: this.domain });
    if (!result.verified) throw fail(`The presentation does not verify: ${result.errors.join('; ')}`);
    if (!result.holder || !this.writers.includes(result.holder)) throw new HttpProblem(403, 'Forbidden', `${result.holder ?? 'The holder'} may not write here`);
    return result.holder;
  }
}
