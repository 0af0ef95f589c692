/** Why a charge, an invoice or a usage record does not follow from the agreements. */
export type FlagCode =
  | 'BAD_SIGNATURE'
  | 'MALFORMED'
  | 'DUPLICATE'
  | 'UNKNOWN_AGREEMENT'
  | 'AGREEMENT_NOT_IN_FORCE'
  | 'WRONG_SIGNER'
  | 'WRONG_CONSUMER'
  | 'CURRENCY_MISMATCH'
  | 'ABOVE_AGREED_PRICE'
  | 'WRONG_AMOUNT'
  | 'WRONG_TOTAL'
  | 'UNKNOWN_USAGE'
  | 'USAGE_MISMATCH'
  | 'INCOMPATIBLE_UNITS';

/** A flag on an invoice (or on one of its lines, numbered from 1), with its reason in words. */
export interface Flag {
  readonly code: FlagCode;
  readonly reason: string;
  readonly line?: number;
}
