/** Why a delivery failed, for programs; the message says it for people. */
export type DeliveryErrorCode =
  /** The order is malformed or names another adapter. */
  | 'BAD_ORDER'
  /** The tool the adapter drives is not installed. */
  | 'TOOL_MISSING'
  /** The tool ran and failed. */
  | 'TOOL_FAILED'
  | 'TIMEOUT'
  | 'CANCELLED'
  /** The credentials were refused. */
  | 'UNAUTHORIZED';

/** An error from a delivery adapter. Its message never holds a secret (see `redactor`). */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';

  constructor(
    readonly code: DeliveryErrorCode,
    message: string,
    /** For TOOL_MISSING: the Debian package that provides the tool. */
    readonly debianPackage?: string,
  ) {
    super(message);
  }
}
