import type { Dispatcher } from 'undici';
import type { CredentialsCallback, DeliveryAdapter, DeliveryOrder, DeliveryStatus } from '../contract';
import { DeliveryError } from '../delivery-error';
import { checkOrder, checkOrderId } from '../order';
import { startOperation, type OperationContext } from '../operation';
import { redactDeep, redactor } from '../redact';
import { serializer } from '../serializer';
import { callUpstream, upstreamOrderId, type RemoteOperation } from './rest-client';

/** Options of the {@link mpliAdapter}. */
export interface MpliAdapterOptions {
  /** The upstream provider's MPLI REST endpoint, such as `https://api.rheinwerk.example/`. */
  readonly endpoint: string;
  /** This provider's short name, prefixed to the ids of the orders it places upstream. */
  readonly prefix: string;
  /** Gives `{ token }`: this provider's bearer token at the upstream. Never passed on, never shown. */
  readonly credentials: CredentialsCallback;
  readonly pollIntervalMs?: number;
  /** Per request. Default 30 s. */
  readonly timeoutMs?: number;
  /** How long an upstream operation may run. Default 30 minutes. */
  readonly operationTimeoutMs?: number;
  readonly dispatcher?: Dispatcher;
}

/** The parameter of a white-label offering that names the upstream offering it resells. */
export const UPSTREAM_OFFERING = 'upstreamOffering';

/**
 * Layered delivery: delivers an order by ordering from another MPLI provider's REST endpoint, so
 * a provider can sell another's service under its own name. The offering's `upstreamOffering`
 * parameter names what to order upstream; the consumer's other parameters pass along, with the
 * consumer's DID and the operation chain (this order's id appended). The upstream's events come
 * back as this operation's progress; its credentials never leave this adapter.
 *
 * @example
 * const adapter = mpliAdapter({ endpoint: 'https://api.rheinwerk.example/', prefix: 'scaldis', credentials: async () => ({ token: process.env.RHEINWERK_TOKEN! }) });
 */
export function mpliAdapter(options: MpliAdapterOptions): DeliveryAdapter {
  const serialized = serializer();
  const timeoutMs = options.timeoutMs ?? 30_000;

  const session = async (orderId: string, purpose: 'plan' | 'apply' | 'status' | 'destroy') => {
    const { token } = await options.credentials({ adapter: 'mpli', orderId, purpose });
    if (!token) throw new DeliveryError('UNAUTHORIZED', 'mpli: the credentials callback gave no token for the upstream provider');
    const redact = redactor([token]);
    const call = <T>(path: string, init: { method?: Dispatcher.HttpMethod; json?: unknown } = {}) =>
      callUpstream<T>(options.endpoint, path, { ...init, token, timeoutMs, ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}) }).catch((error: Error) => {
        throw error instanceof DeliveryError ? new DeliveryError(error.code, redact(error.message)) : error;
      });
    return { call, redact };
  };
  type Session = Awaited<ReturnType<typeof session>>;

  const upstreamRequest = (order: DeliveryOrder) => {
    const { [UPSTREAM_OFFERING]: offering, ...parameters } = order.parameters;
    if (typeof offering !== 'string') throw new DeliveryError('BAD_ORDER', `Malformed order: a white-label offering needs an "${UPSTREAM_OFFERING}" parameter naming the upstream offering.`);
    return { id: upstreamOrderId(options.prefix, order.id), offering, parameters, ...(order.consumer ? { consumer: order.consumer } : {}), chain: [...(order.chain ?? []), order.id] };
  };
  const resourceOf = (orderId: string) => ({ resource: `order:${new URL(options.endpoint).origin}/orders/${upstreamOrderId(options.prefix, orderId)}`, operation: orderId });

  /** Polls an upstream operation to its end, relaying its new events as progress. */
  const follow = async (s: Session, operationId: string, context: OperationContext): Promise<RemoteOperation> => {
    const until = Date.now() + (options.operationTimeoutMs ?? 1_800_000);
    let seen = 0;
    for (;;) {
      const { body } = await s.call<RemoteOperation>(`operations/${encodeURIComponent(operationId)}`);
      for (const event of (body.events ?? []).slice(seen)) context.emit({ type: 'progress', message: `upstream: ${event.type}${event.resource ? ` ${event.resource}` : ''}${event.message ? `: ${event.message}` : ''}` });
      seen = Math.max(seen, body.events?.length ?? 0);
      if (body.status !== 'running') return body;
      if (context.signal.aborted) throw new DeliveryError('CANCELLED', 'cancelled');
      if (Date.now() > until) throw new DeliveryError('TIMEOUT', `the upstream operation ${operationId} did not finish in time`);
      await new Promise((resolve) => setTimeout(resolve, options.pollIntervalMs ?? 250));
    }
  };

  const destroyUpstream = async (s: Session, orderId: string, context: OperationContext) => {
    const id = upstreamOrderId(options.prefix, orderId);
    const { status, body } = await s.call<RemoteOperation>(`orders/${id}`, { method: 'DELETE' });
    if (status === 404) return [];
    const ended = await follow(s, body.id, context);
    if (ended.status !== 'succeeded') throw new DeliveryError('TOOL_FAILED', `upstream destroy of ${id}: ${ended.error ?? ended.status}`);
    context.emit({ type: 'resource-removed', resource: resourceOf(orderId).resource });
    const left = await s.call<DeliveryStatus>(`orders/${id}`);
    return left.status === 404 || left.body.state === 'absent' ? [] : [resourceOf(orderId)];
  };

  return {
    name: 'mpli',
    capabilities: { plan: true, cancel: true, export: false, import: false },

    async plan(input) {
      const order = checkOrder(input, 'mpli');
      const s = await session(order.id, 'plan');
      const { body } = await s.call<{ changes: { action: 'create'; resource: string }[]; summary: string }>('orders/plan', { method: 'POST', json: upstreamRequest(order) });
      return redactDeep({ orderId: order.id, adapter: 'mpli', changes: body.changes.map((c) => ({ ...c, resource: `upstream:${c.resource}` })), summary: `upstream: ${body.summary}` }, s.redact);
    },

    apply(input) {
      const order = checkOrder(input, 'mpli');
      const upstream = upstreamRequest(order);
      let s: Session | undefined;
      return startOperation({
        id: order.id,
        action: 'apply',
        redact: (text) => s?.redact(text) ?? text,
        run: (context) =>
          serialized(order.id, async () => {
            s = await session(order.id, 'apply');
            const before = await s.call<DeliveryStatus>(`orders/${upstream.id}`);
            const { body } = await s.call<RemoteOperation>('orders', { method: 'POST', json: upstream });
            if (before.status === 404 || before.body.state === 'absent') context.emit({ type: 'resource-created', resource: resourceOf(order.id).resource });
            const ended = await follow(s, body.id, context);
            if (ended.status !== 'succeeded') throw new DeliveryError('TOOL_FAILED', `upstream order ${upstream.id} ${ended.status}: ${ended.error ?? 'no reason given'}`);
            return { resources: [resourceOf(order.id)], outputs: ended.result?.outputs ?? {} };
          }),
        compensate: async (context) => (s ? destroyUpstream(s, order.id, context) : []),
      });
    },

    async status(orderId): Promise<DeliveryStatus> {
      const s = await session(checkOrderId(orderId), 'status');
      const { status, body } = await s.call<DeliveryStatus>(`orders/${upstreamOrderId(options.prefix, orderId)}`);
      if (status === 404 || body.state === 'absent') return { orderId, state: 'absent', resources: [], outputs: {} };
      return redactDeep({ orderId, state: body.state, resources: [resourceOf(orderId)], outputs: body.outputs }, s.redact);
    },

    destroy(orderId) {
      checkOrderId(orderId);
      let s: Session | undefined;
      return startOperation({
        id: orderId,
        action: 'destroy',
        redact: (text) => s?.redact(text) ?? text,
        run: (context) =>
          serialized(orderId, async () => {
            s = await session(orderId, 'destroy');
            const left = await destroyUpstream(s, orderId, context);
            if (left.length) throw new DeliveryError('TOOL_FAILED', `the upstream order ${upstreamOrderId(options.prefix, orderId)} is still there`);
            return { resources: [], outputs: {} };
          }),
      });
    },

    async dispose() {
      await serialized.idle();
    },
  };
}
