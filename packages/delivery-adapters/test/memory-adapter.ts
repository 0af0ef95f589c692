import { setTimeout as sleep } from 'node:timers/promises';
import { checkOrder, DeliveryError, redactor, startOperation, type DeliveryAdapter } from '@mpli/delivery-adapters';

/** Ways to break the in-memory adapter, to show the conformance checks catch each. */
export interface Faults {
  readonly notIdempotent?: boolean;
  readonly leaksSecret?: boolean;
  readonly planCreates?: boolean;
  readonly noCompensation?: boolean;
}

/**
 * A delivery adapter that keeps its "resources" in memory: the smallest adapter that honours the
 * contract, for the suite's own tests. Parameters: `fail` (create a network, then fail), `slowMs`.
 */
export function memoryAdapter(secret: string, faults: Faults = {}): DeliveryAdapter {
  const orders = new Map<string, string[]>();
  const redact = faults.leaksSecret ? (t: string) => t : redactor([secret]);
  let serial = 0;
  return {
    name: 'memory',
    capabilities: { plan: true, cancel: true, export: false, import: false },
    async plan(input) {
      const order = checkOrder(input, 'memory');
      if (faults.planCreates) orders.set(order.id, ['vm']);
      return { orderId: order.id, adapter: 'memory', changes: orders.has(order.id) && !faults.planCreates ? [] : [{ action: 'create', resource: 'vm' }], summary: '1 to add' };
    },
    apply(input) {
      const order = checkOrder(input, 'memory');
      return startOperation({
        id: order.id,
        action: 'apply',
        redact,
        run: async ({ emit, signal }) => {
          if (orders.has(order.id) && !faults.notIdempotent) return { resources: orders.get(order.id)!.map((resource) => ({ resource, operation: order.id })), outputs: {} };
          const created = [`network-${(serial += 1)}`];
          orders.set(order.id, created);
          emit({ type: 'resource-created', resource: created[0]! });
          emit({ type: 'progress', message: `authenticated with ${secret}` });
          if (order.parameters.fail) throw new DeliveryError('TOOL_FAILED', `the VM did not boot (token ${secret})`);
          await sleep(Number(order.parameters.slowMs ?? 0), undefined, { signal }).catch(() => undefined);
          created.push('vm');
          emit({ type: 'resource-created', resource: 'vm' });
          return { resources: created.map((resource) => ({ resource, operation: order.id })), outputs: { ip: '192.0.2.10' } };
        },
        compensate: async ({ emit }) => {
          if (faults.noCompensation) return [];
          for (const resource of orders.get(order.id) ?? []) emit({ type: 'resource-removed', resource });
          orders.delete(order.id);
          return [];
        },
      });
    },
    async status(orderId) {
      const resources = (orders.get(orderId) ?? []).map((resource) => ({ resource, operation: orderId }));
      return { orderId, state: resources.length ? 'ready' : 'absent', resources, outputs: {} };
    },
    destroy(orderId) {
      return startOperation({
        id: orderId,
        action: 'destroy',
        redact,
        run: async ({ emit }) => {
          for (const resource of orders.get(orderId) ?? []) emit({ type: 'resource-removed', resource });
          orders.delete(orderId);
          return { resources: [], outputs: {} };
        },
      });
    },
    async dispose() {},
  };
}
