import { createPublicKey, type KeyObject } from 'node:crypto';
import { decode as base58Decode } from 'base58-universal';
import type { DidResolver } from '../did/did-resolver';
import type { VerificationMethod } from '../did/did-document';

/** An Ed25519 public key ready for node:crypto, with the proof purposes its controller grants it. */
export interface VerificationKey {
  readonly key: KeyObject;
  readonly controller: string;
  readonly purposes: ReadonlySet<string>;
}

const PURPOSES = ['assertionMethod', 'authentication'] as const;

/**
 * Verification methods resolved once and kept: the DID document lookup, the multibase decoding
 * and the key import are done per key, not per credential. Entries expire after `ttlMs` (did:key
 * entries never change, but one cache serves every method).
 */
export class VerificationKeyCache {
  private readonly keys = new Map<string, { expires: number; key: Promise<VerificationKey> }>();

  constructor(private readonly resolver: DidResolver, private readonly ttlMs = 300_000, private readonly maxEntries = 10_000) {}

  get(methodId: string): Promise<VerificationKey> {
    const now = Date.now();
    const cached = this.keys.get(methodId);
    if (cached && cached.expires > now) return cached.key;
    const entry = { expires: now + this.ttlMs, key: this.load(methodId) };
    entry.key.catch(() => this.keys.delete(methodId));
    if (this.keys.size >= this.maxEntries) this.keys.delete(this.keys.keys().next().value as string);
    this.keys.set(methodId, entry);
    return entry.key;
  }

  private async load(methodId: string): Promise<VerificationKey> {
    const method = await this.resolver.verificationMethod(methodId);
    const document = await this.resolver.resolve(method.controller);
    const listed = (list: readonly (string | VerificationMethod)[] | undefined) =>
      (list ?? []).some((entry) => (typeof entry === 'string' ? entry : entry.id) === methodId || `${document.id}${typeof entry === 'string' ? entry : entry.id}` === methodId);
    const purposes = new Set(PURPOSES.filter((purpose) => listed(document[purpose])));
    return { key: ed25519Key(method), controller: method.controller, purposes };
  }
}

/** The Ed25519 public key of a Multikey, Ed25519VerificationKey2020 or OKP JsonWebKey2020 method. */
export function ed25519Key(method: VerificationMethod): KeyObject {
  if (method.publicKeyMultibase?.startsWith('z')) {
    const bytes = base58Decode(method.publicKeyMultibase.slice(1));
    // Multicodec ed25519-pub: 0xed 0x01, then 32 bytes.
    if (bytes.length !== 34 || bytes[0] !== 0xed || bytes[1] !== 0x01) throw new Error(`${method.id} is not an Ed25519 public key`);
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(bytes.subarray(2)).toString('base64url') }, format: 'jwk' });
  }
  const jwk = method.publicKeyJwk;
  if (jwk?.kty === 'OKP' && jwk.crv === 'Ed25519' && typeof jwk.x === 'string') return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: jwk.x }, format: 'jwk' });
  throw new Error(`${method.id} holds no Ed25519 public key`);
}
