import { createReadStream, readFileSync } from 'node:fs';
import { startOperation, type DeliveryAdapter, type DeliveryOrder, type ImportRequest } from '@mpli/delivery-adapters';

/**
 * A source that exports one qcow2 file as its VM's disk, and a target that keeps what it imports
 * in memory (its "storage" is the file it was handed). Enough to run a whole migration in a unit
 * test; the real stacks are in the integration tests.
 */
export function fileSource(disk: string): DeliveryAdapter {
  return {
    name: 'file-source',
    capabilities: { plan: true, cancel: false, export: true, import: false },
    plan: async (order) => ({ orderId: order.id, adapter: 'file-source', changes: [], summary: 'nothing' }),
    apply: (order) => startOperation({ id: order.id, action: 'apply', redact: (t) => t, run: async () => ({ resources: [], outputs: {} }) }),
    status: async (id) => ({ orderId: id, state: 'ready', resources: [{ resource: `vm:${id}`, operation: id }], outputs: {} }),
    destroy: (id) => startOperation({ id, action: 'destroy', redact: (t) => t, run: async () => ({ resources: [], outputs: {} }) }),
    export: async () => ({
      vm: { name: 'vm', vcpus: 1, memoryMiB: 64, firmware: 'bios', nics: [], disks: [{ id: 'disk0', format: 'qcow2' }] },
      disks: [{ id: 'disk0', format: 'qcow2', bytes: readFileSync(disk).length, read: (o = {}) => createReadStream(disk, { start: o.offset ?? 0 }) }],
      wasRunning: false,
      restore: async () => undefined,
    }),
    dispose: async () => undefined,
  };
}

/** A target that records each import's order, checks its stored copy through `verifyStored`, and is then ready. */
export function recordingTarget(): DeliveryAdapter & { readonly imported: DeliveryOrder[] } {
  const imported: DeliveryOrder[] = [];
  const ready = new Set<string>();
  return {
    name: 'recording-target',
    imported,
    capabilities: { plan: true, cancel: false, export: false, import: true },
    plan: async (order) => ({ orderId: order.id, adapter: 'recording-target', changes: [], summary: 'nothing' }),
    apply: (order) => startOperation({ id: order.id, action: 'apply', redact: (t) => t, run: async () => ({ resources: [], outputs: {} }) }),
    status: async (id) => (ready.has(id) ? { orderId: id, state: 'ready', resources: [{ resource: `vm:${id}`, operation: id }], outputs: {} } : { orderId: id, state: 'absent', resources: [], outputs: {} }),
    destroy: (id) => startOperation({ id, action: 'destroy', redact: (t) => t, run: async () => (ready.delete(id), { resources: [], outputs: {} }) }),
    import: (request: ImportRequest) => startOperation({
      id: request.order.id, action: 'apply', redact: (t) => t,
      run: async () => {
        for (const disk of request.disks) await request.verifyStored?.({ id: disk.id, format: disk.format, read: (o = {}) => createReadStream(disk.path, { start: o.offset ?? 0 }) });
        imported.push(request.order);
        ready.add(request.order.id);
        return { resources: [{ resource: `vm:${request.order.id}`, operation: request.order.id }], outputs: {} };
      },
    }),
    dispose: async () => undefined,
  };
}
