import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { NodeReader, parseRdf, readOffering } from '@mpli/core';
import { checkOrder, DeliveryError, orderFor, type DeliveryOrder } from '@mpli/delivery-adapters';
import { EXIT, UsageError, type CliIo } from '../cli-io';
import { cancelOnSignal, eventLine, loadAdapters } from './delivery-setup';
import { parametersFrom } from './parameters';

export const DELIVER_HELP = `Usage: mpli deliver <order.json> [--plan] [--config <file>]
       mpli deliver --manifest <file> --offering <iri> --id <order id> [--param key=value]... [--plan]

Hands an order to the delivery adapter the offering names (Terraform/OpenTofu, Ansible, libvirt,
OpenStack, or another MPLI provider), as set up in the delivery configuration, and shows its
progress. A repeated order id delivers once. Ctrl-C cancels: what the order made is removed.

Options:
  --plan                  Show what would change, and change nothing
  --manifest <file>       Make the order from an offering of this manifest
  --offering <iri>        The offering (with --manifest)
  --id <id>               The order id (with --manifest): 1 to 64 of A-Z a-z 0-9 - _
  --param key=value       A parameter the offering does not fix (repeatable)
  --config <file>         The delivery configuration (default mpli-delivery.json)
  --json                  Print the result as JSON
  -h, --help              Show this help

Exit codes: 0 delivered (or planned); 1 failed or cancelled; 2 bad order or usage.
`;

const resolvePath = (io: CliIo, file: string) => (isAbsolute(file) ? file : join(io.cwd, file));

async function orderFromArgs(io: CliIo, positional: string | undefined, values: { manifest?: string; offering?: string; id?: string; param?: string[] }): Promise<DeliveryOrder> {
  if (positional) {
    const text = await readFile(resolvePath(io, positional), 'utf8').catch((error: Error) => {
      throw new UsageError(`cannot read the order ${positional}: ${error.message}`);
    });
    return checkOrder(JSON.parse(text));
  }
  if (!values.manifest || !values.offering || !values.id) throw new UsageError('mpli deliver needs an order file, or --manifest, --offering and --id');
  const { store } = await parseRdf(await readFile(resolvePath(io, values.manifest), 'utf8'), { source: values.manifest });
  const term = [...store.match({ termType: 'NamedNode', value: values.offering } as never)][0]?.subject;
  if (!term) throw new UsageError(`${values.manifest} has no offering ${values.offering}`);
  const parameters = parametersFrom(values.param);
  return orderFor(readOffering(new NodeReader(store, term)), { id: values.id, parameters });
}

export async function deliverCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: {
    plan: { type: 'boolean' }, manifest: { type: 'string' }, offering: { type: 'string' }, id: { type: 'string' }, param: { type: 'string', multiple: true },
    config: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
  } });
  if (values.help) return (io.stdout(DELIVER_HELP), EXIT.ok);
  try {
    const order = await orderFromArgs(io, positionals[0], values);
    const adapters = await loadAdapters(io, values.config);
    const adapter = adapters.find((a) => a.name === order.adapter);
    if (!adapter) throw new UsageError(`the order needs the "${order.adapter}" adapter, which the delivery configuration does not set up (it has ${adapters.map((a) => a.name).join(', ') || 'none'})`);
    try {
      if (values.plan) {
        const plan = await adapter.plan(order);
        io.stdout(values.json ? `${JSON.stringify(plan, null, 2)}\n` : `${plan.summary}\n${plan.changes.map((c) => `  ${c.action} ${c.resource}`).join('\n')}\n`);
        return EXIT.ok;
      }
      const operation = adapter.apply(order);
      const stop = cancelOnSignal(io, () => operation.cancel());
      for await (const event of operation.events) if (!values.json) io.stdout(`${eventLine(event)}\n`);
      stop();
      const result = await operation.result;
      if (values.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
      return result.status === 'succeeded' ? EXIT.ok : EXIT.invalid;
    } finally {
      await Promise.all(adapters.map((a) => a.dispose()));
    }
  } catch (error) {
    if (error instanceof DeliveryError && error.code === 'BAD_ORDER') throw new UsageError(error.message);
    if (error instanceof DeliveryError) return (io.stderr(`mpli deliver: ${error.message}\n`), EXIT.invalid);
    throw error;
  }
}
