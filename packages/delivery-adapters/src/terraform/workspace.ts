import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeliveredResource, DeliveryOrder } from '../contract';
import { DeliveryError } from '../delivery-error';
import { runTool, type ToolRun } from '../run-tool';

/** A Terraform JSON configuration (the `.tf.json` syntax), or a function making one for an order. */
export type TerraformTemplate = Readonly<Record<string, unknown>> | ((order: DeliveryOrder) => Readonly<Record<string, unknown>>);

/** What running the binary in an order's directory needs. */
export interface TerraformTool {
  readonly binary: string;
  readonly installHint: string;
  readonly timeoutMs: number;
  readonly redact: (text: string) => string;
}

/** The directory of one order: its configuration, saved plan and local state. */
export function orderDir(stateDir: string, orderId: string): string {
  return join(stateDir, orderId);
}

const STATE = 'terraform.tfstate';
export const PLAN_FILE = 'mpli.tfplan';

async function writeAtomically(path: string, text: string): Promise<void> {
  await writeFile(`${path}.tmp`, text, { mode: 0o600 });
  await rename(`${path}.tmp`, path);
}

/**
 * Writes the order's configuration: the template, a variable for each order parameter not yet
 * declared, and `mpli_operation` (the order id, for templates to put in tags and labels). Values
 * go to `mpli.auto.tfvars.json`, so no parameter ever reaches a command line.
 */
export async function writeConfiguration(dir: string, template: TerraformTemplate, order: DeliveryOrder): Promise<void> {
  const config = structuredClone(typeof template === 'function' ? template(order) : template) as Record<string, unknown>;
  const variables = { ...(config.variable as Record<string, unknown> | undefined) };
  const values: Record<string, unknown> = { ...order.parameters, mpli_operation: order.id };
  delete values.template;
  for (const [name, value] of Object.entries(values)) {
    variables[name] ??= { type: typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'bool' : 'string' };
  }
  config.variable = variables;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeAtomically(join(dir, 'main.tf.json'), `${JSON.stringify(config, null, 2)}\n`);
  await writeAtomically(join(dir, 'mpli.auto.tfvars.json'), `${JSON.stringify(values, null, 2)}\n`);
}

/** Runs the binary in an order's directory, in automation mode, offline of any CLI config. */
export function terraform(tool: TerraformTool, dir: string, args: string[], extra: Partial<ToolRun> = {}) {
  return runTool({
    command: tool.binary,
    args,
    cwd: dir,
    env: { TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', TF_INPUT: '0', TF_CLI_CONFIG_FILE: '/dev/null', ...extra.env },
    timeoutMs: tool.timeoutMs,
    redact: tool.redact,
    installHint: tool.installHint,
    ...(extra.signal ? { signal: extra.signal } : {}),
    ...(extra.onLine ? { onLine: extra.onLine } : {}),
    ...(extra.okCodes ? { okCodes: extra.okCodes } : {}),
  });
}

/** `terraform init`, once per configuration (a marker keeps the hash of the last one). */
export async function ensureInit(tool: TerraformTool, dir: string, env: Record<string, string>, signal?: AbortSignal): Promise<void> {
  const config = await readFile(join(dir, 'main.tf.json'), 'utf8');
  const hash = createHash('sha256').update(config).digest('hex');
  const marker = join(dir, '.mpli-init');
  if (existsSync(marker) && (await readFile(marker, 'utf8')) === hash) return;
  await terraform(tool, dir, ['init', '-input=false', '-no-color'], { env, ...(signal ? { signal } : {}) });
  await writeFile(marker, hash);
}

interface StateModule {
  resources?: { address: string; mode?: string }[];
  child_modules?: StateModule[];
}

/** What the order's state holds now: managed resources and outputs (`terraform show -json`). */
export async function readState(tool: TerraformTool, dir: string, orderId: string, env: Record<string, string>): Promise<{ resources: DeliveredResource[]; outputs: Record<string, string> }> {
  if (!existsSync(join(dir, STATE))) return { resources: [], outputs: {} };
  const { stdout } = await terraform(tool, dir, ['show', '-json', '-no-color'], { env });
  let shown: { values?: { root_module?: StateModule; outputs?: Record<string, { value: unknown; sensitive?: boolean }> } };
  try {
    shown = JSON.parse(stdout) as typeof shown;
  } catch {
    throw new DeliveryError('TOOL_FAILED', `${tool.binary} show -json printed something that is not JSON`);
  }
  const resources: DeliveredResource[] = [];
  const walk = (module: StateModule | undefined) => {
    for (const r of module?.resources ?? []) if (r.mode !== 'data') resources.push({ resource: r.address, operation: orderId });
    for (const child of module?.child_modules ?? []) walk(child);
  };
  walk(shown.values?.root_module);
  const outputs = Object.fromEntries(
    Object.entries(shown.values?.outputs ?? {}).map(([name, o]) => [name, o.sensitive ? '[sensitive]' : typeof o.value === 'string' ? o.value : JSON.stringify(o.value)]),
  );
  return { resources, outputs };
}

interface ShownPlan {
  resource_changes?: { address: string; mode?: string; change: { actions: string[] } }[];
}

/** The changes of a saved plan (`terraform show -json <plan>`). */
export async function readPlan(tool: TerraformTool, dir: string, env: Record<string, string>): Promise<{ action: 'create' | 'update' | 'replace' | 'delete' | 'none'; resource: string }[]> {
  const { stdout } = await terraform(tool, dir, ['show', '-json', '-no-color', PLAN_FILE], { env });
  const plan = JSON.parse(stdout) as ShownPlan;
  return (plan.resource_changes ?? [])
    .filter((c) => c.mode !== 'data')
    .map((c) => {
      const a = c.change.actions;
      const action = a.includes('create') && a.includes('delete') ? 'replace' : a[0] === 'create' ? 'create' : a[0] === 'delete' ? 'delete' : a[0] === 'update' ? 'update' : 'none';
      return { action, resource: c.address };
    });
}
