import { expect } from 'vitest';
import type { DeliveryEvent, DeliveryOperation } from '../contract';
import { DeliveryError } from '../delivery-error';
import type { ConformanceSetup } from './conformance-setup';
import { exportImportCheck } from './export-import-check';

/** One check of the contract; resolves, or throws an assertion error saying what is wrong. */
export interface ConformanceCheck {
  readonly name: string;
  /** `id(label)` makes an order id unique to this run. A string result means "skipped: why". */
  run(setup: ConformanceSetup, id: (label: string) => string): Promise<void | string>;
}

async function drain(operation: DeliveryOperation): Promise<{ events: DeliveryEvent[]; result: Awaited<DeliveryOperation['result']> }> {
  const events: DeliveryEvent[] = [];
  for await (const event of operation.events) events.push(event);
  return { events, result: await operation.result };
}

function noSecret(s: ConformanceSetup, value: unknown): void {
  if (s.secret) expect(JSON.stringify(value), 'a secret came out').not.toContain(s.secret);
}

/**
 * The contract, check by check, in the order they run (later checks use what earlier ones
 * delivered). `describeAdapterConformance` turns them into vitest tests.
 */
export const CONFORMANCE_CHECKS: readonly ConformanceCheck[] = [
  {
    name: 'has a name, capabilities and the required methods',
    run: async (s) => {
      expect(s.adapter.name).toMatch(/^[a-z][a-z0-9-]*$/);
      for (const key of ['plan', 'cancel', 'export', 'import'] as const) expect(typeof s.adapter.capabilities[key]).toBe('boolean');
      for (const method of ['plan', 'apply', 'status', 'destroy', 'dispose'] as const) expect(typeof s.adapter[method]).toBe('function');
    },
  },

  {
    name: 'plans without changing anything',
    run: async (s, id) => {
      const plan = await s.adapter.plan(s.order(id('plan')));
      expect(plan.orderId).toBe(id('plan'));
      if (s.adapter.capabilities.plan) expect(plan.changes.some((c) => c.action === 'create')).toBe(true);
      noSecret(s, plan);
      expect((await s.adapter.status(id('plan'))).state).toBe('absent');
    },
  },

  {
    name: 'applies with typed events in order, tags what it creates, and applies once per id',
    run: async (s, id) => {
      const { events, result } = await drain(s.adapter.apply(s.order(id('apply'))));
      expect(result.status, result.error).toBe('succeeded');
      expect(events[0]).toMatchObject({ type: 'started', operation: id('apply'), action: 'apply' });
      expect(events.at(-1)).toMatchObject({ type: 'completed', operation: id('apply') });
      expect(events.every((e) => e.operation === id('apply'))).toBe(true);
      expect(result.resources.length).toBeGreaterThan(0);
      expect(result.resources.every((r) => r.operation === id('apply'))).toBe(true);
      noSecret(s, { events, result });
      const status = await s.adapter.status(id('apply'));
      expect(status.state).toBe('ready');
      expect(status.resources.map((r) => r.resource).sort()).toEqual(result.resources.map((r) => r.resource).sort());

      const again = await drain(s.adapter.apply(s.order(id('apply'))));
      expect(again.result.status).toBe('succeeded');
      expect(again.events.some((e) => e.type === 'resource-created')).toBe(false);
      expect(again.result.resources.map((r) => r.resource).sort()).toEqual(result.resources.map((r) => r.resource).sort());
    },
  },

  {
    name: 'destroys everything an order created, and destroying again succeeds',
    run: async (s, id) => {
      const { result } = await drain(s.adapter.destroy(id('apply')));
      expect(result.status, result.error).toBe('succeeded');
      expect(await s.adapter.status(id('apply'))).toMatchObject({ state: 'absent', resources: [] });
      expect((await drain(s.adapter.destroy(id('apply')))).result.status).toBe('succeeded');
    },
  },

  {
    name: 'refuses a malformed order with BAD_ORDER',
    run: async (s, id) => {
      const bad = { ...s.order(id('bad')), id: 'not a valid id!' };
      const attempt = async () => {
        await s.adapter.plan(bad);
      };
      await expect(attempt()).rejects.toBeInstanceOf(DeliveryError);
      await expect(attempt()).rejects.toMatchObject({ code: 'BAD_ORDER' });
      expect(() => s.adapter.apply({ ...s.order(id('bad')), adapter: 'some-other-adapter' })).toThrow(/adapter/);
    },
  },

  {
    name: 'compensates a failing apply: removes what it created and lists what is left',
    run: async (s, id) => {
      if (!s.failingOrder) return 'skipped: no failing order given';
      const { events, result } = await drain(s.adapter.apply(s.failingOrder(id('fail'))));
      expect(result.status).toBe('failed');
      expect(result.error).toBeTruthy();
      expect(events.some((e) => e.type === 'compensating')).toBe(true);
      expect(events.at(-1)).toMatchObject({ type: 'failed', leftovers: result.leftovers });
      noSecret(s, { events, result });
      const status = await s.adapter.status(id('fail'));
      expect(status.resources.map((r) => r.resource).sort()).toEqual(result.leftovers.map((r) => r.resource).sort());
      await drain(s.adapter.destroy(id('fail')));
    },
  },

  {
    name: 'cancels a running apply and cleans up',
    run: async (s, id) => {
      if (!s.slowOrder || !s.adapter.capabilities.cancel) return 'skipped: no slow order given, or the adapter cannot cancel';
      const operation = s.adapter.apply(s.slowOrder(id('cancel')));
      const events: DeliveryEvent[] = [];
      for await (const event of operation.events) {
        events.push(event);
        if (event.type === 'started') setTimeout(() => operation.cancel(), 300);
      }
      const result = await operation.result;
      expect(result.status).toBe('cancelled');
      expect(events.at(-1)?.type).toBe('cancelled');
      expect((await s.adapter.status(id('cancel'))).resources.map((r) => r.resource).sort()).toEqual(result.leftovers.map((r) => r.resource).sort());
      await drain(s.adapter.destroy(id('cancel')));
    },
  },

  exportImportCheck,
];
