import type { DeliveryOrder } from '@mpli/delivery-adapters';
import { readAgreementTerms } from '@mpli/trust';
import type { MigrationRequest } from './request';

/**
 * The target's order as it travels: with the consumer (its DID from the agreement, else the
 * consumer's id), the agreement itself (the same contract at the target), and the source's order
 * id in the chain (where the VM came from). What the order already says is kept.
 */
export function carriedOrder(order: DeliveryOrder, request: MigrationRequest): DeliveryOrder {
  const trust = request.trust;
  const agreement = order.agreement ?? trust?.agreement;
  const consumer = order.consumer ?? (agreement ? readAgreementTerms(agreement as Record<string, unknown>).consumer : trust?.consumer.id);
  return { ...order, ...(consumer ? { consumer } : {}), ...(agreement ? { agreement } : {}), chain: [...(order.chain ?? []), request.source.orderId] };
}
