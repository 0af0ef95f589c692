import { basename, dirname, isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkOrder, type DeliveryAdapter } from '@mpli/delivery-adapters';
import { MigrationError, planMigration, runMigration, type MigrationPlan, type MigrationRequest } from '@mpli/migrate';
import { EXIT, UsageError, type CliIo } from '../cli-io';
import { cancelOnSignal, loadAdapters } from './delivery-setup';
import { parametersFrom } from './parameters';
import { migrationProgress } from './migration-progress';

export const MIGRATE_HELP = `Usage: mpli migrate --from <config> --to <config> --vm <order id> [options]

Moves a VM from one provider to another (EU Data Act portability): the source's adapter exports
it (stopped), its disks travel checksummed and resumable, qemu-img converts them, the target's
adapter imports and boots it, the disk digest and the guest's console marker verify it; the
source is stopped, never deleted before that (unless --destroy-source, after). Each step is in a
journal: after a crash or Ctrl-C, --resume goes on from the last completed step.

Options:
  --from <file>          The source's delivery configuration (as for mpli deliver)
  --to <file>            The target's delivery configuration
  --vm <order id>        The order that delivered the VM at the source
  --to-id <order id>     The order at the target (default <vm>-migrated)
  --to-adapter <name>    Which adapter of --to imports (default: its only one)
  --offering <iri>       The target offering the VM moves to
  --param key=value      A parameter of the target order (repeatable), such as
                         waitForConsole=<text> to verify the boot
  --format <f>           The disk format the target takes: raw (default), qcow2, vmdk
  --id <id>              The migration's id (default migrate-<vm>)
  --work <dir>           Its journal and staged disks (default ./mpli-migrations)
  --resume <journal>     Resume the migration whose journal this is (sets --id and --work)
  --destroy-source       After the target is verified, destroy the source
  --plan                 Only check and estimate; changes nothing
  --json                 The plan or the result as JSON
  -h, --help             Show this help

Exit codes: 0 migrated (or the plan is fine); 1 rolled back, or the plan has a failed check;
2 usage error; 3 stopped part way (resume it with --resume).
`;

const OPTIONS = {
  from: { type: 'string' }, to: { type: 'string' }, vm: { type: 'string' }, 'to-id': { type: 'string' }, 'to-adapter': { type: 'string' }, offering: { type: 'string' },
  param: { type: 'string', multiple: true }, format: { type: 'string' }, id: { type: 'string' }, work: { type: 'string' }, resume: { type: 'string' },
  'destroy-source': { type: 'boolean' }, plan: { type: 'boolean' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
} as const;

export async function migrateCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: OPTIONS });
  if (values.help) return (io.stdout(MIGRATE_HELP), EXIT.ok);
  if (!values.from || !values.to || !values.vm) throw new UsageError('mpli migrate needs --from, --to and --vm');
  if (values.format && !['raw', 'qcow2', 'vmdk'].includes(values.format)) throw new UsageError(`--format must be raw, qcow2 or vmdk, not "${values.format}"`);
  const sources = await loadAdapters(io, values.from);
  const targets = await loadAdapters(io, values.to);
  try {
    const request = await requestFrom(io, values, sources, targets);
    if (values.plan) return printPlan(io, await planMigration(request), values.json === true);
    return await migrate(io, request, values.json === true);
  } finally {
    await Promise.all([...sources, ...targets].map((a) => a.dispose()));
  }
}

async function requestFrom(io: CliIo, values: { vm?: string; 'to-id'?: string; 'to-adapter'?: string; offering?: string; param?: string[]; format?: string; id?: string; work?: string; resume?: string; 'destroy-source'?: boolean }, sources: DeliveryAdapter[], targets: DeliveryAdapter[]): Promise<MigrationRequest> {
  const vm = values.vm!;
  let source: DeliveryAdapter | undefined;
  for (const adapter of sources) if (!source && (await adapter.status(vm)).state !== 'absent') source = adapter;
  if (!source) throw new UsageError(`no adapter of the source configuration knows order ${vm}`);
  const target = values['to-adapter'] ? targets.find((a) => a.name === values['to-adapter']) : targets.length === 1 ? targets[0] : undefined;
  if (!target) throw new UsageError(values['to-adapter'] ? `the target configuration sets up no "${values['to-adapter']}" adapter` : 'the target configuration sets up several adapters: choose one with --to-adapter');
  const resolve = (p: string) => (isAbsolute(p) ? p : join(io.cwd, p));
  const id = values.resume ? basename(values.resume).replace(/\.journal$/, '') : (values.id ?? `migrate-${vm}`);
  const workDir = values.resume ? dirname(resolve(values.resume)) : resolve(values.work ?? 'mpli-migrations');
  const parameters = parametersFrom(values.param);
  const order = checkOrder({ id: values['to-id'] ?? `${vm}-migrated`, offering: values.offering ?? `urn:mpli:migrated:${vm}`, adapter: target.name, parameters });
  return { id, source: { adapter: source, orderId: vm }, target: { adapter: target, order, ...(values.format ? { format: values.format as 'raw' } : {}) }, workDir, ...(values['destroy-source'] ? { destroySource: true } : {}) };
}

function printPlan(io: CliIo, plan: MigrationPlan, json: boolean): number {
  if (json) io.stdout(`${JSON.stringify(plan, null, 2)}\n`);
  else {
    for (const c of plan.checks) io.stdout(`${c.passed ? '✔' : c.severity === 'error' ? '✖' : '!'} ${c.id}: ${c.explanation}\n`);
    io.stdout(`${plan.ok ? 'ready' : 'not ready'}: ${(plan.estimate.bytes / 1e6).toFixed(1)} MB to move, about ${plan.estimate.seconds} s, downtime about ${plan.estimate.downtimeSeconds} s\n`);
  }
  return plan.ok ? EXIT.ok : EXIT.invalid;
}

async function migrate(io: CliIo, request: MigrationRequest, json: boolean): Promise<number> {
  const controller = new AbortController();
  const release = cancelOnSignal(io, () => controller.abort());
  const progress = migrationProgress(io);
  try {
    const result = await runMigration(request, { signal: controller.signal, onEvent: progress.event });
    progress.done();
    if (json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    else io.stdout(result.status === 'migrated' ? `✔ migrated ${request.source.orderId} → ${request.target.order.id} (${Object.entries(result.digests).map(([d, digest]) => `${d} ${digest}`).join(', ')})\n` : `✖ rolled back: ${result.error ?? ''}\n`);
    return result.status === 'migrated' ? EXIT.ok : EXIT.invalid;
  } catch (error) {
    progress.done();
    if (!(error instanceof MigrationError)) throw error;
    io.stderr(`mpli migrate: ${error.message}\n  resume with: --resume ${join(request.workDir, `${request.id}.journal`)}\n`);
    return 3;
  } finally {
    release();
  }
}
