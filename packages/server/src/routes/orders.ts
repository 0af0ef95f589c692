import { DeliveryError, orderFor, type DeliveryAdapter, type DeliveryEvent, type DeliveryOperation, type DeliveryOrder } from '@mpli/delivery-adapters';
import { HttpProblem, sendJson } from '../http/problem';
import { parseJsonBody, readRequestBody } from '../http/request-body';
import { findOffering } from './find-offering';
import { checkOrderAgreement } from './order-agreement';
import type { Handler, RouteContext } from './route-context';

function deliveryOf(context: RouteContext) {
  if (!context.delivery) throw new HttpProblem(404, 'Not Found', 'This server delivers no orders: it was started without delivery adapters');
  return context.delivery;
}

/** Reads and checks an order request, and makes the order from the offering's delivery method. */
async function readOrder(request: Parameters<Handler>[0], context: RouteContext): Promise<{ order: DeliveryOrder; adapter: DeliveryAdapter }> {
  const holder = await context.requireAuth(request);
  const delivery = deliveryOf(context);
  const { text } = await readRequestBody(request, context.maxBodyBytes, ['application/json']);
  const body = parseJsonBody(text) as { id?: unknown; offering?: unknown; parameters?: unknown; consumer?: unknown; chain?: unknown; agreement?: unknown };
  if (typeof body.offering !== 'string') throw new HttpProblem(400, 'Bad Request', '"offering" must be the IRI of one of this provider\'s offerings');
  const found = findOffering(delivery.catalog, body.offering);
  if (!found) throw new HttpProblem(404, 'Not Found', `This provider has no offering ${body.offering}`);
  const { offering } = found;
  // A presentation names the consumer; with a bearer token (a marketplace ordering for someone),
  // the body may.
  const consumer = holder ?? (typeof body.consumer === 'string' ? body.consumer : undefined);
  if (body.agreement !== undefined) await checkOrderAgreement(body.agreement, { ...found, ...(consumer ? { consumer } : {}) }, context.verify);
  const agreement = body.agreement as Record<string, unknown> | undefined;
  let order: DeliveryOrder;
  try {
    order = orderFor(offering, { id: body.id as string, parameters: body.parameters as never, ...(consumer ? { consumer } : {}), ...(Array.isArray(body.chain) ? { chain: body.chain as string[] } : {}), ...(agreement ? { agreement } : {}) });
  } catch (error) {
    if (error instanceof DeliveryError) throw new HttpProblem(400, 'Bad Request', error.message);
    throw error;
  }
  const adapter = delivery.adapters.get(order.adapter);
  if (!adapter) throw new HttpProblem(501, 'Not Implemented', `The offering is delivered by the "${order.adapter}" adapter, which this server does not run`);
  return { order, adapter };
}

/** Runs a delivery operation as a server operation: its events recorded, its result kept. */
function track(context: RouteContext, kind: 'order' | 'destroy', id: string, start: () => DeliveryOperation) {
  return context.operations.start(
    kind,
    async (_progress, report) => {
      const operation = start();
      for await (const event of operation.events) report.event(event satisfies DeliveryEvent);
      return operation.result;
    },
    `${kind}-${id}`,
  );
}

/**
 * POST /orders (authenticated): orders one of this provider's offerings. The offering's manifest
 * names the adapter; the order id (chosen by the client) makes a repeated order deliver once.
 * 202 with the operation to poll at /operations/order-{id}.
 */
export const placeOrder: Handler = async (request, response, _url, _params, context) => {
  const { order, adapter } = await readOrder(request, context);
  const running = context.operations.get(`order-${order.id}`);
  if (running?.status === 'running') return sendJson(response, 202, running, { location: `/operations/${running.id}` });
  deliveryOf(context).handledBy.set(order.id, adapter.name);
  let operation;
  try {
    operation = track(context, 'order', order.id, () => adapter.apply(order));
  } catch (error) {
    if (error instanceof DeliveryError) throw new HttpProblem(400, 'Bad Request', error.message);
    throw error;
  }
  sendJson(response, 202, operation, { location: `/operations/${operation.id}` });
};

/** POST /orders/plan (authenticated): what the order would change, changing nothing. */
export const planOrder: Handler = async (request, response, _url, _params, context) => {
  const { order, adapter } = await readOrder(request, context);
  try {
    sendJson(response, 200, await adapter.plan(order));
  } catch (error) {
    if (error instanceof DeliveryError) throw new HttpProblem(error.code === 'BAD_ORDER' ? 400 : 502, error.code === 'BAD_ORDER' ? 'Bad Request' : 'Bad Gateway', error.message);
    throw error;
  }
};

async function adapterFor(context: RouteContext, id: string): Promise<DeliveryAdapter | undefined> {
  const delivery = deliveryOf(context);
  const known = delivery.handledBy.get(id);
  if (known) return delivery.adapters.get(known);
  // Not ordered through this process (a restart): ask each adapter.
  for (const adapter of delivery.adapters.values()) if ((await adapter.status(id)).state !== 'absent') return adapter;
  return undefined;
}

/** GET /orders/{id} (authenticated): what the order has now, as its adapter sees it. */
export const orderStatus: Handler = async (request, response, _url, params, context) => {
  await context.requireAuth(request);
  const id = params.id ?? '';
  const adapter = await adapterFor(context, id);
  if (!adapter) throw new HttpProblem(404, 'Not Found', `No order ${id}`);
  sendJson(response, 200, { adapter: adapter.name, ...(await adapter.status(id)) });
};

/** DELETE /orders/{id} (authenticated): removes what the order created; 202 with the operation. */
export const cancelOrder: Handler = async (request, response, _url, params, context) => {
  await context.requireAuth(request);
  const id = params.id ?? '';
  const adapter = await adapterFor(context, id);
  if (!adapter) throw new HttpProblem(404, 'Not Found', `No order ${id}`);
  const operation = track(context, 'destroy', id, () => adapter.destroy(id));
  sendJson(response, 202, operation, { location: `/operations/${operation.id}` });
};
