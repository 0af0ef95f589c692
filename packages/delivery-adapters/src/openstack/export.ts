import type { ExportedDisk, VmDescription, VmExport } from '../contract';
import { DeliveryError } from '../delivery-error';
import type { GlanceClient, GlanceImage } from './glance';
import { recordedHash } from './image-hash';
import { readJson } from './http';
import type { KeystoneSession } from './keystone';
import type { NovaClient, NovaServer } from './nova';

/** The clients an export uses. */
export interface OpenStackClients {
  readonly session: KeystoneSession;
  readonly glance: GlanceClient;
  readonly nova: NovaClient;
}

/** Where an export takes the disk from: a snapshot of the server (the default), or the image it booted from. */
export type ExportSource = 'snapshot' | 'boot-image';

const FORMATS = ['qcow2', 'raw', 'vmdk'] as const;

/**
 * Exports a server: stops it (`os-stop`) when asked, describes it (its flavor's vCPUs and memory,
 * `hw_firmware_type` and `hw_machine_type` of its image, its Neutron ports' MAC addresses), and
 * offers its disk as a Glance download from any offset. The disk is a snapshot (`createImage`,
 * tagged with the order so destroying the order removes it too), or, with `boot-image`, the image
 * the server booted from: right for a server that writes nothing to its disk, and the only choice
 * with Nova's fake driver, whose snapshots hold no data.
 */
export async function exportServer(c: OpenStackClients, server: NovaServer, orderId: string, options: { stop?: boolean; from: ExportSource; tag: string; signal?: AbortSignal }): Promise<VmExport> {
  const wasRunning = server.status === 'ACTIVE';
  if (wasRunning && options.stop !== false) await c.nova.stop(server.id, options.signal ? { signal: options.signal } : {});
  const bootImageId = (server.image as { id?: string } | undefined)?.id;
  const bootImage = bootImageId ? await c.glance.get(bootImageId) : undefined;
  const image = options.from === 'boot-image' ? bootImage : await snapshot(c, server, orderId, options.tag);
  if (!image) throw new DeliveryError('TOOL_FAILED', `openstack: server ${server.id} has no image to export (booted from a volume?)`);
  const format = FORMATS.find((f) => f === image.disk_format);
  if (!format) throw new DeliveryError('TOOL_FAILED', `openstack: image ${image.id} is ${String(image.disk_format)}, not qcow2, raw or vmdk`);
  // A whole read is checked against Glance's own hash of the image, so a damaged read fails there.
  const recorded = recordedHash(image);
  const flavor = await c.nova.flavor((server.flavor as { id: string }).id);
  const disk: ExportedDisk = { id: 'disk0', format, bytes: Number(image.size), read: (o = {}) => c.glance.download(image.id, { ...(o.offset ? { offset: o.offset } : {}), ...(o.signal ? { signal: o.signal } : {}), ...(recorded ? { expect: recorded } : {}) }) };
  const vm: VmDescription = {
    name: server.name, vcpus: flavor.vcpus, memoryMiB: flavor.ram,
    firmware: bootImage?.hw_firmware_type === 'uefi' ? 'uefi' : 'bios',
    ...(typeof bootImage?.hw_machine_type === 'string' ? { machine: bootImage.hw_machine_type } : {}),
    nics: await macs(c, server.id),
    disks: [{ id: 'disk0', format, bytes: Number(image.size) }],
  };
  return {
    vm, disks: [disk], wasRunning,
    restore: async (o = {}) => {
      if ((o.wasRunning ?? wasRunning) && (await c.nova.get(server.id))?.status === 'SHUTOFF') await c.nova.start(server.id);
    },
  };
}

async function snapshot(c: OpenStackClients, server: NovaServer, orderId: string, tag: string): Promise<GlanceImage> {
  const id = await c.nova.createImage(server.id, `mpli-${orderId}-export`, { mpli_operation: orderId });
  await c.nova.waitTaskDone(server.id);
  const image = await c.glance.waitActive(id);
  await c.session.call('image', `/v2/images/${id}/tags/${encodeURIComponent(tag)}`, { method: 'PUT' }).then((r) => r.body.dump());
  return image;
}

async function macs(c: OpenStackClients, serverId: string): Promise<{ mac: string }[]> {
  if (!(await c.session.endpoint('network'))) return [];
  const ports = await readJson<{ ports?: { mac_address: string }[] }>('neutron', await c.session.call('network', `/v2.0/ports?device_id=${serverId}`), 'listing ports');
  return (ports.ports ?? []).map((p) => ({ mac: p.mac_address }));
}
