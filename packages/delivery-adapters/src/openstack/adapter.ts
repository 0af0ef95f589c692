import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { CredentialRequest, CredentialsCallback, DeliveredResource, DeliveryAdapter, DeliveryOrder, DeliveryStatus, ImportRequest, VmDescription } from '../contract';
import { DeliveryError } from '../delivery-error';
import { checkOrder, checkOrderId } from '../order';
import { startOperation, type OperationContext } from '../operation';
import { redactDeep, redactor } from '../redact';
import { serializer } from '../serializer';
import { buildServer } from './build-server';

import { exportServer, type ExportSource } from './export';
import { checkHash, GLANCE_HASH_ALGORITHM, hashedStream, recordedHash } from './image-hash';
import { GlanceClient } from './glance';
import { readJson } from './http';
import { KeystoneSession, type KeystoneCredentials } from './keystone';
import { NovaClient } from './nova';

/** Options of the {@link openstackAdapter}. */
export interface OpenStackAdapterOptions {
  /** Keystone v3, such as `https://keystone.example:5000/v3`. */
  readonly authUrl: string;
  /**
   * Who the adapter is, without secrets: a user and project (password auth), or nothing (an
   * application credential, whose id and secret come from `credentials`).
   */
  readonly auth?: { readonly username: string; readonly project: string; readonly userDomain?: string; readonly projectDomain?: string };
  /**
   * The secrets, when needed: `{ password }`, or `{ applicationCredentialId, applicationCredentialSecret }`.
   */
  readonly credentials: CredentialsCallback;
  readonly region?: string;
  /** Provider images uploaded to Glance for an order (its `image` parameter); other names are looked up in Glance. */
  readonly images?: Readonly<Record<string, OpenStackImageSource>>;
  /** Service URLs used instead of Keystone's catalog, by type (`image`, `compute`), such as a relay in front of the cloud. */
  readonly endpointOverrides?: Readonly<Record<string, string>>;
  /** Upload through Glance's interoperable import (`glance-direct`) instead of a direct PUT. */
  readonly useImport?: boolean;
  /** Where `export` takes a server's disk from: a snapshot (default), or its boot image. */
  readonly exportFrom?: ExportSource;
  readonly timeoutMs?: number;
}

/**
 * Where an image's data comes from: a file, or a stream the adapter opens when it uploads (a
 * migration's transfer, an object store); `size`, when known, is sent as Content-Length.
 */
export type OpenStackImageSource =
  | { readonly path: string; readonly diskFormat: 'qcow2' | 'raw' | 'vmdk' }
  | { readonly open: (signal: AbortSignal) => Readable; readonly size?: number; readonly diskFormat: 'qcow2' | 'raw' | 'vmdk' };

/** Glance properties that tell Nova how an imported VM boots. */
const importedProperties = (vm: VmDescription) => ({ ...(vm.firmware === 'uefi' ? { hw_firmware_type: 'uefi' } : {}), ...(vm.machine ? { hw_machine_type: vm.machine } : {}) });

const serverName = (orderId: string) => `mpli-${orderId}`;
const imageTag = (orderId: string) => `mpli-operation:${orderId}`;

/**
 * A delivery adapter over OpenStack's APIs: Keystone v3 (password or application credential, the
 * token renewed before it expires), Glance v2 (the order's image uploaded, or found by name), Nova
 * (a server named `mpli-<order>` with `mpli_operation` in its metadata, polled to ACTIVE), and
 * Neutron ports in the outputs when the cloud has a network service.
 *
 * @example
 * const adapter = openstackAdapter({ authUrl: 'https://cloud.example:5000/v3', auth: { username: 'mpli', project: 'customers' },
 *   credentials: async () => ({ password: process.env.OS_PASSWORD! }) });
 */
export function openstackAdapter(options: OpenStackAdapterOptions): DeliveryAdapter {
  const serialized = serializer();

  const connect = async (orderId: string, purpose: CredentialRequest['purpose']) => {
    const secrets = await options.credentials({ adapter: 'openstack', orderId, purpose });
    const redact = redactor(Object.values(secrets));
    const credentials = (): Promise<KeystoneCredentials> => {
      if (secrets.applicationCredentialId && secrets.applicationCredentialSecret) return Promise.resolve({ kind: 'application-credential', id: secrets.applicationCredentialId, secret: secrets.applicationCredentialSecret });
      if (!options.auth || !secrets.password) return Promise.reject(new DeliveryError('UNAUTHORIZED', 'openstack: give auth (user and project) with a password, or an application credential'));
      return Promise.resolve({ kind: 'password', ...options.auth, password: secrets.password });
    };
    const session = new KeystoneSession(options.authUrl, credentials, { ...(options.region ? { region: options.region } : {}), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}), ...(options.endpointOverrides ? { endpointOverrides: options.endpointOverrides } : {}) });
    return { session, glance: new GlanceClient(session), nova: new NovaClient(session), redact };
  };
  type Connection = Awaited<ReturnType<typeof connect>>;

  const found = async (c: Connection, orderId: string) => {
    const servers = (await c.nova.findByName(serverName(orderId))).filter((s) => s.metadata?.mpli_operation === orderId);
    const images = await c.glance.findByTag(imageTag(orderId));
    return { servers, images };
  };
  const resourcesOf = (orderId: string, f: Awaited<ReturnType<typeof found>>): DeliveredResource[] => [
    ...f.images.map((i) => ({ resource: `image:${i.id}`, operation: orderId })),
    ...f.servers.map((s) => ({ resource: `server:${s.id}`, operation: orderId })),
  ];

  const remove = async (c: Connection, orderId: string, context: OperationContext) => {
    const f = await found(c, orderId);
    for (const server of f.servers) {
      await c.nova.delete(server.id);
      await c.nova.waitGone(server.id);
      context.emit({ type: 'resource-removed', resource: `server:${server.id}` });
    }
    for (const image of f.images) {
      await c.glance.delete(image.id);
      context.emit({ type: 'resource-removed', resource: `image:${image.id}` });
    }
    return resourcesOf(orderId, await found(c, orderId));
  };

  const imageFor = async (c: Connection, order: DeliveryOrder, context: OperationContext, imported?: ImportRequest): Promise<string> => {
    const name = imported ? imported.disks[0]!.id : order.parameters.image;
    if (typeof name !== 'string') throw new DeliveryError('BAD_ORDER', 'Malformed order: an OpenStack order needs an "image" parameter.');
    const own = imported ? { path: imported.disks[0]!.path, diskFormat: imported.disks[0]!.format } : options.images?.[name];
    if (!own) {
      const matches = (await c.glance.findByName(name)).filter((i) => i.status === 'active');
      if (matches.length === 0) throw new DeliveryError('BAD_ORDER', `Malformed order: glance has no active image named "${name}".`);
      return matches[0]!.id;
    }
    // min_ram and min_disk (Glance's own image properties) come from the order when it sets them.
    const minimums = Object.fromEntries((['min_ram', 'min_disk'] as const).filter((k) => typeof order.parameters[k] === 'number').map((k) => [k, order.parameters[k]]));
    const image = await c.glance.create({ name: `${serverName(order.id)}-${name}`, diskFormat: own.diskFormat, tags: [imageTag(order.id)], properties: { mpli_operation: order.id, ...minimums, ...(imported ? importedProperties(imported.vm) : {}) } });
    context.emit({ type: 'resource-created', resource: `image:${image.id}` });
    const { data, size } = 'path' in own
      ? { data: createReadStream(own.path, { highWaterMark: 1 << 20 }), size: (await stat(own.path)).size }
      : { data: own.open(context.signal), size: own.size };
    const sent = hashedStream(data);
    if (options.useImport) await c.glance.stageAndImport(image.id, sent.stream, { signal: context.signal });
    else await c.glance.upload(image.id, sent.stream, { ...(size !== undefined ? { size } : {}), signal: context.signal });
    const active = await c.glance.waitActive(image.id);
    const recorded = recordedHash(active);
    if (recorded?.algorithm === GLANCE_HASH_ALGORITHM) checkHash(image.id, 'uploaded', recorded, sent.hash.digest('hex'));
    context.emit({ type: 'progress', message: `image ${name} uploaded (${String(active.size)} bytes${recorded?.algorithm === GLANCE_HASH_ALGORITHM ? `, ${recorded.algorithm} as sent` : ''}) as ${image.id}`, resource: `image:${image.id}` });
    if (imported?.verifyStored) {
      const disk = imported.disks[0]!;
      await imported.verifyStored({ id: disk.id, format: disk.format, bytes: Number(active.size), read: (o = {}) => c.glance.download(image.id, { ...(o.offset ? { offset: o.offset } : {}), signal: o.signal ?? context.signal, ...(recorded ? { expect: recorded } : {}) }) });
      context.emit({ type: 'progress', message: `glance's copy of ${disk.id} checked`, resource: `image:${image.id}` });
    }
    return image.id;
  };

  const outputsOf = async (c: Connection, serverId: string): Promise<Record<string, string>> => {
    const server = await c.nova.get(serverId);
    const outputs: Record<string, string> = { server: serverId, status: server?.status ?? 'gone' };
    if (await c.session.endpoint('network')) {
      const ports = await readJson<{ ports?: { id: string; mac_address: string }[] }>('neutron', await c.session.call('network', `/v2.0/ports?device_id=${serverId}`), 'listing ports');
      outputs.macs = (ports?.ports ?? []).map((p) => p.mac_address).join(',');
    }
    return outputs;
  };

  const deliver = async (c: Connection, order: DeliveryOrder, context: OperationContext, imported?: ImportRequest) => {
    const existing = await found(c, order.id);
    if (existing.servers.length > 0) {
      context.emit({ type: 'progress', message: 'already delivered: the server exists' });
      return { resources: resourcesOf(order.id, existing), outputs: await outputsOf(c, existing.servers[0]!.id) };
    }
    const flavor = order.parameters.flavor;
    if (typeof flavor !== 'string' && !imported) throw new DeliveryError('BAD_ORDER', 'Malformed order: an OpenStack order needs a "flavor" parameter.');
    // An imported VM gets the flavor the order names, or the smallest that holds it.
    const flavorRef = typeof flavor === 'string' ? await c.nova.flavorId(flavor) : await c.nova.flavorFitting(imported!.vm.vcpus, imported!.vm.memoryMiB);
    const imageRef = await imageFor(c, order, context, imported);
    const id = await buildServer(c.nova, { name: serverName(order.id), imageRef, flavorRef, metadata: { mpli_operation: order.id } }, context);
    context.emit({ type: 'progress', message: `server ${id} is ACTIVE`, resource: `server:${id}` });
    return { resources: resourcesOf(order.id, await found(c, order.id)), outputs: await outputsOf(c, id) };
  };

  return {
    name: 'openstack',
    capabilities: { plan: true, cancel: true, export: true, import: true },

    async plan(input) {
      const order = checkOrder(input, 'openstack');
      const c = await connect(order.id, 'plan');
      const f = await found(c, order.id);
      if (typeof order.parameters.flavor === 'string') await c.nova.flavorId(order.parameters.flavor);
      const uploads = typeof order.parameters.image === 'string' && options.images?.[order.parameters.image];
      const changes = f.servers.length
        ? []
        : [...(uploads ? [{ action: 'create' as const, resource: `image:${serverName(order.id)}-${String(order.parameters.image)}` }] : []), { action: 'create' as const, resource: `server:${serverName(order.id)}` }];
      return redactDeep({ orderId: order.id, adapter: 'openstack', changes, summary: `${changes.length} to add` }, c.redact);
    },

    apply(input) {
      const order = checkOrder(input, 'openstack');
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
      const server = (await found(c, orderId)).servers[0];
      if (!server) throw new DeliveryError('BAD_ORDER', `openstack: order ${orderId} has no server to export`);
      return exportServer(c, server, orderId, { ...exportOptions, from: options.exportFrom ?? 'snapshot', tag: imageTag(orderId) });
    },

    import(request) {
      const order = checkOrder(request.order, 'openstack');
      if (request.disks.length !== 1) throw new DeliveryError('BAD_ORDER', `openstack imports a VM with one disk, not ${request.disks.length}`);
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
      const outputs = f.servers[0] ? await outputsOf(c, f.servers[0].id) : {};
      return redactDeep({ orderId, state: f.servers.length ? 'ready' : resources.length ? 'partial' : 'absent', resources, outputs }, c.redact);
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
