import type { Offering } from '@mpli/core';
import type { DeliveryOrder, ParameterValue } from './contract';
import { DeliveryError } from './delivery-error';

const ORDER_ID = /^[A-Za-z0-9_-]{1,64}$/;
const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;

/** What the consumer adds to an offering to make an order. */
export interface OrderRequest {
  /** The client-chosen id (the idempotency key). */
  readonly id: string;
  /**
   * Parameters the consumer chooses. They may add names the offering does not fix, but never
   * override the offering's own: the provider's manifest decides what it sells.
   */
  readonly parameters?: Readonly<Record<string, ParameterValue>>;
  readonly consumer?: string;
  readonly chain?: readonly string[];
  readonly agreement?: Readonly<Record<string, unknown>>;
}

/**
 * Makes a delivery order from a matched offering: the offering's `mpli:delivery` names the
 * adapter and its parameters. Throws a `DeliveryError` (BAD_ORDER) when the offering has no
 * delivery method or the request is malformed.
 *
 * @example
 * const order = orderFor(offering, { id: 'order-42', parameters: { hostname: 'web-1' } });
 */
export function orderFor(offering: Offering, request: OrderRequest): DeliveryOrder {
  if (!offering.delivery) throw new DeliveryError('BAD_ORDER', `The offering ${offering.id} names no delivery method (mpli:delivery), so no adapter can deliver it.`);
  for (const name of Object.keys(request.parameters ?? {})) {
    if (name in offering.delivery.parameters) throw new DeliveryError('BAD_ORDER', `The parameter "${name}" is fixed by the offering ${offering.id}; an order cannot change it.`);
  }
  return checkOrder({
    id: request.id,
    offering: offering.id,
    adapter: offering.delivery.adapter,
    parameters: { ...offering.delivery.parameters, ...request.parameters },
    ...(request.consumer ? { consumer: request.consumer } : {}),
    ...(request.chain ? { chain: request.chain } : {}),
    ...(request.agreement ? { agreement: request.agreement } : {}),
  });
}

/**
 * Checks an order's shape (it may come from JSON): an id of 1 to 64 `[A-Za-z0-9_-]`, an adapter
 * name, scalar parameters with plain names. Returns it, or throws a `DeliveryError` (BAD_ORDER)
 * that says which field is wrong.
 */
export function checkOrder(order: unknown, adapter?: string): DeliveryOrder {
  if (!order || typeof order !== 'object') throw malformed('it is not an object');
  const o = order as Record<string, unknown>;
  if (typeof o.id !== 'string' || !ORDER_ID.test(o.id)) throw malformed('"id" must be 1 to 64 letters, digits, "-" or "_"');
  if (typeof o.offering !== 'string' || o.offering.length === 0) throw malformed('"offering" must be the offering\'s IRI');
  if (typeof o.adapter !== 'string' || !/^[a-z][a-z0-9-]*$/.test(o.adapter)) throw malformed('"adapter" must be an adapter name such as "terraform"');
  if (adapter !== undefined && o.adapter !== adapter) throw malformed(`it is for the "${o.adapter}" adapter, not "${adapter}"`);
  checkParameters(o.parameters);
  if (o.consumer !== undefined && typeof o.consumer !== 'string') throw malformed('"consumer" must be a DID');
  if (o.chain !== undefined && (!Array.isArray(o.chain) || o.chain.some((id) => typeof id !== 'string' || !ORDER_ID.test(id)))) throw malformed('"chain" must be a list of order ids');
  if (o.agreement !== undefined && (!o.agreement || typeof o.agreement !== 'object' || Array.isArray(o.agreement))) throw malformed('"agreement" must be an agreement credential (a JSON object)');
  return o as unknown as DeliveryOrder;
}

function checkParameters(parameters: unknown): void {
  if (!parameters || typeof parameters !== 'object' || Array.isArray(parameters)) throw malformed('"parameters" must be an object');
  for (const [name, value] of Object.entries(parameters)) {
    if (!PARAMETER_NAME.test(name)) throw malformed(`the parameter name "${name}" is not a plain name`);
    if (!['string', 'number', 'boolean'].includes(typeof value) || (typeof value === 'number' && !Number.isFinite(value))) throw malformed(`the parameter "${name}" is not a string, finite number or boolean`);
  }
}

/** Checks an order id given on its own (status, destroy); throws BAD_ORDER. */
export function checkOrderId(orderId: unknown): string {
  if (typeof orderId !== 'string' || !ORDER_ID.test(orderId)) throw malformed(`the order id ${JSON.stringify(orderId)} is not 1 to 64 letters, digits, "-" or "_"`);
  return orderId;
}

function malformed(why: string): DeliveryError {
  return new DeliveryError('BAD_ORDER', `Malformed order: ${why}.`);
}
