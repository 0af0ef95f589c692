/**
 * Runs tasks with a global concurrency limit and, per host, a limit and a minimum delay between
 * starts: politeness towards each provider, throughput across many.
 */
export class HostScheduler {
  private running = 0;
  private readonly perHost = new Map<string, { running: number; lastStart: number }>();
  private readonly queue: { host: string; start: () => void }[] = [];

  constructor(private readonly concurrency: number, private readonly perHostConcurrency: number, private readonly perHostDelayMs: number) {}

  /** Runs `task` when a slot for `host` is free. */
  run<T>(host: string, task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ host, start: () => void task().then(resolve, reject).finally(() => this.release(host)) });
      this.pump();
    });
  }

  private pump(): void {
    const now = Date.now();
    let wait = Number.POSITIVE_INFINITY;
    for (let i = 0; i < this.queue.length && this.running < this.concurrency; i += 1) {
      const item = this.queue[i]!;
      const host = this.perHost.get(item.host) ?? { running: 0, lastStart: 0 };
      const ready = host.lastStart + this.perHostDelayMs;
      if (host.running >= this.perHostConcurrency) continue;
      if (ready > now) {
        wait = Math.min(wait, ready - now);
        continue;
      }
      this.queue.splice(i, 1);
      i -= 1;
      this.running += 1;
      this.perHost.set(item.host, { running: host.running + 1, lastStart: now });
      item.start();
    }
    if (Number.isFinite(wait) && this.queue.length) setTimeout(() => this.pump(), wait);
  }

  private release(host: string): void {
    this.running -= 1;
    const state = this.perHost.get(host);
    if (state) state.running -= 1;
    this.pump();
  }
}
