/**
 * A token bucket per client: `perMinute` requests a minute on average, bursts up to `burst`.
 * Buckets of clients gone quiet are dropped, so memory stays bounded.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly perMinute: number, private readonly burst: number, private readonly clock: () => number = Date.now, private readonly maxClients = 100_000) {}

  /** Takes a token for `client`; returns undefined when allowed, else the seconds to wait. */
  take(client: string): number | undefined {
    const now = this.clock();
    const rate = this.perMinute / 60_000;
    const bucket = this.buckets.get(client) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.at) * rate);
    bucket.at = now;
    this.buckets.delete(client);
    this.buckets.set(client, bucket);
    if (this.buckets.size > this.maxClients) this.buckets.delete(this.buckets.keys().next().value as string);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return Math.ceil((1 - bucket.tokens) / rate / 1000);
  }
}
