import { rm } from 'node:fs/promises';
import type { CredentialsCallback, DeliveredResource, DeliveryAdapter, DeliveryOrder, DeliveryPlan, DeliveryStatus } from '../contract';
import { DeliveryError } from '../delivery-error';
import { checkOrder, checkOrderId } from '../order';
import { startOperation, type OperationContext } from '../operation';
import { redactDeep, redactor } from '../redact';
import { serializer } from '../serializer';
import { uiLineHandler } from './json-events';
import { ensureInit, orderDir, PLAN_FILE, readPlan, readState, terraform, writeConfiguration, type TerraformTemplate, type TerraformTool } from './workspace';

/** Options of the {@link terraformAdapter}. */
export interface TerraformAdapterOptions {
  /** Where each order gets its directory (configuration, saved plan, local state). */
  readonly stateDir: string;
  /**
   * The configurations this provider delivers, by name; an order's `template` parameter picks
   * one. Every other order parameter becomes a Terraform variable, and `var.mpli_operation` holds
   * the order id for tags and labels.
   */
  readonly templates: Readonly<Record<string, TerraformTemplate>>;
  /** `terraform` (default) or `tofu`: the two speak the same CLI and JSON. */
  readonly binary?: string;
  /** Gives the environment the tool runs with: provider credentials, `TF_VAR_` secrets. */
  readonly credentials?: CredentialsCallback;
  /** Per tool run. Default 10 minutes. */
  readonly timeoutMs?: number;
}

/**
 * A delivery adapter over Terraform or OpenTofu: writes each order's configuration as
 * `.tf.json`, plans with `-detailed-exitcode` into a saved plan, applies that plan with `-json`
 * (its machine-readable stream becomes delivery events), and keeps a local state per order. A
 * repeated apply finds no changes and creates nothing; a failed or cancelled apply destroys what
 * it created (`-target`ed to those resources).
 *
 * @example
 * const adapter = terraformAdapter({ stateDir: '/var/lib/mpli/terraform', templates: { vm: vmTemplate } });
 * const operation = adapter.apply(order);
 * for await (const event of operation.events) console.log(event.type);
 */
export function terraformAdapter(options: TerraformAdapterOptions): DeliveryAdapter {
  const binary = options.binary ?? 'terraform';
  const name = binary === 'tofu' ? 'opentofu' : 'terraform';
  // Neither is in Debian's archive (Terraform's licence is not free; OpenTofu is not packaged).
  const installHint = binary === 'tofu' ? 'Debian has no package for it: install OpenTofu from https://opentofu.org/docs/intro/install/' : 'Debian has no package for it: install Terraform from https://developer.hashicorp.com/terraform/install';
  const serialized = serializer();

  const session = async (orderId: string, purpose: 'plan' | 'apply' | 'status' | 'destroy') => {
    const env = { ...(await options.credentials?.({ adapter: name, orderId, purpose })) };
    const tool: TerraformTool = { binary, timeoutMs: options.timeoutMs ?? 600_000, redact: redactor(Object.values(env)), installHint };
    return { env, tool, dir: orderDir(options.stateDir, orderId) };
  };

  const templateFor = (order: DeliveryOrder): TerraformTemplate => {
    const chosen = order.parameters.template;
    const template = typeof chosen === 'string' ? options.templates[chosen] : undefined;
    if (!template) throw new DeliveryError('BAD_ORDER', `Malformed order: the "template" parameter must name one of this provider's Terraform templates (${Object.keys(options.templates).join(', ')}), not ${JSON.stringify(chosen)}.`);
    return template;
  };

  /** Writes the configuration and saves a plan; true when it has changes. */
  const prepare = async (order: DeliveryOrder, s: Awaited<ReturnType<typeof session>>, signal?: AbortSignal) => {
    await writeConfiguration(s.dir, templateFor(order), order);
    await ensureInit(s.tool, s.dir, s.env, signal);
    const planned = await terraform(s.tool, s.dir, ['plan', '-input=false', '-no-color', '-detailed-exitcode', `-out=${PLAN_FILE}`], { env: s.env, okCodes: [0, 2], ...(signal ? { signal } : {}) });
    return planned.code === 2;
  };

  const destroyTargets = async (s: Awaited<ReturnType<typeof session>>, context: OperationContext, targets?: readonly string[]) => {
    const args = ['destroy', '-auto-approve', '-input=false', '-no-color', '-json', ...(targets ?? []).map((t) => `-target=${t}`)];
    await terraform(s.tool, s.dir, args, { env: s.env, signal: context.signal, onLine: uiLineHandler(context) });
  };

  return {
    name,
    capabilities: { plan: true, cancel: true, export: false, import: false },

    async plan(input) {
      const order = checkOrder(input, name);
      return serialized(order.id, async (): Promise<DeliveryPlan> => {
        const s = await session(order.id, 'plan');
        await prepare(order, s);
        const changes = await readPlan(s.tool, s.dir, s.env);
        // Terraform's own wording: a replacement counts as one to add and one to destroy.
        const count = (...actions: string[]) => changes.filter((c) => actions.includes(c.action)).length;
        return { orderId: order.id, adapter: name, changes, summary: `${count('create', 'replace')} to add, ${count('update')} to change, ${count('delete', 'replace')} to destroy` };
      });
    },

    apply(input) {
      const order = checkOrder(input, name);
      templateFor(order);
      let s: Awaited<ReturnType<typeof session>>;
      let before = new Set<string>();
      return startOperation({
        id: order.id,
        action: 'apply',
        redact: (text) => s?.tool.redact(text) ?? text,
        run: (context) =>
          serialized(order.id, async () => {
            s = await session(order.id, 'apply');
            before = new Set((await readState(s.tool, s.dir, order.id, s.env)).resources.map((r) => r.resource));
            if (await prepare(order, s, context.signal)) {
              await terraform(s.tool, s.dir, ['apply', '-auto-approve', '-input=false', '-no-color', '-json', PLAN_FILE], { env: s.env, signal: context.signal, onLine: uiLineHandler(context) });
            } else {
              context.emit({ type: 'progress', message: 'already delivered: no changes' });
            }
            return readState(s.tool, s.dir, order.id, s.env);
          }),
        compensate: async (context) => {
          if (!s) return [];
          const created = (await readState(s.tool, s.dir, order.id, s.env)).resources.filter((r) => !before.has(r.resource));
          if (created.length > 0) await destroyTargets(s, context, created.map((r) => r.resource));
          const left = (await readState(s.tool, s.dir, order.id, s.env)).resources;
          return left.filter((r: DeliveredResource) => !before.has(r.resource));
        },
      });
    },

    async status(orderId): Promise<DeliveryStatus> {
      const s = await session(checkOrderId(orderId), 'status');
      const { resources, outputs } = await readState(s.tool, s.dir, orderId, s.env);
      return redactDeep({ orderId, state: resources.length > 0 ? 'ready' : 'absent', resources, outputs }, s.tool.redact);
    },

    destroy(orderId) {
      checkOrderId(orderId);
      let s: Awaited<ReturnType<typeof session>>;
      return startOperation({
        id: orderId,
        action: 'destroy',
        redact: (text) => s?.tool.redact(text) ?? text,
        run: (context) =>
          serialized(orderId, async () => {
            s = await session(orderId, 'destroy');
            const { resources } = await readState(s.tool, s.dir, orderId, s.env);
            if (resources.length > 0) await destroyTargets(s, context);
            const left = await readState(s.tool, s.dir, orderId, s.env);
            if (left.resources.length > 0) throw new DeliveryError('TOOL_FAILED', `${left.resources.length} resource(s) remain after destroy: ${left.resources.map((r) => r.resource).join(', ')}`);
            await rm(s.dir, { recursive: true, force: true });
            return { resources: [], outputs: {} };
          }),
      });
    },

    async dispose() {
      await serialized.idle();
    },
  };
}
