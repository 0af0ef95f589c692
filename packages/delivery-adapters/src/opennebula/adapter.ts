import type { CredentialRequest, CredentialsCallback, DeliveredResource, DeliveryAdapter, DeliveryOrder, DeliveryStatus, ImportRequest, VmDescription } from '../contract';
import { DeliveryError } from '../delivery-error';
import { checkOrder, checkOrderId } from '../order';
import { startOperation, type OperationContext } from '../operation';
import { redactDeep, redactor } from '../redact';
import { serializer } from '../serializer';
import { OneClient } from './client';
import { exportOneVm, isExportOf, readLocalSource } from './export';
import { readImage, readImagePool, readTemplatePool, readVm, readVmPool, type OneVm } from './documents';
import { vmStateName } from './states';
import { serializeTemplate } from './template';

/** Options of the {@link opennebulaAdapter}. */
export interface OpenNebulaAdapterOptions {
  /** The XML-RPC endpoint, such as `http://one.example:2633/RPC2`. */
  readonly endpoint: string;
  readonly username: string;
  /** Gives `{ password }` (or a login token in its place). */
  readonly credentials: CredentialsCallback;
  /** Images the provider registers for an order (`image` parameter): a path on the OpenNebula front-end. */
  readonly images?: Readonly<Record<string, { readonly path: string; readonly format?: 'qcow2' | 'raw' }>>;
  /** The image datastore new images go to. Default 1 (OpenNebula's `default`). */
  readonly datastoreId?: number;
  readonly pollIntervalMs?: number;
  /** How long a VM may take to run, or to be gone. Default 10 minutes. */
  readonly waitTimeoutMs?: number;
  /**
   * Reads an image file of the datastore (an image's SOURCE) for `export`. Default: as a local
   * path, for an adapter on the front-end or with the datastore mounted.
   */
  readonly readImageSource?: (source: string, offset: number, signal?: AbortSignal) => AsyncIterable<Buffer>;
}

const vmName = (orderId: string) => `mpli-${orderId}`;

/** A VM template for an order's image: its size from the order, or from an imported VM (with its MACs and firmware). */
function vmTemplate(order: DeliveryOrder, imageId: number, vm?: VmDescription): string {
  const vcpus = String(vm?.vcpus ?? order.parameters.vcpus ?? 1);
  const os = vm ? { ...(vm.firmware === 'uefi' ? { FIRMWARE: 'UEFI' } : {}), ...(vm.machine ? { MACHINE: vm.machine } : {}) } : {};
  return serializeTemplate([
    ['NAME', vmName(order.id)], ['CPU', vcpus], ['VCPU', vcpus], ['MEMORY', String(vm?.memoryMiB ?? order.parameters.memoryMiB ?? 512)],
    ['DISK', { IMAGE_ID: String(imageId) }],
    ...(vm?.nics ?? []).map((n) => ['NIC', n.mac ? { MAC: n.mac } : {}] as const),
    ...(Object.keys(os).length ? [['OS', os] as const] : []),
    [TAG, order.id],
  ]);
}
const TAG = 'MPLI_OPERATION';
const DONE = 6;
const ACTIVE = 3;
const RUNNING = 3;

/**
 * A delivery adapter over OpenNebula's XML-RPC API: an order instantiates one of the provider's
 * VM templates (`template` parameter, by name or id) or registers an image and allocates a VM
 * from it (`image`, `vcpus`, `memoryMiB`). The VM is named `mpli-<order>` and carries
 * `MPLI_OPERATION` in its user template; the adapter polls `one.vm.info` until it is RUNNING, and
 * terminates it (`terminate-hard`) to destroy. Tested against a protocol simulator, not a real
 * OpenNebula (which has no Debian package).
 */
export function opennebulaAdapter(options: OpenNebulaAdapterOptions): DeliveryAdapter {
  const serialized = serializer();
  const wait = options.waitTimeoutMs ?? 600_000;
  const pause = () => new Promise((resolve) => setTimeout(resolve, options.pollIntervalMs ?? 200));

  const connect = async (orderId: string, purpose: CredentialRequest['purpose']) => {
    const { password } = await options.credentials({ adapter: 'opennebula', orderId, purpose });
    if (!password) throw new DeliveryError('UNAUTHORIZED', 'opennebula: the credentials callback gave no password');
    const redact = redactor([password]);
    const client = new OneClient(options.endpoint, async () => `${options.username}:${password}`);
    const call = async <T extends string | number | boolean>(method: string, ...params: (string | number | boolean)[]) => {
      try {
        return await client.call<T>(method, ...params);
      } catch (error) {
        throw error instanceof DeliveryError ? Object.assign(new DeliveryError(error.code, redact(error.message)), { oneCode: (error as { oneCode?: number }).oneCode }) : error;
      }
    };
    return { call, redact };
  };
  type Connection = Awaited<ReturnType<typeof connect>>;

  const found = async (c: Connection, orderId: string) => {
    const vms = readVmPool(await c.call<string>('one.vmpool.info', -3, -1, -1, -1)).filter((vm) => vm.name === vmName(orderId) && vm.userTemplate[TAG] === orderId);
    // An order's images: those registered for it, and the disk an export saved from its VM.
    const images = readImagePool(await c.call<string>('one.imagepool.info', -3, -1, -1)).filter((image) => image.template[TAG] === orderId || isExportOf(image, vmName(orderId)));
    return { vms, images };
  };
  const resourcesOf = (orderId: string, f: Awaited<ReturnType<typeof found>>): DeliveredResource[] => [
    ...f.images.map((i) => ({ resource: `image:${i.id}`, operation: orderId })),
    ...f.vms.map((v) => ({ resource: `vm:${v.id}`, operation: orderId })),
  ];
  const outputsOf = (vm: OneVm): Record<string, string> => ({ vm: String(vm.id), state: vmStateName(vm.state, vm.lcmState), macs: vm.nics.map((n) => n.mac ?? '').join(',') });

  const waitRunning = async (c: Connection, id: number, context: OperationContext): Promise<OneVm> => {
    const until = Date.now() + wait;
    for (;;) {
      const vm = readVm(await c.call<string>('one.vm.info', id));
      if (vm.state === ACTIVE && vm.lcmState === RUNNING) return vm;
      const name = vmStateName(vm.state, vm.lcmState);
      if (name.endsWith('FAILURE') || vm.state === DONE) throw new DeliveryError('TOOL_FAILED', `opennebula: VM ${id} went to ${name}${vm.error ? `: ${vm.error}` : ''}`);
      if (context.signal.aborted) throw new DeliveryError('CANCELLED', 'cancelled');
      if (Date.now() > until) throw new DeliveryError('TIMEOUT', `opennebula: VM ${id} still ${name} after ${wait} ms`);
      await pause();
    }
  };

  const poll = async <T>(what: string, read: () => Promise<T | undefined>): Promise<T> => {
    const until = Date.now() + wait;
    for (;;) {
      const value = await read();
      if (value !== undefined) return value;
      if (Date.now() > until) throw new DeliveryError('TIMEOUT', `opennebula: waited ${wait} ms for ${what}`);
      await pause();
    }
  };

  const registerImage = async (c: Connection, order: DeliveryOrder, name: string, context: OperationContext, imported?: ImportRequest): Promise<number> => {
    const image = imported ? { path: imported.disks[0]!.path, format: imported.disks[0]!.format } : options.images?.[name];
    if (!image) throw new DeliveryError('BAD_ORDER', `Malformed order: the "image" parameter must name one of this provider's images (${Object.keys(options.images ?? {}).join(', ') || 'none'}).`);
    const template = serializeTemplate([['NAME', `${vmName(order.id)}-${name}`], ['TYPE', 'OS'], ['PATH', image.path], ...(image.format ? [['FORMAT', image.format] as const] : []), [TAG, order.id]]);
    const id = await c.call<number>('one.image.allocate', template, options.datastoreId ?? 1);
    context.emit({ type: 'resource-created', resource: `image:${id}` });
    const until = Date.now() + wait;
    for (;;) {
      const info = readImage(await c.call<string>('one.image.info', id));
      if (info.state === 1) {
        if (imported?.verifyStored) await verifyRegistered(imported, info.source, context);
        return id;
      }
      if (info.state === 5) throw new DeliveryError('TOOL_FAILED', `opennebula: image ${id} failed to register: ${info.template.ERROR ?? 'no reason given'}`);
      if (Date.now() > until) throw new DeliveryError('TIMEOUT', `opennebula: image ${id} still not READY after ${wait} ms`);
      await pause();
    }
  };

  /** Hands the datastore's copy of an imported disk (the image's SOURCE) to the import's check. */
  const verifyRegistered = async (imported: ImportRequest, source: string, context: OperationContext) => {
    const disk = imported.disks[0]!;
    const read = options.readImageSource ?? readLocalSource;
    await imported.verifyStored!({ id: disk.id, format: disk.format, read: (o = {}) => read(source, o.offset ?? 0, o.signal ?? context.signal) });
    context.emit({ type: 'progress', message: `the datastore's copy of ${disk.id} checked` });
  };

  const templateId = async (c: Connection, name: string | number): Promise<number> => {
    if (typeof name === 'number') return name;
    const found = readTemplatePool(await c.call<string>('one.templatepool.info', -2, -1, -1)).find((t) => t.name === name);
    if (found) return found.id;
    throw new DeliveryError('BAD_ORDER', `Malformed order: OpenNebula has no VM template named "${name}".`);
  };

  const deliver = async (c: Connection, order: DeliveryOrder, context: OperationContext, imported?: ImportRequest) => {
    const existing = await found(c, order.id);
    if (existing.vms.length > 0) {
      context.emit({ type: 'progress', message: 'already delivered: the VM exists' });
      return { resources: resourcesOf(order.id, existing), outputs: outputsOf(existing.vms[0]!) };
    }
    const { template, image } = order.parameters;
    let id: number;
    const tag = serializeTemplate([[TAG, order.id]]);
    if (template !== undefined) {
      id = await c.call<number>('one.template.instantiate', await templateId(c, typeof template === 'number' ? template : String(template)), vmName(order.id), false, tag, false);
    } else if (typeof image === 'string' || imported) {
      const imageId = await registerImage(c, order, imported ? 'disk0' : String(image), context, imported);
      id = await c.call<number>('one.vm.allocate', vmTemplate(order, imageId, imported?.vm), false);
    } else throw new DeliveryError('BAD_ORDER', 'Malformed order: an OpenNebula order needs a "template" or an "image" parameter.');
    context.emit({ type: 'resource-created', resource: `vm:${id}` });
    const vm = await waitRunning(c, id, context);
    context.emit({ type: 'progress', message: `VM ${id} is RUNNING`, resource: `vm:${id}` });
    return { resources: resourcesOf(order.id, await found(c, order.id)), outputs: outputsOf(vm) };
  };

  const remove = async (c: Connection, orderId: string, context: OperationContext) => {
    const f = await found(c, orderId);
    for (const vm of f.vms) {
      await c.call('one.vm.action', 'terminate-hard', vm.id);
      const until = Date.now() + wait;
      while (readVm(await c.call<string>('one.vm.info', vm.id)).state !== DONE) {
        if (Date.now() > until) throw new DeliveryError('TIMEOUT', `opennebula: VM ${vm.id} not DONE ${wait} ms after terminate`);
        await pause();
      }
      context.emit({ type: 'resource-removed', resource: `vm:${vm.id}` });
    }
    for (const image of f.images) {
      await c.call('one.image.delete', image.id);
      context.emit({ type: 'resource-removed', resource: `image:${image.id}` });
    }
    return resourcesOf(orderId, await found(c, orderId));
  };

  return {
    name: 'opennebula',
    capabilities: { plan: true, cancel: true, export: true, import: true },

    async plan(input) {
      const order = checkOrder(input, 'opennebula');
      const c = await connect(order.id, 'plan');
      const f = await found(c, order.id);
      if (order.parameters.template !== undefined) await templateId(c, typeof order.parameters.template === 'number' ? order.parameters.template : String(order.parameters.template));
      const changes = f.vms.length ? [] : [...(typeof order.parameters.image === 'string' ? [{ action: 'create' as const, resource: `image:${vmName(order.id)}-${order.parameters.image}` }] : []), { action: 'create' as const, resource: `vm:${vmName(order.id)}` }];
      return redactDeep({ orderId: order.id, adapter: 'opennebula', changes, summary: `${changes.length} to add` }, c.redact);
    },

    apply(input) {
      const order = checkOrder(input, 'opennebula');
      let c: Connection | undefined;
      return startOperation({
        id: order.id,
        action: 'apply',
        redact: (text) => c?.redact(text) ?? text,
        run: (context) =>
          serialized(order.id, async () => {
            c = await connect(order.id, 'apply');
            return deliver(c, order, context);
          }),
        compensate: async (context) => (c ? remove(c, order.id, context) : []),
      });
    },

    async export(orderId, exportOptions = {}) {
      const c = await connect(checkOrderId(orderId), 'export');
      const vm = (await found(c, orderId)).vms[0];
      if (!vm) throw new DeliveryError('BAD_ORDER', `opennebula: order ${orderId} has no VM to export`);
      return exportOneVm({ call: c.call, poll, readSource: options.readImageSource ?? readLocalSource }, vm, exportOptions);
    },

    import(request) {
      const order = checkOrder(request.order, 'opennebula');
      if (request.disks.length !== 1) throw new DeliveryError('BAD_ORDER', `opennebula imports a VM with one disk, not ${request.disks.length}`);
      let c: Connection | undefined;
      return startOperation({
        id: order.id,
        action: 'apply',
        redact: (text) => c?.redact(text) ?? text,
        run: (context) =>
          serialized(order.id, async () => {
            c = await connect(order.id, 'import');
            return deliver(c, order, context, request);
          }),
        compensate: async (context) => (c ? remove(c, order.id, context) : []),
      });
    },

    async status(orderId): Promise<DeliveryStatus> {
      const c = await connect(checkOrderId(orderId), 'status');
      const f = await found(c, orderId);
      const resources = resourcesOf(orderId, f);
      return redactDeep({ orderId, state: f.vms.length ? 'ready' : resources.length ? 'partial' : 'absent', resources, outputs: f.vms[0] ? outputsOf(f.vms[0]) : {} }, c.redact);
    },

    destroy(orderId) {
      checkOrderId(orderId);
      let c: Connection | undefined;
      return startOperation({
        id: orderId,
        action: 'destroy',
        redact: (text) => c?.redact(text) ?? text,
        run: (context) =>
          serialized(orderId, async () => {
            c = await connect(orderId, 'destroy');
            const left = await remove(c, orderId, context);
            if (left.length) throw new DeliveryError('TOOL_FAILED', `left after destroy: ${left.map((r) => r.resource).join(', ')}`);
            return { resources: [], outputs: {} };
          }),
      });
    },

    async dispose() {
      await serialized.idle();
    },
  };
}
