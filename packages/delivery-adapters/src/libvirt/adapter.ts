import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeliveredResource, DeliveryAdapter, DeliveryOrder, DeliveryStatus, ImportRequest, VmDescription } from '../contract';
import { DeliveryError } from '../delivery-error';
import { checkOrder, checkOrderId } from '../order';
import { startOperation, type OperationContext } from '../operation';
import { serializer } from '../serializer';
import { waitForConsole } from './console-wait';
import { domainXml, operationOf } from './domain-xml';
import { exportDomain } from './export';
import { LibvirtClient, type PoolRef } from './libvirt-client';
import type { LibvirtAddress } from './rpc-connection';

/** A disk image a provider offers, by name: an order's `image` parameter picks one. */
export interface LibvirtImage {
  readonly path: string;
  readonly format: 'qcow2' | 'raw' | 'vmdk';
}

/** Options of the {@link libvirtAdapter}. */
export interface LibvirtAdapterOptions {
  /** Where libvirtd listens: `{ socket: '/run/libvirt/libvirt-sock' }` or `{ host, port }` (auth none). */
  readonly address: LibvirtAddress;
  /** The hypervisor connection, such as `qemu:///system`, or `test:///default` for libvirt's test driver. */
  readonly uri: string;
  /** The storage pool that holds the orders' disks. */
  readonly pool: string;
  /** `qemu` (the default for qemu URIs; TCG where there is no KVM), `kvm`, or `test`. */
  readonly domainType?: 'qemu' | 'kvm' | 'test';
  readonly images?: Readonly<Record<string, LibvirtImage>>;
  /** How long an export waits for a guest to shut down (ACPI) before stopping it hard. Default 30 s. */
  readonly shutdownTimeoutMs?: number;
  /** Where guests' serial consoles are written (`<name>.log`), readable by the provider. */
  readonly consoleDir?: string;
  readonly timeoutMs?: number;
}

const domainName = (orderId: string) => `mpli-${orderId}`;
const volumePrefix = (orderId: string) => `mpli-${orderId}-`;

/**
 * A delivery adapter over libvirt, speaking its remote protocol from TypeScript: an order becomes
 * a disk volume in a pool (uploaded from a provider image, or empty) and a domain that carries the
 * order id in its metadata, then boots. Status and destroy find what an order made by those names
 * and that metadata.
 *
 * @example
 * const adapter = libvirtAdapter({ address: { socket: '/run/libvirt/libvirt-sock' }, uri: 'qemu:///system', pool: 'default', images: { debian: { path: '/srv/debian.qcow2', format: 'qcow2' } } });
 */
export function libvirtAdapter(options: LibvirtAdapterOptions): DeliveryAdapter {
  const serialized = serializer();
  const type = options.domainType ?? (options.uri.startsWith('test') ? 'test' : 'qemu');
  let client: Promise<LibvirtClient> | undefined;
  const connection = async () => {
    client ??= LibvirtClient.connect(options.address, options.uri, { timeoutMs: options.timeoutMs ?? 30_000 }).catch((error: Error) => {
      client = undefined;
      throw new DeliveryError('TOOL_FAILED', `libvirt: ${error.message}`);
    });
    return client;
  };
  const poolOf = async (lv: LibvirtClient): Promise<PoolRef> => {
    const pool = await lv.lookupPool(options.pool);
    if (!pool) throw new DeliveryError('TOOL_FAILED', `libvirt has no storage pool "${options.pool}"`);
    return pool;
  };

  const found = async (orderId: string) => {
    const lv = await connection();
    // Without its pool, an order can have no volumes: lookups answer so, delivering fails.
    const pool = await lv.lookupPool(options.pool);
    const domain = await lv.lookupDomain(domainName(orderId));
    const xml = domain ? await lv.domainXml(domain) : undefined;
    const ours = domain && xml && operationOf(xml) === orderId ? domain : undefined;
    const volumes = (pool ? await lv.listVolumes(pool) : []).filter((v) => v.name.startsWith(volumePrefix(orderId)));
    return { lv, pool, domain: ours, volumes };
  };
  const resourcesOf = (orderId: string, f: Awaited<ReturnType<typeof found>>): DeliveredResource[] => [
    ...f.volumes.map((v) => ({ resource: `volume:${v.pool}/${v.name}`, operation: orderId })),
    ...(f.domain ? [{ resource: `domain:${f.domain.name}`, operation: orderId }] : []),
  ];

  const remove = async (orderId: string, context: OperationContext) => {
    const f = await found(orderId);
    if (f.domain) {
      if ((await f.lv.domainState(f.domain)) !== 'shutoff') await f.lv.destroyDomain(f.domain).catch(() => undefined);
      await f.lv.undefineDomain(f.domain);
      context.emit({ type: 'resource-removed', resource: `domain:${f.domain.name}` });
    }
    for (const v of f.volumes) {
      await f.lv.deleteVolume(v);
      context.emit({ type: 'resource-removed', resource: `volume:${v.pool}/${v.name}` });
    }
    return resourcesOf(orderId, await found(orderId));
  };

  const deliver = async (order: DeliveryOrder, context: OperationContext, imported?: ImportRequest) => {
    const checkpoint = () => {
      if (context.signal.aborted) throw new DeliveryError('CANCELLED', 'cancelled');
    };
    // The guest's boot is checked when the order names a marker its serial console prints.
    const marker = typeof order.parameters.waitForConsole === 'string' ? order.parameters.waitForConsole : '';
    if (marker && (!options.consoleDir || type === 'test')) throw new DeliveryError('BAD_ORDER', 'Malformed order: "waitForConsole" needs a QEMU domain and the adapter\'s consoleDir.');
    const existing = await found(order.id);
    if (existing.domain) {
      context.emit({ type: 'progress', message: 'already delivered: the domain exists' });
      return { resources: resourcesOf(order.id, existing), outputs: await outputsOf(existing.lv, existing.domain.name) };
    }
    const { lv } = existing;
    const pool = await poolOf(lv);
    for (const stale of existing.volumes) await lv.deleteVolume(stale);
    const image = imported ? imported.disks[0] : imageOf(order, options.images);
    const { volume, format } = await makeDisk(lv, pool, order, image, context, imported ? `the imported disk ${imported.disks[0]!.id}` : `image ${String(order.parameters.image)}`);
    if (imported?.verifyStored) {
      await imported.verifyStored({ id: imported.disks[0]!.id, format, read: (o = {}) => lv.download(volume, { ...(o.offset ? { offset: o.offset } : {}), signal: o.signal ?? context.signal }) });
      context.emit({ type: 'progress', message: `the volume's copy of ${imported.disks[0]!.id} checked`, resource: `volume:${pool.name}/${volume.name}` });
    }
    checkpoint();
    const name = domainName(order.id);
    const domain = await lv.defineDomain(domainXml({
      name, type, operation: order.id,
      ...(imported ? importedSpec(imported.vm) : { vcpus: Number(order.parameters.vcpus ?? 1), memoryMiB: Number(order.parameters.memoryMiB ?? 64) }),
      disks: [{ path: await lv.volumePath(volume), format, target: type === 'test' ? 'hda' : 'vda' }],
      ...(options.consoleDir && type !== 'test' ? { serialLog: join(options.consoleDir, `${name}.log`) } : {}),
    }));
    context.emit({ type: 'resource-created', resource: `domain:${name}` });
    checkpoint();
    await lv.startDomain(domain);
    context.emit({ type: 'progress', message: `domain ${name} started`, resource: `domain:${name}` });
    if (marker) {
      await waitForConsole(join(options.consoleDir!, `${name}.log`), marker, { timeoutMs: Number(order.parameters.bootTimeoutMs ?? 120_000), signal: context.signal });
      context.emit({ type: 'progress', message: `the guest printed "${marker}" on its serial console`, resource: `domain:${name}` });
    }
    return { resources: resourcesOf(order.id, await found(order.id)), outputs: await outputsOf(lv, name) };
  };

  /**
   * The order's disk volume: an image copied byte for byte into a raw volume of its size (the
   * domain reads it in its own format), or an empty qcow2 disk made by libvirt.
   */
  const makeDisk = async (lv: LibvirtClient, pool: PoolRef, order: DeliveryOrder, image: LibvirtImage | undefined, context: OperationContext, what: string) => {
    const format = image?.format ?? 'qcow2';
    const size = image ? (await stat(image.path)).size : Math.round(Number(order.parameters.diskGiB ?? 1) * 1024 ** 3);
    const volumeName = `${volumePrefix(order.id)}disk0.${format}`;
    const volume = await lv.createVolume(pool, `<volume><name>${volumeName}</name><capacity unit='bytes'>${size}</capacity><target><format type='${image ? 'raw' : format}'/></target></volume>`);
    context.emit({ type: 'resource-created', resource: `volume:${pool.name}/${volumeName}` });
    if (context.signal.aborted) throw new DeliveryError('CANCELLED', 'cancelled');
    if (image) {
      const sent = await lv.upload(volume, createReadStream(image.path, { highWaterMark: 1 << 20 }), { signal: context.signal });
      context.emit({ type: 'progress', message: `uploaded ${sent} bytes of ${what}`, resource: `volume:${pool.name}/${volumeName}` });
    }
    return { volume, format };
  };

  const outputsOf = async (lv: LibvirtClient, name: string): Promise<Record<string, string>> => {
    const domain = await lv.lookupDomain(name);
    return {
      domain: name,
      ...(domain ? { uuid: formatUuid(domain.uuid), state: await lv.domainState(domain) } : {}),
      ...(options.consoleDir && type !== 'test' ? { console: join(options.consoleDir, `${name}.log`) } : {}),
    };
  };

  return {
    name: 'libvirt',
    capabilities: { plan: true, cancel: true, export: true, import: true },

    async plan(input) {
      const order = checkOrder(input, 'libvirt');
      const image = imageOf(order, options.images);
      const f = await found(order.id);
      const changes = f.domain
        ? []
        : [
            { action: 'create' as const, resource: `volume:${options.pool}/${volumePrefix(order.id)}disk0.${image?.format ?? 'qcow2'}` },
            { action: 'create' as const, resource: `domain:${domainName(order.id)}` },
          ];
      return { orderId: order.id, adapter: 'libvirt', changes, summary: `${changes.length} to add` };
    },

    apply(input) {
      const order = checkOrder(input, 'libvirt');
      imageOf(order, options.images);
      return startOperation({
        id: order.id,
        action: 'apply',
        redact: (text) => text,
        run: (context) => serialized(order.id, () => deliver(order, context)),
        compensate: (context) => remove(order.id, context),
      });
    },

    async export(orderId, exportOptions = {}) {
      const f = await found(checkOrderId(orderId));
      if (!f.domain) throw new DeliveryError('BAD_ORDER', `libvirt: order ${orderId} has no domain to export`);
      return exportDomain(f.lv, f.domain, f.volumes, { ...exportOptions, graceMs: options.shutdownTimeoutMs ?? 30_000 });
    },

    import(request) {
      const order = checkOrder(request.order, 'libvirt');
      if (request.disks.length !== 1) throw new DeliveryError('BAD_ORDER', `libvirt imports a VM with one disk, not ${request.disks.length}`);
      return startOperation({
        id: order.id,
        action: 'apply',
        redact: (text) => text,
        run: (context) => serialized(order.id, () => deliver(order, context, request)),
        compensate: (context) => remove(order.id, context),
      });
    },

    async status(orderId): Promise<DeliveryStatus> {
      const f = await found(checkOrderId(orderId));
      const resources = resourcesOf(orderId, f);
      return { orderId, state: f.domain ? 'ready' : resources.length ? 'partial' : 'absent', resources, outputs: f.domain ? await outputsOf(f.lv, f.domain.name) : {} };
    },

    destroy(orderId) {
      checkOrderId(orderId);
      return startOperation({
        id: orderId,
        action: 'destroy',
        redact: (text) => text,
        run: (context) =>
          serialized(orderId, async () => {
            const left = await remove(orderId, context);
            if (left.length) throw new DeliveryError('TOOL_FAILED', `left after destroy: ${left.map((r) => r.resource).join(', ')}`);
            return { resources: [], outputs: {} };
          }),
      });
    },

    async dispose() {
      await serialized.idle();
      const open = client;
      client = undefined;
      await (await open?.catch(() => undefined))?.close();
    },
  };
}

function imageOf(order: DeliveryOrder, images: LibvirtAdapterOptions['images']): LibvirtImage | undefined {
  const chosen = order.parameters.image;
  if (chosen === undefined) return undefined;
  const image = typeof chosen === 'string' ? images?.[chosen] : undefined;
  if (!image) throw new DeliveryError('BAD_ORDER', `Malformed order: the "image" parameter must name one of this provider's images (${Object.keys(images ?? {}).join(', ') || 'none'}), not ${JSON.stringify(chosen)}.`);
  return image;
}

/** The parts of a domain an imported VM decides (the rest is the target's). */
function importedSpec(vm: VmDescription) {
  return { vcpus: vm.vcpus, memoryMiB: vm.memoryMiB, firmware: vm.firmware, nics: vm.nics, ...(vm.machine ? { machine: vm.machine } : {}) };
}

function formatUuid(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
