import { statfs } from 'node:fs/promises';
import { dirname } from 'node:path';
import { runTool, type VmDescription } from '@mpli/delivery-adapters';
import { DISK_FORMATS } from '../disk/qemu-img';
import type { MigrationRequest } from './request';
import { targetAgreementCheck, targetPrerequisitesCheck } from './target-trust';

/** One preflight check: an id to refer to, how much it matters, and what it found. */
export interface PreflightCheck {
  readonly id: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly passed: boolean;
  readonly explanation: string;
}

/** What a migration would do and whether it can: planning changes nothing anywhere. */
export interface MigrationPlan {
  readonly id: string;
  /** True when no check of severity `error` failed. */
  readonly ok: boolean;
  readonly checks: readonly PreflightCheck[];
  /** The VM as the source describes it (when it could be read). */
  readonly vm?: VmDescription;
  readonly estimate: {
    /** Bytes of the disk images to move (their files; holes and zeros do not travel). */
    readonly bytes: number;
    readonly seconds: number;
    /** The VM is stopped from the export until it boots at the target. */
    readonly downtimeSeconds: number;
  };
}

const check = (id: string, severity: PreflightCheck['severity'], passed: boolean, explanation: string): PreflightCheck => ({ id, severity, passed, explanation });

/**
 * Checks a migration before anything moves: the adapters can export and import, the VM exists
 * and its disks can be read (download allowed at the source), their formats, the target order is
 * free, the consumer meets the target's prerequisites (with `trust`), qemu-img is there, the work
 * folder has room; notes firmware and MAC addresses. Estimates
 * size, time and downtime at `bytesPerSecond` (default 150 MB/s, about what `pnpm bench migrate`
 * measures on loopback). Reads only: the VM keeps running.
 *
 * @example
 * const plan = await planMigration(request);
 * for (const c of plan.checks.filter((c) => !c.passed)) console.log(c.severity, c.id, c.explanation);
 */
export async function planMigration(request: MigrationRequest, options: { bytesPerSecond?: number } = {}): Promise<MigrationPlan> {
  const { source, target } = request;
  const checks: PreflightCheck[] = [
    check('source.can-export', 'error', Boolean(source.adapter.export && source.adapter.capabilities.export), `the source adapter ${source.adapter.name} ${source.adapter.export ? 'exports VMs' : 'cannot export VMs'}`),
    check('target.can-import', 'error', Boolean(target.adapter.import && target.adapter.capabilities.import), `the target adapter ${target.adapter.name} ${target.adapter.import ? 'imports VMs' : 'cannot import VMs'}`),
  ];
  const sourceState = await source.adapter.status(source.orderId).then((s) => s.state, (error: Error) => `unreachable (${error.message})`);
  checks.push(check('source.delivered', 'error', sourceState === 'ready', `order ${source.orderId} at the source is ${sourceState}`));
  const targetState = await target.adapter.status(target.order.id).then((s) => s.state, (error: Error) => `unreachable (${error.message})`);
  checks.push(check('target.order-free', 'error', targetState === 'absent', targetState === 'absent' ? `order ${target.order.id} is free at the target` : `order ${target.order.id} at the target is ${targetState}: choose another id, or resume the migration that made it`));
  const vm = sourceState === 'ready' && source.adapter.export ? await describeSource(request, checks) : undefined;
  const bytes = vm?.disks.reduce((n, d) => n + (d.bytes ?? 0), 0) ?? 0;
  if (vm) checks.push(...vmChecks(vm, target.format ?? 'raw'));
  if (request.trust) checks.push(targetPrerequisitesCheck(request.trust));
  if (request.trust?.agreement) {
    const { terms: _terms, ...check } = await targetAgreementCheck(request.trust);
    checks.push(check);
  }
  checks.push(await qemuImgCheck(), await spaceCheck(request.workDir, bytes * (target.format && target.format !== 'raw' ? 3 : 2)));
  const seconds = Math.ceil(bytes / (options.bytesPerSecond ?? 150e6));
  return { id: request.id, ok: checks.every((c) => c.passed || c.severity !== 'error'), checks, ...(vm ? { vm } : {}), estimate: { bytes, seconds, downtimeSeconds: seconds + 30 } };
}

/** Reads the VM's description without stopping it: proves the source lets its disks out. */
async function describeSource(request: MigrationRequest, checks: PreflightCheck[]): Promise<VmDescription | undefined> {
  try {
    const exported = await request.source.adapter.export!(request.source.orderId, { stop: false });
    checks.push(check('source.image-download', 'error', true, `the source lets ${exported.disks.length} disk(s) be read`));
    return exported.vm;
  } catch (error) {
    checks.push(check('source.image-download', 'error', false, `the source does not let the VM out: ${(error as Error).message}`));
    return undefined;
  }
}

function vmChecks(vm: VmDescription, targetFormat: string): PreflightCheck[] {
  const unknown = vm.disks.filter((d) => !DISK_FORMATS.includes(d.format));
  const macs = vm.nics.filter((n) => n.mac).map((n) => n.mac);
  return [
    check('disk.formats', 'error', unknown.length === 0, unknown.length ? `disk formats ${unknown.map((d) => d.format).join(', ')} cannot be converted` : `${vm.disks.map((d) => `${d.id} (${d.format})`).join(', ')} → ${targetFormat}${vm.disks.some((d) => d.format !== targetFormat) ? ', converted with qemu-img' : ''}`),
    check('vm.firmware', vm.firmware === 'uefi' ? 'warning' : 'info', true, vm.firmware === 'uefi' ? 'the VM boots with UEFI: the target must offer UEFI firmware (OVMF)' : 'the VM boots with BIOS firmware'),
    check('network.macs', 'info', true, macs.length ? `${macs.length} NIC(s) with MAC ${macs.join(', ')}, kept where the target allows` : `${vm.nics.length} NIC(s), no MAC address to keep`),
  ];
}

async function qemuImgCheck(): Promise<PreflightCheck> {
  try {
    const { stdout } = await runTool({ command: 'qemu-img', args: ['--version'], debianPackage: 'qemu-utils', timeoutMs: 10_000 });
    return check('tools.qemu-img', 'error', true, stdout.split('\n')[0]!);
  } catch (error) {
    return check('tools.qemu-img', 'error', false, (error as Error).message);
  }
}

async function spaceCheck(workDir: string, needed: number): Promise<PreflightCheck> {
  let dir = workDir;
  for (;;) {
    try {
      const { bavail, bsize } = await statfs(dir);
      const free = bavail * bsize;
      return check('workdir.space', 'warning', free >= needed, `${dir} has ${Math.floor(free / 1e6)} MB free; staging and receiving need about ${Math.ceil(needed / 1e6)} MB`);
    } catch {
      if (dirname(dir) === dir) return check('workdir.space', 'warning', false, `cannot read the free space of ${workDir}`);
      dir = dirname(dir);
    }
  }
}
