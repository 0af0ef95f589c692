import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { expect } from 'vitest';
import type { DeliveryOperation, ExportedDisk } from '../contract';
import type { ConformanceCheck } from './checks';

async function finished(operation: DeliveryOperation) {
  for await (const _event of operation.events);
  return operation.result;
}

async function readAll(disk: ExportedDisk): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of disk.read()) chunks.push(chunk);
  return Buffer.concat(chunks);
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
      const disks: { id: string; path: string; format: ExportedDisk['format'] }[] = [];
      for (const disk of exported.disks) {
        const path = join(dir, `${disk.id}.${disk.format}`);
        await pipeline(Readable.from(disk.read()), createWriteStream(path));
        disks.push({ id: disk.id, path, format: disk.format });
      }
      // The import hands each disk as the target stored it to verifyStored, before the VM is ready;
      // a stored copy in the format it was given holds the same bytes.
      const checked: string[] = [];
      const verifyStored = async (stored: ExportedDisk) => {
        expect((await s.adapter.status(id('import'))).state).not.toBe('ready');
        const given = disks.find((d) => d.id === stored.id);
        expect(given, `verifyStored was handed an unknown disk ${stored.id}`).toBeDefined();
        if (stored.format === given!.format) expect((await readAll(stored)).equals(readFileSync(given!.path)), `the stored copy of ${stored.id} differs`).toBe(true);
        checked.push(stored.id);
      };
      const imported = await finished(s.adapter.import!({ order: s.importOrder(id('import')), vm: exported.vm, disks, verifyStored }));
      expect(imported.status, imported.error).toBe('succeeded');
      expect(checked.sort()).toEqual(disks.map((d) => d.id).sort());
      // A stored copy the check rejects fails the import, and the import removes what it made.
      const refused = await finished(s.adapter.import!({ order: s.importOrder(id('refused')), vm: exported.vm, disks, verifyStored: () => Promise.reject(new Error('the stored copy differs')) }));
      expect(refused.status).toBe('failed');
      expect(refused.error).toContain('the stored copy differs');
      expect((await s.adapter.status(id('refused'))).state).toBe('absent');
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
