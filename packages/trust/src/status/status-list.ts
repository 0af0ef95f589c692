import { createCredential, createList, decodeList, type BitstringStatusList } from '@digitalbazaar/vc-bitstring-status-list';
import { MpliError } from '@mpli/core';
import { credentialDateTime } from '../credentials/date-time';
import { issueCredential } from '../credentials/issue-credential';
import type { SigningKey } from '../keys/signing-key';

/** What a status bit means: revoked for good, or suspended until cleared. */
export type StatusPurpose = 'revocation' | 'suspension';

/** The smallest list the W3C Bitstring Status List allows: 16 KiB of bits, for herd privacy. */
export const MIN_STATUS_LIST_LENGTH = 131_072;

/** The `credentialStatus` entry a credential carries to point at its bit. */
export interface StatusEntry {
  readonly id: string;
  readonly type: 'BitstringStatusListEntry';
  readonly statusPurpose: StatusPurpose;
  readonly statusListIndex: string;
  readonly statusListCredential: string;
}

/**
 * An issuer's W3C Bitstring Status List: one bit per credential issued, set to revoke (or
 * suspend). Publish it with `issueStatusListCredential` at its URL; verifiers fetch and cache it.
 *
 * @example
 * const list = await StatusList.create('https://auditor.example/status/1');
 * const credential = { ...draft, credentialStatus: list.entry(94567) };
 * list.set(94567, true); // revoke
 * const published = await list.issueCredential(auditorKey);
 */
export class StatusList {
  private constructor(readonly url: string, readonly purpose: StatusPurpose, private readonly bits: BitstringStatusList) {}

  /** A new list with every bit clear. */
  static async create(url: string, options: { purpose?: StatusPurpose; length?: number } = {}): Promise<StatusList> {
    const length = options.length ?? MIN_STATUS_LIST_LENGTH;
    if (length < MIN_STATUS_LIST_LENGTH || length % 8 !== 0) throw new TypeError(`A status list has at least ${MIN_STATUS_LIST_LENGTH} bits, a multiple of 8`);
    return new StatusList(url, options.purpose ?? 'revocation', await createList({ length }));
  }

  /** A list from its encoded form (`encodedList` of a published status list credential). */
  static async decode(url: string, encodedList: string, purpose: StatusPurpose = 'revocation'): Promise<StatusList> {
    try {
      return new StatusList(url, purpose, await decodeList({ encodedList }));
    } catch (error) {
      throw new MpliError('INVALID_INPUT', `The status list ${url} does not decode: ${(error as Error).message}`, { cause: error });
    }
  }

  get length(): number {
    return this.bits.length;
  }

  /** The `credentialStatus` entry for the credential given bit `index`. */
  entry(index: number): StatusEntry {
    this.assertIndex(index);
    return { id: `${this.url}#${index}`, type: 'BitstringStatusListEntry', statusPurpose: this.purpose, statusListIndex: String(index), statusListCredential: this.url };
  }

  /** Sets (revokes, suspends) or clears the bit at `index`. */
  set(index: number, status: boolean): void {
    this.assertIndex(index);
    this.bits.setStatus(index, status);
  }

  /** Whether the bit at `index` is set. */
  get(index: number): boolean {
    this.assertIndex(index);
    return this.bits.getStatus(index);
  }

  /** The GZIP-compressed, multibase base64url form the credential publishes. */
  encode(): Promise<string> {
    return this.bits.encode();
  }

  /** The signed BitstringStatusListCredential to publish at `url`. */
  async issueCredential(key: SigningKey, options: { now?: Date; validUntil?: string } = {}): Promise<Record<string, unknown>> {
    const draft = await createCredential({ id: this.url, list: this.bits, statusPurpose: this.purpose });
    const now = options.now ?? new Date();
    return issueCredential({ ...draft, issuer: key.controller, validFrom: credentialDateTime(now), ...(options.validUntil ? { validUntil: options.validUntil } : {}) }, key, { now });
  }

  private assertIndex(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.bits.length) throw new RangeError(`Status index ${index} is outside the list (0 to ${this.bits.length - 1})`);
  }
}
