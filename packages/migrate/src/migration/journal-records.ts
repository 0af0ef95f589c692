import type { VmDescription } from '@mpli/delivery-adapters';
import type { DiskFormat } from '../disk/qemu-img';

/** What a migration's journal holds, one record per completed step (or stretch of a step). */
export type MigrationRecord =
  | { readonly type: 'begin'; readonly id: string; readonly source: string; readonly target: string }
  | { readonly type: 'exported'; readonly vm: VmDescription; readonly wasRunning: boolean }
  | { readonly type: 'staged-bytes'; readonly disk: string; readonly offset: number }
  | { readonly type: 'staged'; readonly disk: string; readonly path: string; readonly format: DiskFormat; readonly digest: string }
  | { readonly type: 'transferred'; readonly disk: string; readonly path: string; readonly sentBytes: number }
  | { readonly type: 'converted'; readonly disk: string; readonly path: string; readonly format: DiskFormat }
  | { readonly type: 'import-started' }
  /** The import failed and removed all it had made (its own compensation). */
  | { readonly type: 'import-undone' }
  | { readonly type: 'imported'; readonly outputs: Readonly<Record<string, string>> }
  | { readonly type: 'verified' }
  | { readonly type: 'cut-over' }
  | { readonly type: 'rolled-back'; readonly error: string };

/** The last record of a type (for a disk, when given). */
export function lastRecord<T extends MigrationRecord['type']>(records: readonly MigrationRecord[], type: T, disk?: string): Extract<MigrationRecord, { type: T }> | undefined {
  for (let i = records.length - 1; i >= 0; i -= 1) {
    const record = records[i]!;
    if (record.type === type && (disk === undefined || (record as { disk?: string }).disk === disk)) return record as Extract<MigrationRecord, { type: T }>;
  }
  return undefined;
}
