import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { Catalog, parseRdf, type RdfFormat } from '@mpli/core';
import { adaptersFromConfig, DeliveryError, type DeliveryAdapter, type DeliveryConfig, type DeliveryEvent } from '@mpli/delivery-adapters';
import { UsageError, type CliIo } from '../cli-io';

/** The default delivery configuration file, in the working directory. */
export const DEFAULT_DELIVERY_CONFIG = 'mpli-delivery.json';

/** Reads a delivery configuration and makes its adapters. */
export async function loadAdapters(io: CliIo, file = DEFAULT_DELIVERY_CONFIG): Promise<DeliveryAdapter[]> {
  const path = isAbsolute(file) ? file : join(io.cwd, file);
  let config: DeliveryConfig;
  try {
    config = JSON.parse(await readFile(path, 'utf8')) as DeliveryConfig;
  } catch (error) {
    throw new UsageError(`cannot read the delivery configuration ${file}: ${(error as Error).message}`);
  }
  try {
    return await adaptersFromConfig(config, dirname(path));
  } catch (error) {
    if (error instanceof DeliveryError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
}

/**
 * What a provider's endpoint needs to take orders: the adapters of its delivery configuration, and
 * a catalog holding its own manifest (orders name one of its offerings, which says the adapter).
 */
export async function providerDelivery(io: CliIo, configFile: string, manifest: { text: string; format?: RdfFormat; source: string }): Promise<{ adapters: DeliveryAdapter[]; catalog: Catalog }> {
  const adapters = await loadAdapters(io, configFile);
  const { store } = await parseRdf(manifest.text, { source: manifest.source, ...(manifest.format ? { format: manifest.format } : {}) });
  const catalog = new Catalog();
  catalog.addDataset(store, { source: manifest.source });
  return { adapters, catalog };
}

/** One line per event, for people: what was made, removed, and what the tool said. */
export function eventLine(event: DeliveryEvent): string {
  switch (event.type) {
    case 'started':
      return `▶ ${event.action} ${event.operation}`;
    case 'progress':
      return `  ${event.message}`;
    case 'resource-created':
      return `  + ${event.resource}`;
    case 'resource-removed':
      return `  - ${event.resource}`;
    case 'compensating':
      return `  ↺ undoing: ${event.reason}`;
    case 'completed':
      return `✔ done${Object.keys(event.outputs).length ? ` ${JSON.stringify(event.outputs)}` : ''}`;
    case 'failed':
      return `✖ failed: ${event.error}${event.leftovers.length ? `; left: ${event.leftovers.map((r) => r.resource).join(', ')}` : ''}`;
    case 'cancelled':
      return `⊘ cancelled${event.leftovers.length ? `; left: ${event.leftovers.map((r) => r.resource).join(', ')}` : ''}`;
  }
}

/** Cancels the operation on the command's abort signal or the process's SIGINT/SIGTERM. */
export function cancelOnSignal(io: CliIo, cancel: () => void): () => void {
  const onSignal = () => cancel();
  io.signal?.addEventListener('abort', onSignal, { once: true });
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return () => {
    io.signal?.removeEventListener('abort', onSignal);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}
