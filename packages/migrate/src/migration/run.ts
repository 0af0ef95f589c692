import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeliveryOperation, VmExport } from '@mpli/delivery-adapters';
import { request } from 'undici';
import { openJournal, type Journal } from '../journal';
import { MigrationError } from '../migration-error';
import { convertStep, stageStep, transferStep, type DiskStepContext } from './disk-steps';
import type { MigrationEvent, MigrationResult } from './events';
import { lastRecord, type MigrationRecord } from './journal-records';
import type { MigrationRequest } from './request';
import { storedDiskCheck } from './stored-check';
import { carriedOrder } from './carried-order';
import { targetAgreementCheck, targetPrerequisitesCheck } from './target-trust';

/** Failures a resumed run can get past: the journal is kept and nothing is undone. */
const RESUMABLE = new Set(['TRANSFER_FAILED', 'CANCELLED', 'TIMEOUT']);

/**
 * Runs a migration: export (the source stopped), stage each disk, send it to the target (only
 * data, checksummed, resumable), convert it to the target's format with qemu-img, import and boot
 * it at the target, verify (the disk digest at every hop, and the guest's console marker when the
 * target order names one), then cut over. Every step is recorded in a journal in `workDir`: run
 * it again after a crash, a kill or a cut network and it goes on from the last completed step
 * (and inside a transfer, from the last durable window). The source is never changed beyond the
 * stop, and never deleted before the target is verified; any other failure rolls back (the
 * target's delivery destroyed, the source started again if it was running).
 *
 * @example
 * const result = await runMigration({ id: 'm-42', source: { adapter: openstack, orderId: 'web-1' },
 *   target: { adapter: libvirt, order: { id: 'web-1-moved', offering, adapter: 'libvirt', parameters: {} } }, workDir: '/var/lib/mpli/m-42' });
 */
export async function runMigration(request: MigrationRequest, options: { signal?: AbortSignal; onEvent?: (event: MigrationEvent) => void } = {}): Promise<MigrationResult> {
  // The target's prerequisites are checked before anything moves (and before a journal exists).
  if (request.trust && !existsSync(join(request.workDir, `${request.id}.journal`))) {
    const check = targetPrerequisitesCheck(request.trust);
    if (!check.passed) throw new MigrationError('TARGET_REFUSED', `the target's prerequisites are not met: ${check.explanation}`);
    const agreed = await targetAgreementCheck(request.trust);
    if (!agreed.passed) throw new MigrationError('TARGET_REFUSED', `the agreement cannot go to the target: ${agreed.explanation}`);
  }
  await mkdir(request.workDir, { recursive: true });
  const journal = await openJournal<MigrationRecord>(join(request.workDir, `${request.id}.journal`));
  try {
    const begin = journal.records[0];
    if (begin && (begin.type !== 'begin' || begin.source !== request.source.orderId || begin.target !== request.target.order.id)) throw new MigrationError('JOURNAL', `${request.id}.journal belongs to another migration`);
    const rolledBack = lastRecord(journal.records, 'rolled-back');
    if (rolledBack) throw new MigrationError('JOURNAL', `migration ${request.id} was rolled back (${rolledBack.error}); start a new one`);
    if (!begin) await journal.append({ type: 'begin', id: request.id, source: request.source.orderId, target: request.target.order.id });
    const context: DiskStepContext = { request, journal, ...(options.signal ? { signal: options.signal } : {}), emit: options.onEvent ?? (() => undefined) };
    try {
      return await migrate(context);
    } catch (error) {
      if (error instanceof MigrationError && RESUMABLE.has(error.code)) throw error;
      if (options.signal?.aborted) throw new MigrationError('CANCELLED', 'the migration was cancelled; run it again to resume', { cause: error });
      return await rollBack(context, (error as Error).message);
    }
  } finally {
    await journal.close();
  }
}

async function migrate(c: DiskStepContext): Promise<MigrationResult> {
  const { request, journal } = c;
  const digests: Record<string, string> = {};
  if (lastRecord(journal.records, 'cut-over')) return { id: request.id, status: 'migrated', digests: digestsOf(journal), outputs: lastRecord(journal.records, 'imported')?.outputs ?? {}, sentBytes: 0 };
  const exported = await exportSource(c);
  let sentBytes = 0;
  const disks = [];
  for (const disk of exported.disks) {
    const staged = await stageStep(c, disk);
    digests[disk.id] = staged.digest;
    const received = await transferStep(c, disk.id, staged);
    sentBytes += received.sentBytes;
    disks.push({ id: disk.id, ...(await convertStep(c, disk.id, received.path, staged.digest)) });
  }
  const outputs = await importTarget(c, exported, disks, digests);
  if (!lastRecord(journal.records, 'verified')) {
    const status = await request.target.adapter.status(request.target.order.id);
    if (status.state !== 'ready') throw new MigrationError('TARGET_REFUSED', `the target's delivery is ${status.state}, not ready`);
    const marker = request.target.order.parameters.waitForConsole;
    c.emit({ type: 'step', step: 'verify', message: `disks verified by digest${c.request.verifyStored === false ? '' : ', as the target stored them too'}${typeof marker === 'string' ? `, the guest printed "${marker}"` : ' (no console marker was asked for: the boot is not checked)'}` });
    await journal.append({ type: 'verified' });
  }
  await cutOver(c);
  return { id: request.id, status: 'migrated', digests, outputs, sentBytes };
}

/** Exports the source (stopping it); on a resumed run, the journal's first look decides whether it was running. */
async function exportSource(c: DiskStepContext): Promise<VmExport> {
  const { adapter, orderId } = c.request.source;
  if (!adapter.export) throw new MigrationError('BAD_INPUT', `the source adapter ${adapter.name} cannot export`);
  const known = lastRecord(c.journal.records, 'exported');
  c.emit({ type: 'step', step: 'export', message: `stopping and describing ${orderId} at the source`, ...(known ? { resumed: true } : {}) });
  const exported = await adapter.export(orderId, { stop: true, ...(c.signal ? { signal: c.signal } : {}) });
  if (!known) await c.journal.append({ type: 'exported', vm: exported.vm, wasRunning: exported.wasRunning });
  return known ? { ...exported, vm: known.vm, wasRunning: known.wasRunning } : exported;
}

async function importTarget(c: DiskStepContext, exported: VmExport, disks: { id: string; path: string; format: 'qcow2' | 'raw' | 'vmdk' }[], digests: Record<string, string>): Promise<Record<string, string>> {
  const done = lastRecord(c.journal.records, 'imported');
  if (done) return { ...done.outputs };
  const { adapter, order } = c.request.target;
  if (!adapter.import) throw new MigrationError('BAD_INPUT', `the target adapter ${adapter.name} cannot import`);
  c.emit({ type: 'step', step: 'import', message: `importing into ${adapter.name} as order ${order.id}` });
  await c.journal.append({ type: 'import-started' });
  const carried = carriedOrder(order, c.request);
  // The copy the target stored is read back and checked before the VM is defined or booted there.
  const check = c.request.verifyStored === false ? undefined : storedDiskCheck(c, digests);
  const result = await finished(adapter.import({ order: carried, vm: exported.vm, disks, ...(check ? { verifyStored: check.verify } : {}) }));
  if (result.status !== 'succeeded') {
    if (result.leftovers.length === 0) await c.journal.append({ type: 'import-undone' });
    throw check?.failure() ?? new MigrationError('TARGET_REFUSED', `the target refused the VM: ${result.error ?? result.status}`);
  }
  await c.journal.append({ type: 'imported', outputs: result.outputs });
  return { ...result.outputs };
}

async function cutOver(c: DiskStepContext): Promise<void> {
  if (c.request.destroySource) {
    c.emit({ type: 'step', step: 'cutover', message: `destroying ${c.request.source.orderId} at the source` });
    const result = await finished(c.request.source.adapter.destroy(c.request.source.orderId));
    if (result.status !== 'succeeded') throw new MigrationError('TRANSFER_FAILED', `the source could not be destroyed: ${result.error ?? result.status}`);
  } else c.emit({ type: 'step', step: 'cutover', message: `the target runs; ${c.request.source.orderId} stays stopped at the source` });
  await c.journal.append({ type: 'cut-over' });
  await removeCopies(c);
}

/** Undoes a migration: the target's delivery destroyed, the source as it was, the copies removed. */
async function rollBack(c: DiskStepContext, error: string): Promise<MigrationResult> {
  c.emit({ type: 'step', step: 'rollback', message: `rolling back: ${error}` });
  // The target is touched only if an import began there and did not clean up after itself.
  const started = lastRecord(c.journal.records, 'import-started') !== undefined;
  const undone = lastRecord(c.journal.records, 'import-undone') !== undefined;
  const destroyed = started && !undone ? await finished(c.request.target.adapter.destroy(c.request.target.order.id)) : { status: 'succeeded', error: undefined };
  if (destroyed.status !== 'succeeded') throw new MigrationError('TRANSFER_FAILED', `rollback: the target's delivery could not be removed (${destroyed.error ?? ''}); the journal is kept`);
  const wasRunning = lastRecord(c.journal.records, 'exported')?.wasRunning;
  if (wasRunning !== undefined && c.request.source.adapter.export) await (await c.request.source.adapter.export(c.request.source.orderId, { stop: false })).restore({ wasRunning });
  await removeCopies(c);
  await c.journal.append({ type: 'rolled-back', error });
  return { id: c.request.id, status: 'rolled-back', digests: digestsOf(c.journal), outputs: {}, error, sentBytes: 0 };
}

async function removeCopies(c: DiskStepContext): Promise<void> {
  for (const record of c.journal.records) {
    if (record.type === 'staged' || record.type === 'converted') await rm(record.path, { force: true });
    if (record.type !== 'transferred') continue;
    // A receiver of the target's is asked to drop the transfer; the runner's own keeps it beside the disk.
    if (c.request.transfer) await dropTransfer(c.request.transfer, `${c.request.id}-${record.disk}`, c.emit);
    else await Promise.all([rm(record.path, { force: true }), rm(record.path.replace(/\.raw$/, '.journal'), { force: true })]);
  }
}

/** `DELETE /transfers/{id}` at the target's receiver; a failure is reported, not fatal (the copy is the target's to clean). */
async function dropTransfer(transfer: NonNullable<MigrationRequest['transfer']>, id: string, emit: DiskStepContext['emit']): Promise<void> {
  try {
    const response = await request(`${transfer.url.replace(/\/$/, '')}/transfers/${id}`, { method: 'DELETE', headers: transfer.token ? { authorization: `Bearer ${transfer.token}` } : {}, headersTimeout: 30_000, bodyTimeout: 30_000 });
    await response.body.dump();
    if (response.statusCode >= 300 && response.statusCode !== 404) throw new Error(`HTTP ${response.statusCode}`);
  } catch (error) {
    emit({ type: 'step', step: 'cutover', message: `the target's receiver kept transfer ${id} (${(error as Error).message}); remove it there` });
  }
}

const digestsOf = (journal: Journal<MigrationRecord>) => Object.fromEntries(journal.records.flatMap((r) => (r.type === 'staged' ? [[r.disk, r.digest]] : [])));

async function finished(operation: DeliveryOperation) {
  for await (const _event of operation.events);
  return operation.result;
}
