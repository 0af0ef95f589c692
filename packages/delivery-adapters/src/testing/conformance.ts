import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { CONFORMANCE_CHECKS } from './checks';
import type { ConformanceSetup } from './conformance-setup';

/**
 * The conformance suite every delivery adapter passes, as vitest tests: call it at the top level
 * of a test file. It checks the contract: plans change nothing; apply reports typed events in
 * order and is idempotent for an order id; every resource carries its operation; destroy removes
 * everything; a failing apply compensates and lists what is left; cancel stops and cleans up;
 * malformed orders are refused; secrets never appear in plans, events, results or errors.
 *
 * @example
 * describeAdapterConformance('my adapter', async () => ({
 *   adapter: myAdapter(),
 *   order: (id) => ({ id, offering: 'urn:example:offering', adapter: 'mine', parameters: {} }),
 * }));
 */
export function describeAdapterConformance(title: string, setup: () => Promise<ConformanceSetup>, options: { timeoutMs?: number } = {}): void {
  const timeout = options.timeoutMs ?? 120_000;
  describe(`${title}: delivery adapter conformance`, () => {
    let s: ConformanceSetup | undefined;
    const run = randomBytes(3).toString('hex');
    const id = (label: string) => `conf-${run}-${label}`;
    beforeAll(async () => {
      s = await setup();
    }, timeout);
    afterAll(async () => {
      await s?.adapter.dispose();
      await s?.cleanup?.();
    }, timeout);
    for (const check of CONFORMANCE_CHECKS) {
      it(check.name, async ({ skip }) => {
        const outcome = await check.run(s!, id);
        if (typeof outcome === 'string') skip(outcome);
      }, timeout);
    }
  });
}
