import { XMLParser } from 'fast-xml-parser';
import type { ExportedDisk, VmDescription, VmExport } from '../contract';
import { DeliveryError } from '../delivery-error';
import type { DomainRef, LibvirtClient, VolumeRef } from './libvirt-client';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['disk', 'interface'].includes(name) });

type Node = Record<string, unknown>;
const attr = (node: unknown, name: string): string | undefined => (node && typeof node === 'object' ? ((node as Node)[`@${name}`] as string | undefined) : undefined);
const text = (node: unknown): string | undefined => (typeof node === 'object' && node ? ((node as Node)['#text'] as string | undefined) : node === undefined ? undefined : String(node));
const MEMORY_UNITS: Record<string, number> = { b: 1 / 1024 ** 2, bytes: 1 / 1024 ** 2, KiB: 1 / 1024, k: 1 / 1024, MiB: 1, M: 1, GiB: 1024, G: 1024 };

/**
 * Reads a libvirt domain's XML into the stack-neutral description a migration carries: vCPUs,
 * memory, firmware (`<os firmware='efi'>` or a loader means UEFI), machine type, MAC addresses,
 * and the disks with their formats.
 */
export function describeDomain(xml: string): VmDescription & { readonly diskPaths: readonly string[] } {
  const domain = (parser.parse(xml) as { domain?: Node }).domain;
  if (!domain) throw new DeliveryError('TOOL_FAILED', 'libvirt: the domain XML has no <domain>');
  const memory = domain.memory;
  const unit = attr(memory, 'unit') ?? 'KiB';
  const os = domain.os as Node | undefined;
  const devices = (domain.devices ?? {}) as Node;
  const disks = ((devices.disk ?? []) as Node[]).filter((d) => (attr(d, 'device') ?? 'disk') === 'disk');
  return {
    name: String(domain.name),
    vcpus: Number(text(domain.vcpu) ?? 1),
    memoryMiB: Math.round(Number(text(memory)) * (MEMORY_UNITS[unit] ?? 1 / 1024)),
    firmware: attr(os, 'firmware') === 'efi' || os?.loader !== undefined ? 'uefi' : 'bios',
    ...(attr(os?.type, 'machine') ? { machine: attr(os?.type, 'machine')! } : {}),
    nics: ((devices.interface ?? []) as Node[]).map((n) => ({ ...(attr(n.mac, 'address') ? { mac: attr(n.mac, 'address')! } : {}), ...(attr(n.source, 'network') ? { network: attr(n.source, 'network')! } : {}) })),
    disks: disks.map((d, i) => ({ id: `disk${i}`, format: (attr(d.driver, 'type') ?? 'raw') as 'qcow2' | 'raw' | 'vmdk' })),
    diskPaths: disks.map((d) => attr(d.source, 'file') ?? ''),
  };
}

/**
 * Exports a domain: stops it when asked (a graceful shutdown, then a hard stop after
 * `graceMs`), describes it, and offers its disk volumes as download streams from any offset.
 */
export async function exportDomain(lv: LibvirtClient, domain: DomainRef, volumes: readonly VolumeRef[], options: { stop?: boolean; signal?: AbortSignal; graceMs?: number } = {}): Promise<VmExport> {
  const wasRunning = (await lv.domainState(domain)) === 'running';
  if (wasRunning && options.stop !== false) await stopDomain(lv, domain, options.graceMs ?? 30_000);
  const description = describeDomain(await lv.domainXml(domain));
  const paths = await Promise.all(volumes.map(async (v) => ({ volume: v, path: await lv.volumePath(v) })));
  const disks: ExportedDisk[] = await Promise.all(description.disks.map(async (disk, i) => {
    const volume = paths.find((p) => p.path === description.diskPaths[i])?.volume;
    if (!volume) throw new DeliveryError('TOOL_FAILED', `libvirt: the disk ${description.diskPaths[i]} of ${domain.name} is not a volume of the order`);
    // The image file's own size: <physical> (libvirt reports a qcow2's virtual size as capacity).
    const xml = await lv.volumeXml(volume);
    const physical = /<physical unit='bytes'>(\d+)<\/physical>/.exec(xml)?.[1] ?? String((await lv.volumeInfo(volume)).allocation);
    return { id: disk.id, format: disk.format, bytes: Number(physical), read: (o: { offset?: number; signal?: AbortSignal } = {}) => lv.download(volume, { ...(o.offset ? { offset: o.offset } : {}), ...(o.signal ? { signal: o.signal } : {}) }) };
  }));
  const { diskPaths: _paths, ...vm } = description;
  return {
    vm: { ...vm, disks: vm.disks.map((d, i) => ({ ...d, bytes: disks[i]!.bytes! })) },
    disks,
    wasRunning,
    restore: async (o = {}) => {
      if ((o.wasRunning ?? wasRunning) && (await lv.domainState(domain)) !== 'running') await lv.startDomain(domain);
    },
  };
}

async function stopDomain(lv: LibvirtClient, domain: DomainRef, graceMs: number): Promise<void> {
  await lv.shutdownDomain(domain).catch(() => undefined);
  const until = Date.now() + graceMs;
  while (Date.now() < until) {
    if ((await lv.domainState(domain)) === 'shutoff') return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await lv.destroyDomain(domain);
}
