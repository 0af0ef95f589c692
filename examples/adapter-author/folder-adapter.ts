import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkOrder, checkOrderId, DeliveryError, startOperation, type DeliveryAdapter } from '@mpli/delivery-adapters';

/**
 * For an adapter author: a small adapter that "delivers" a workspace, a folder per order under
 * `root` with a file per requested item, to show the contract the conformance suite checks:
 * idempotent apply, resources tagged with the order id, compensation, cancel, no secrets out.
 */
export function folderAdapter(root: string, credentials: () => Promise<{ token: string }>): DeliveryAdapter {
  const folder = (id: string) => join(root, `order-${id}`);
  const resources = async (id: string) => (await readdir(folder(id)).catch(() => [] as string[])).map((f) => ({ resource: `file:${f}`, operation: id }));
  const remove = async (id: string) => {
    await rm(folder(id), { recursive: true, force: true });
    return resources(id);
  };
  return {
    name: 'folder',
    capabilities: { plan: true, cancel: true, export: false, import: false },
    async plan(input) {
      const order = checkOrder(input, 'folder');
      const existing = await resources(order.id);
      const changes = existing.length ? [] : [{ action: 'create' as const, resource: `file:${String(order.parameters.item ?? 'readme')}.txt` }];
      return { orderId: order.id, adapter: 'folder', changes, summary: `${changes.length} to add` };
    },
    apply(input) {
      const order = checkOrder(input, 'folder');
      return startOperation({
        id: order.id,
        action: 'apply',
        redact: (text) => text,
        run: async ({ emit, signal }) => {
          const { token } = await credentials();
          const name = `${String(order.parameters.item ?? 'readme')}.txt`;
          if ((await resources(order.id)).length === 0) {
            await mkdir(folder(order.id), { recursive: true });
            // The token authorises the work; it is used, never written out.
            await writeFile(join(folder(order.id), name), `delivered for ${order.id} (authorised: ${token.length > 0})\n`);
            emit({ type: 'resource-created', resource: `file:${name}` });
          }
          if (order.parameters.slow) await new Promise((done) => setTimeout(done, 1_500));
          if (signal.aborted) throw new DeliveryError('CANCELLED', 'cancelled');
          if (order.parameters.fail) throw new DeliveryError('TOOL_FAILED', 'the second step failed');
          return { resources: await resources(order.id), outputs: { folder: folder(order.id) } };
        },
        compensate: () => remove(order.id),
      });
    },
    async status(orderId) {
      const found = await resources(checkOrderId(orderId));
      return { orderId, state: found.length ? 'ready' : 'absent', resources: found, outputs: found.length ? { folder: folder(orderId) } : {} };
    },
    destroy(orderId) {
      checkOrderId(orderId);
      return startOperation({ id: orderId, action: 'destroy', redact: (text) => text, run: async () => ({ resources: await remove(orderId), outputs: {} }) });
    },
    dispose: async () => undefined,
  };
}
