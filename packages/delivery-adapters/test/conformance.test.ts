import { describe, expect, it } from 'vitest';
import type { DeliveryOrder } from '@mpli/delivery-adapters';
import { CONFORMANCE_CHECKS, describeAdapterConformance, type ConformanceSetup } from '@mpli/delivery-adapters/testing';
import { memoryAdapter, type Faults } from './memory-adapter';

const SECRET = 'mem-secret-91f3';
const order = (id: string, parameters: DeliveryOrder['parameters'] = {}): DeliveryOrder => ({ id, offering: 'urn:example:offering', adapter: 'memory', parameters });
const setup = (faults: Faults = {}): ConformanceSetup => ({
  adapter: memoryAdapter(SECRET, faults),
  order: (id) => order(id),
  failingOrder: (id) => order(id, { fail: true }),
  slowOrder: (id) => order(id, { slowMs: 5_000 }),
  secret: SECRET,
});

describeAdapterConformance('in-memory reference', async () => setup());

/** Runs every check in order against a setup; returns the names of the checks that failed. */
async function failingChecks(s: ConformanceSetup): Promise<string[]> {
  const failed: string[] = [];
  for (const check of CONFORMANCE_CHECKS) {
    try {
      await check.run(s, (label) => `broken-${label}`);
    } catch {
      failed.push(check.name);
    }
  }
  return failed;
}

describe('the conformance checks catch a broken adapter', () => {
  it('passes the reference adapter', async () => {
    expect(await failingChecks(setup())).toEqual([]);
  });

  it.each([
    [{ notIdempotent: true }, 'applies with typed events in order, tags what it creates, and applies once per id'],
    [{ leaksSecret: true }, 'applies with typed events in order, tags what it creates, and applies once per id'],
    [{ planCreates: true }, 'plans without changing anything'],
    [{ noCompensation: true }, 'compensates a failing apply: removes what it created and lists what is left'],
  ] as const)('%o fails "%s"', async (faults, check) => {
    expect(await failingChecks(setup(faults))).toContain(check);
  });
});
