import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeliveredResource, DeliveryOrder } from '../contract';

/**
 * What the adapter knows of an order (Ansible keeps no state of its own): written before a run
 * (`applying`), after it (`ready`), and kept as `partial` when a compensation left something.
 */
export interface OrderRecord {
  readonly state: 'applying' | 'ready' | 'partial';
  /** The order as applied: destroying it runs the same playbook with the same variables. */
  readonly order: DeliveryOrder;
  readonly resources: readonly DeliveredResource[];
  readonly outputs: Readonly<Record<string, string>>;
}

export const recordPath = (workDir: string, orderId: string) => join(workDir, orderId, 'record.json');

export async function readRecord(workDir: string, orderId: string): Promise<OrderRecord | undefined> {
  const path = recordPath(workDir, orderId);
  return existsSync(path) ? (JSON.parse(await readFile(path, 'utf8')) as OrderRecord) : undefined;
}

export async function writeRecord(workDir: string, orderId: string, record: OrderRecord): Promise<void> {
  const path = recordPath(workDir, orderId);
  await mkdir(join(workDir, orderId), { recursive: true, mode: 0o700 });
  await writeFile(`${path}.tmp`, JSON.stringify(record, null, 2), { mode: 0o600 });
  await rename(`${path}.tmp`, path);
}

export async function removeOrder(workDir: string, orderId: string): Promise<void> {
  await rm(join(workDir, orderId), { recursive: true, force: true });
}
