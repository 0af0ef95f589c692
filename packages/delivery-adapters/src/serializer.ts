/**
 * Runs work one at a time per key (an order id): a second apply of the same order waits for the
 * first, then finds it delivered. Work for different keys runs side by side.
 */
export function serializer(): (<T>(key: string, work: () => Promise<T>) => Promise<T>) & { idle(): Promise<void> } {
  const tails = new Map<string, Promise<unknown>>();
  const run = <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const next = (tails.get(key) ?? Promise.resolve()).catch(() => undefined).then(work);
    tails.set(key, next);
    void next.catch(() => undefined).finally(() => {
      if (tails.get(key) === next) tails.delete(key);
    });
    return next;
  };
  return Object.assign(run, { idle: async () => void (await Promise.allSettled(tails.values())) });
}
