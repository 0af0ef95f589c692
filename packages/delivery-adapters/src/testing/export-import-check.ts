import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { expect } from 'vitest';
import type { DeliveryOperation } from '../contract';
import type { ConformanceCheck } from './checks';

async function finished(operation: DeliveryOperation) {
  for await (const _event of operation.events);
  return operation.result;
}

/**
 * For adapters that export and import: a delivered VM exported (stopped, described, its disks
 * read out whole) and imported as a new order keeps its configuration; `restore()` and destroy
 * leave nothing behind.
 */
export const exportImportCheck: ConformanceCheck = {
  name: 'exports a delivered VM and imports it as a new order with the same configuration',
  run: async (s, id) => {
    if (!s.adapter.capabilities.export || !s.adapter.capabilities.import) return 'skipped: the adapter neither exports nor imports';
    if (!s.importOrder) return 'skipped: no import order given';
    const dir = mkdtempSync(join(tmpdir(), 'mpli-conformance-export-'));
    try {
      expect((await finished(s.adapter.apply(s.order(id('export'))))).status).toBe('succeeded');
      const exported = await s.adapter.export!(id('export'));
      expect(exported.disks.length).toBeGreaterThan(0);
      expect(exported.vm.disks.map((d) => d.id)).toEqual(exported.disks.map((d) => d.id));
      const disks = [];
      for (const disk of exported.disks) {
        const path = join(dir, `${disk.id}.${disk.format}`);
        await pipeline(Readable.from(disk.read()), createWriteStream(path));
        disks.push({ id: disk.id, path, format: disk.format });
      }
      const imported = await finished(s.adapter.import!({ order: s.importOrder(id('import')), vm: exported.vm, disks }));
      expect(imported.status, imported.error).toBe('succeeded');
      expect(imported.resources.every((r) => r.operation === id('import'))).toBe(true);
      const again = await s.adapter.export!(id('import'), { stop: false });
      expect({ ...again.vm, name: exported.vm.name }).toEqual(exported.vm);
      await exported.restore();
      for (const order of [id('export'), id('import')]) expect((await finished(s.adapter.destroy(order))).status).toBe('succeeded');
      expect((await s.adapter.status(id('import'))).state).toBe('absent');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
