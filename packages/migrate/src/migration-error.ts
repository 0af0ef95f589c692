/** Why a migration step failed, for programs; the message says it for people. */
export type MigrationErrorCode =
  /** A disk or request that cannot be used as given. */
  | 'BAD_INPUT'
  /** A disk layout this version cannot read directly (compressed or encrypted clusters, a backing chain). */
  | 'UNSUPPORTED_DISK'
  /** Data arrived different from what was sent (a checksum mismatch), more often than retries allow. */
  | 'CORRUPTION'
  /** The other side could not be reached, or kept failing. */
  | 'TRANSFER_FAILED'
  /** The target has no room for the disk. */
  | 'DISK_FULL'
  /** The target refused the disk or the VM. */
  | 'TARGET_REFUSED'
  /** The journal on disk is unreadable or belongs to another migration. */
  | 'JOURNAL'
  | 'TIMEOUT'
  | 'CANCELLED';

/** An error from `@mpli/migrate`. Nothing is lost when one is thrown: the journal says where things stand. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';

  constructor(
    readonly code: MigrationErrorCode,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
  }
}
