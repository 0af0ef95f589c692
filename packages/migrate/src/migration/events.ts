/** The steps of a migration, in order. */
export type MigrationStep = 'export' | 'stage' | 'transfer' | 'convert' | 'import' | 'verify' | 'cutover' | 'rollback';

/** What a running migration reports. */
export type MigrationEvent =
  | { readonly type: 'step'; readonly step: MigrationStep; readonly message: string; readonly resumed?: boolean }
  | { readonly type: 'bytes'; readonly step: 'stage' | 'transfer'; readonly disk: string; readonly doneBytes: number; readonly totalBytes: number };

/** How a migration ended. */
export interface MigrationResult {
  readonly id: string;
  readonly status: 'migrated' | 'rolled-back';
  /** The source disks' digests, equal to what the target received. */
  readonly digests: Readonly<Record<string, string>>;
  /** Outputs of the target's delivery (domain, server, addresses). */
  readonly outputs: Readonly<Record<string, string>>;
  /** Why it rolled back. */
  readonly error?: string;
  /** Bytes of disk data sent by this run (resends included; less after a resume). */
  readonly sentBytes: number;
}
