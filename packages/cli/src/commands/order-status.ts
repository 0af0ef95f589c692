import { parseArgs } from 'node:util';
import { DeliveryError, type DeliveryAdapter } from '@mpli/delivery-adapters';
import { EXIT, UsageError, type CliIo } from '../cli-io';
import { cancelOnSignal, eventLine, loadAdapters } from './delivery-setup';

export const STATUS_HELP = `Usage: mpli status <order id> [--adapter <name>] [--config <file>] [--json]

Shows what an order has now, as the adapter that delivered it sees it: absent, ready or partial,
with its resources and outputs. Without --adapter, every configured adapter is asked.

Exit codes: 0 the order exists; 1 no adapter knows it; 2 usage error.
`;

export const DESTROY_HELP = `Usage: mpli destroy <order id> [--adapter <name>] [--config <file>] [--json]

Removes everything an order created, with progress. Destroying an absent order succeeds.

Exit codes: 0 removed; 1 something is left or the tool failed; 2 usage error.
`;

const OPTIONS = { adapter: { type: 'string' }, config: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

/** The adapter that holds an order: the one named, or the first that knows it. */
async function holder(adapters: DeliveryAdapter[], id: string, name?: string) {
  if (name) {
    const adapter = adapters.find((a) => a.name === name);
    if (!adapter) throw new UsageError(`the delivery configuration sets up no "${name}" adapter`);
    return { adapter, status: await adapter.status(id) };
  }
  for (const adapter of adapters) {
    const status = await adapter.status(id);
    if (status.state !== 'absent') return { adapter, status };
  }
  return undefined;
}

async function withAdapters<T>(io: CliIo, config: string | undefined, work: (adapters: DeliveryAdapter[]) => Promise<T>): Promise<T> {
  const adapters = await loadAdapters(io, config);
  try {
    return await work(adapters);
  } catch (error) {
    if (error instanceof DeliveryError && error.code === 'BAD_ORDER') throw new UsageError(error.message);
    throw error;
  } finally {
    await Promise.all(adapters.map((a) => a.dispose()));
  }
}

export async function statusCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: OPTIONS });
  if (values.help) return (io.stdout(STATUS_HELP), EXIT.ok);
  const id = positionals[0];
  if (!id) throw new UsageError('mpli status needs an order id');
  return withAdapters(io, values.config, async (adapters) => {
    const found = await holder(adapters, id, values.adapter);
    if (!found || found.status.state === 'absent') return (io.stdout(values.json ? `${JSON.stringify({ orderId: id, state: 'absent' })}\n` : `${id}: absent\n`), EXIT.invalid);
    const { adapter, status } = found;
    io.stdout(values.json ? `${JSON.stringify({ adapter: adapter.name, ...status }, null, 2)}\n` : [`${id}: ${status.state} (${adapter.name})`, ...status.resources.map((r) => `  ${r.resource}`), ...Object.entries(status.outputs).map(([k, v]) => `  ${k} = ${v}`)].join('\n') + '\n');
    return EXIT.ok;
  });
}

export async function destroyCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: OPTIONS });
  if (values.help) return (io.stdout(DESTROY_HELP), EXIT.ok);
  const id = positionals[0];
  if (!id) throw new UsageError('mpli destroy needs an order id');
  return withAdapters(io, values.config, async (adapters) => {
    const found = await holder(adapters, id, values.adapter);
    if (!found) return (io.stdout(`${id}: nothing to destroy\n`), EXIT.ok);
    const operation = found.adapter.destroy(id);
    const stop = cancelOnSignal(io, () => operation.cancel());
    for await (const event of operation.events) if (!values.json) io.stdout(`${eventLine(event)}\n`);
    stop();
    const result = await operation.result;
    if (values.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    return result.status === 'succeeded' ? EXIT.ok : EXIT.invalid;
  });
}
