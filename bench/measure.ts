import { performance } from 'node:perf_hooks';

/** Runs `fn` `runs` times and returns the median wall time in milliseconds, plus the last result. */
export async function medianMs<T>(runs: number, fn: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
  const times: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    result = await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)] ?? 0, result: result as T };
}

/** Tracks the process's peak resident set size while a benchmark runs. */
export function peakRssTracker(): { stop: () => number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 50);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.round(Math.max(peak, process.memoryUsage.rss()) / (1024 * 1024));
    },
  };
}

/** Reads `--name value` from argv as a positive integer, or the fallback. */
export function intOption(argv: readonly string[], name: string, fallback: number): number {
  const index = argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(argv[index + 1]) : fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} needs a positive whole number`);
  return value;
}

export const round = (value: number, digits = 1) => Number(value.toFixed(digits));

/**
 * Runs `a` and `b` alternately `runs` times and returns each one's median in milliseconds, so
 * both meet the same JIT, GC and machine conditions.
 */
export async function interleavedMedians<A, B>(runs: number, a: () => Promise<A> | A, b: () => Promise<B> | B): Promise<{ a: { ms: number; result: A }; b: { ms: number; result: B } }> {
  const times: [number[], number[]] = [[], []];
  let resultA: A | undefined;
  let resultB: B | undefined;
  for (let i = 0; i < runs; i += 1) {
    let start = performance.now();
    resultA = await a();
    times[0].push(performance.now() - start);
    start = performance.now();
    resultB = await b();
    times[1].push(performance.now() - start);
  }
  const median = (list: number[]) => list.sort((x, y) => x - y)[Math.floor(list.length / 2)] ?? 0;
  return { a: { ms: median(times[0]), result: resultA as A }, b: { ms: median(times[1]), result: resultB as B } };
}
