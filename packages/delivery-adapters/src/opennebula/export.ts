import { createReadStream } from 'node:fs';
import type { ExportedDisk, VmExport } from '../contract';
import { DeliveryError } from '../delivery-error';
import { readImage, readVm, type OneVm } from './documents';

/** What an export needs of the adapter: calls, polling, and how image files are read. */
export interface OneExportContext {
  readonly call: <T extends string | number | boolean>(method: string, ...params: (string | number | boolean)[]) => Promise<T>;
  readonly poll: <T>(what: string, read: () => Promise<T | undefined>) => Promise<T>;
  /** Reads an image file of the datastore (its SOURCE) from `offset`. */
  readonly readSource: (source: string, offset: number, signal?: AbortSignal) => AsyncIterable<Buffer>;
}

const ACTIVE = 3;
const RUNNING = 3;
const POWEROFF = 8;
const READY = 1;
const FORMATS = ['qcow2', 'raw', 'vmdk'] as const;

/** Image files read straight from the datastore: the adapter runs on the front-end, or has the datastore mounted. */
export const readLocalSource = (source: string, offset: number): AsyncIterable<Buffer> => createReadStream(source, { start: offset, highWaterMark: 1 << 20 });

/**
 * Exports an OpenNebula VM the way its API allows: `poweroff` (when asked), `one.vm.disksaveas`
 * of disk 0 into a new image named `<vm>-export`, polled until READY, then read from the
 * datastore. The description comes from the VM template (VCPU or CPU, MEMORY, OS FIRMWARE and
 * MACHINE, NIC MACs); `restore()` resumes a VM that was running.
 */
export async function exportOneVm(c: OneExportContext, found: OneVm, options: { stop?: boolean; signal?: AbortSignal }): Promise<VmExport> {
  const wasRunning = found.state === ACTIVE && found.lcmState === RUNNING;
  if (wasRunning && options.stop !== false) {
    await c.call('one.vm.action', 'poweroff', found.id);
    await c.poll(`VM ${found.id} to power off`, async () => (readVm(await c.call<string>('one.vm.info', found.id)).state === POWEROFF ? true : undefined));
  }
  const name = `${found.name}-export`;
  const imageId = await c.call<number>('one.vm.disksaveas', found.id, 0, name, '', -1);
  const image = await c.poll(`image ${imageId} to be saved`, async () => {
    const info = readImage(await c.call<string>('one.image.info', imageId));
    if (info.state === 5) throw new DeliveryError('TOOL_FAILED', `opennebula: saving disk 0 of VM ${found.id} failed: ${info.template.ERROR ?? 'no reason given'}`);
    return info.state === READY ? info : undefined;
  });
  const format = FORMATS.find((f) => f === image.format) ?? 'raw';
  const disk: ExportedDisk = { id: 'disk0', format, read: (o = {}) => c.readSource(image.source, o.offset ?? 0, o.signal) };
  const vm = readVm(await c.call<string>('one.vm.info', found.id));
  return {
    vm: {
      name: found.name, vcpus: vm.spec.vcpus ?? 1, memoryMiB: vm.spec.memoryMiB ?? 512,
      firmware: /uefi|efi/i.test(vm.spec.firmware ?? '') ? 'uefi' : 'bios', ...(vm.spec.machine ? { machine: vm.spec.machine } : {}),
      nics: vm.nics.map((n) => (n.mac ? { mac: n.mac } : {})),
      disks: [{ id: 'disk0', format }],
    },
    disks: [disk],
    wasRunning,
    restore: async (o = {}) => {
      if (!(o.wasRunning ?? wasRunning) || readVm(await c.call<string>('one.vm.info', found.id)).state !== POWEROFF) return;
      await c.call('one.vm.action', 'resume', found.id);
      await c.poll(`VM ${found.id} to run again`, async () => {
        const vm = readVm(await c.call<string>('one.vm.info', found.id));
        return vm.state === ACTIVE && vm.lcmState === RUNNING ? true : undefined;
      });
    },
  };
}

/** Whether an image is the export of this VM (named after it, saved from it). */
export const isExportOf = (image: { name: string; template: Readonly<Record<string, string>> }, vmName: string): boolean => image.name === `${vmName}-export` && image.template.SAVED_VM_ID !== undefined;
