import type { DeliveryOperation, DeliveryResult } from '@mpli/delivery-adapters';

/** Waits for a delivery operation's end, draining its events. */
export async function finished(operation: DeliveryOperation): Promise<DeliveryResult> {
  for await (const _event of operation.events);
  return operation.result;
}

/** Waits for a delivery operation and fails with the adapter's own error when it did not succeed. */
export async function succeeded(operation: DeliveryOperation): Promise<DeliveryResult> {
  const result = await finished(operation);
  if (result.status !== 'succeeded') throw new Error(`the operation ${result.status}: ${result.error ?? 'no error given'}`);
  return result;
}
