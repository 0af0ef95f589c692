/**
 * Stable error codes. Callers branch on `code`, never on messages.
 */
export type MpliErrorCode =
  | 'PARSE_ERROR'
  | 'INPUT_TOO_LARGE'
  | 'UNSUPPORTED_FORMAT'
  | 'REMOTE_CONTEXT_REFUSED'
  | 'READ_FAILED'
  | 'FETCH_FAILED'
  | 'MODEL_INCOMPLETE'
  | 'INVALID_INPUT'
  | 'UNKNOWN_UNIT'
  | 'INCOMPATIBLE_UNITS'
  | 'CATALOG_LIMIT'
  | 'INVALID_REQUIREMENTS'
  | 'UNKNOWN_CURRENCY'
  | 'DID_UNSUPPORTED'
  | 'DID_INVALID'
  | 'DID_RESOLUTION_FAILED'
  | 'SIGNING_FAILED'
  | 'INVALID_POLICY'
  | 'STATUS_UNAVAILABLE';

/** Options shared by every MPLI error. */
export interface MpliErrorOptions {
  readonly cause?: unknown;
  /** Machine-readable details for the error's code (never secrets). */
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * The root of every error MPLI throws on purpose. Misuse of an API (a wrong argument type) throws
 * a plain `TypeError` instead.
 *
 * @example
 * try { await parseRdf(text, { format: 'text/turtle' }) }
 * catch (error) { if (error instanceof MpliError && error.code === 'PARSE_ERROR') ... }
 */
export class MpliError extends Error {
  readonly code: MpliErrorCode;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(code: MpliErrorCode, message: string, options: MpliErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MpliError';
    this.code = code;
    this.details = options.details ?? {};
  }
}
