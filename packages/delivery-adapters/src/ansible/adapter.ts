import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CredentialsCallback, DeliveredResource, DeliveryAdapter, DeliveryOrder, DeliveryPlan, DeliveryStatus } from '../contract';
import { DeliveryError } from '../delivery-error';
import { checkOrder, checkOrderId } from '../order';
import { startOperation, type OperationContext } from '../operation';
import { redactDeep, redactor } from '../redact';
import { runTool } from '../run-tool';
import { serializer } from '../serializer';
import { CALLBACK_NAME, CALLBACK_SOURCE } from './callback-plugin';
import { readRecord, removeOrder, writeRecord, type OrderRecord } from './order-record';
import { firstFailure, runCollector, type RunReport } from './run-events';

/** Options of the {@link ansibleAdapter}. */
export interface AnsibleAdapterOptions {
  /** Where each order's variables and record live. */
  readonly workDir: string;
  /**
   * The playbooks this provider delivers with, by name (paths); an order's `playbook` parameter
   * picks one. Each runs with `mpli_state` (`present` to deliver, `absent` to remove),
   * `mpli_operation` (the order id, for tags and names) and the order's other parameters as
   * variables. A playbook may publish what it made with `set_stats` (per_host: false):
   * `mpli_resources` (a list of names) and `mpli_outputs` (a map).
   */
  readonly playbooks: Readonly<Record<string, string>>;
  /** An inventory path or host list. Default `localhost,` with the local connection. */
  readonly inventory?: string;
  /** Gives the environment the playbook runs with (read with `lookup('env', ...)`). */
  readonly credentials?: CredentialsCallback;
  /** Per run. Default 30 minutes. */
  readonly timeoutMs?: number;
}

/**
 * A delivery adapter over Ansible (`ansible-playbook` from Debian's ansible-core): check mode
 * (`--check --diff`) is the plan; each task's result streams as an event through a JSON-lines
 * callback the adapter ships. Ansible keeps no state, so the adapter keeps a record per order; a
 * failed or cancelled first apply runs the playbook with `mpli_state=absent` to undo itself.
 *
 * @example
 * const adapter = ansibleAdapter({ workDir: '/var/lib/mpli/ansible', playbooks: { web: '/etc/mpli/web.yml' } });
 * await adapter.apply({ id: 'order-7', offering, adapter: 'ansible', parameters: { playbook: 'web' } }).result;
 */
export function ansibleAdapter(options: AnsibleAdapterOptions): DeliveryAdapter {
  const serialized = serializer();
  const callbackDir = join(options.workDir, '.mpli-callbacks');

  const playbookOf = (order: Pick<DeliveryOrder, 'parameters'>): string => {
    const chosen = order.parameters.playbook;
    const path = typeof chosen === 'string' ? options.playbooks[chosen] : undefined;
    if (!path) throw new DeliveryError('BAD_ORDER', `Malformed order: the "playbook" parameter must name one of this provider's playbooks (${Object.keys(options.playbooks).join(', ')}), not ${JSON.stringify(chosen)}.`);
    return path;
  };

  const session = async (orderId: string, purpose: 'plan' | 'apply' | 'destroy') => {
    const env = { ...(await options.credentials?.({ adapter: 'ansible', orderId, purpose })) };
    return { env, redact: redactor(Object.values(env)) };
  };

  const run = async (order: DeliveryOrder, state: 'present' | 'absent', mode: { check?: boolean; context?: OperationContext; env: Record<string, string>; redact: (t: string) => string }): Promise<RunReport> => {
    const { env, redact } = mode;
    const dir = join(options.workDir, order.id);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await mkdir(callbackDir, { recursive: true });
    await writeFile(join(callbackDir, `${CALLBACK_NAME}.py`), CALLBACK_SOURCE);
    const { playbook: _playbook, ...parameters } = order.parameters;
    const vars = { ...parameters, mpli_state: state, mpli_operation: order.id, ...(options.inventory ? {} : { ansible_python_interpreter: '/usr/bin/python3' }) };
    // Variables go in a file (-e @file): an order's values never reach a command line.
    await writeFile(join(dir, `vars-${state}.json`), JSON.stringify(vars), { mode: 0o600 });
    const { report, onLine } = runCollector(mode.context);
    const outcome = await runTool({
      command: 'ansible-playbook',
      args: ['-i', options.inventory ?? 'localhost,', ...(options.inventory ? [] : ['-c', 'local']), '-e', `@${join(dir, `vars-${state}.json`)}`, ...(mode.check ? ['--check', '--diff'] : []), playbookOf(order)],
      env: {
        ANSIBLE_STDOUT_CALLBACK: CALLBACK_NAME, ANSIBLE_CALLBACK_PLUGINS: callbackDir, ANSIBLE_NOCOLOR: '1', ANSIBLE_RETRY_FILES_ENABLED: 'false',
        ANSIBLE_LOCALHOST_WARNING: 'false', ANSIBLE_INVENTORY_UNPARSED_WARNING: 'false', ANSIBLE_LOCAL_TEMP: join(dir, 'tmp'), ...env,
      },
      timeoutMs: options.timeoutMs ?? 1_800_000,
      debianPackage: 'ansible-core',
      redact,
      okCodes: [0, 2, 4],
      onLine,
      ...(mode.context ? { signal: mode.context.signal } : {}),
    });
    if (outcome.code !== 0) throw new DeliveryError('TOOL_FAILED', redact(`ansible-playbook: ${firstFailure(report) ?? `exit ${outcome.code}: ${outcome.stderr.trim().split('\n').slice(-5).join('\n')}`}`));
    return report;
  };

  const resourcesOf = (report: RunReport, orderId: string, before: readonly DeliveredResource[]): DeliveredResource[] => {
    const declared = report.custom.mpli_resources;
    const names = Array.isArray(declared) ? declared.map(String) : report.results.filter((r) => r.changed).map((r) => `${r.host}: ${r.task}`);
    const all = new Set([...before.map((r) => r.resource), ...names]);
    return [...all].map((resource) => ({ resource, operation: orderId }));
  };
  const outputsOf = (report: RunReport): Record<string, string> => {
    const outputs = report.custom.mpli_outputs;
    return outputs && typeof outputs === 'object' ? Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])) : {};
  };

  return {
    name: 'ansible',
    capabilities: { plan: true, cancel: true, export: false, import: false },

    async plan(input): Promise<DeliveryPlan> {
      const order = checkOrder(input, 'ansible');
      playbookOf(order);
      return serialized(order.id, async () => {
        const known = await readRecord(options.workDir, order.id);
        const { env, redact } = await session(order.id, 'plan');
        const report = await run(order, 'present', { check: true, env, redact });
        const changes = report.results.filter((r) => r.changed).map((r) => ({ action: known ? ('update' as const) : ('create' as const), resource: `${r.host}: ${r.task}` }));
        if (!known) await removeOrder(options.workDir, order.id);
        return redactDeep({ orderId: order.id, adapter: 'ansible', changes, summary: `${changes.length} task(s) would change` }, redact);
      });
    },

    apply(input) {
      const order = checkOrder(input, 'ansible');
      playbookOf(order);
      let before: OrderRecord | undefined;
      let credentials: Awaited<ReturnType<typeof session>> | undefined;
      return startOperation({
        id: order.id,
        action: 'apply',
        redact: (text) => credentials?.redact(text) ?? text,
        run: (context) =>
          serialized(order.id, async () => {
            credentials = await session(order.id, 'apply');
            before = await readRecord(options.workDir, order.id);
            await writeRecord(options.workDir, order.id, { state: 'applying', order, resources: before?.resources ?? [], outputs: {} });
            const report = await run(order, 'present', { context, ...credentials });
            const resources = resourcesOf(report, order.id, before?.resources ?? []);
            for (const r of resources) if (!before?.resources.some((b) => b.resource === r.resource)) context.emit({ type: 'resource-created', resource: r.resource });
            const outputs = outputsOf(report);
            await writeRecord(options.workDir, order.id, { state: 'ready', order, resources, outputs });
            return { resources, outputs };
          }),
        compensate: async (context) => {
          if (!credentials) return [];
          if (before) {
            // A re-apply of a delivered order: undoing with mpli_state=absent would remove the
            // earlier delivery too, so keep it as it was.
            await writeRecord(options.workDir, order.id, before);
            return [];
          }
          try {
            await run(order, 'absent', { context, ...credentials });
            await removeOrder(options.workDir, order.id);
            return [];
          } catch (error) {
            const left = [{ resource: `${order.id}: undo with mpli_state=absent failed: ${(error as Error).message}`, operation: order.id }];
            await writeRecord(options.workDir, order.id, { state: 'partial', order, resources: left, outputs: {} });
            return left;
          }
        },
      });
    },

    async status(orderId): Promise<DeliveryStatus> {
      const record = await readRecord(options.workDir, checkOrderId(orderId));
      if (!record) return { orderId, state: 'absent', resources: [], outputs: {} };
      return { orderId, state: record.state === 'ready' ? 'ready' : 'partial', resources: record.resources, outputs: record.outputs };
    },

    destroy(orderId) {
      checkOrderId(orderId);
      let credentials: Awaited<ReturnType<typeof session>> | undefined;
      return startOperation({
        id: orderId,
        action: 'destroy',
        redact: (text) => credentials?.redact(text) ?? text,
        run: (context) =>
          serialized(orderId, async () => {
            const record = await readRecord(options.workDir, orderId);
            if (!record) return { resources: [], outputs: {} };
            credentials = await session(orderId, 'destroy');
            await run(record.order, 'absent', { context, ...credentials });
            for (const r of record.resources) context.emit({ type: 'resource-removed', resource: r.resource });
            await removeOrder(options.workDir, orderId);
            return { resources: [], outputs: {} };
          }),
      });
    },

    async dispose() {
      await serialized.idle();
    },
  };
}
