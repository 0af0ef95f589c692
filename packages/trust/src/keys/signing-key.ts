import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { MpliError } from '@mpli/core';

/**
 * A key that signs. The secret stays inside: `toJSON()` and `inspect` show only the public
 * half, so logging a key never leaks it. Export the secret deliberately with `exportSecret`.
 */
export interface SigningKey {
  /** The verification method: `did:key:z6Mk…#z6Mk…`, or a DID URL of the controller's document. */
  readonly id: string;
  /** The DID that controls the key (the issuer of what it signs). */
  readonly controller: string;
  readonly type: 'Multikey';
  readonly algorithm: 'Ed25519';
  readonly publicKeyMultibase: string;
  /** The Digital Bazaar signer shape the Data Integrity suites take. */
  signer(): Ed25519Multikey.Signer;
  toJSON(): PublicKeyDescription;
}

/** What a key shows publicly. */
export interface PublicKeyDescription {
  readonly id: string;
  readonly controller: string;
  readonly type: 'Multikey';
  readonly publicKeyMultibase: string;
}

/** A key file's content: the public key and the secret, for `mpli keygen` and backups. */
export interface ExportedSigningKey extends PublicKeyDescription {
  readonly secretKeyMultibase: string;
}

const secrets = new WeakMap<SigningKey, Ed25519Multikey.KeyPair>();

function wrap(pair: Ed25519Multikey.KeyPair, id: string, controller: string): SigningKey {
  const description: PublicKeyDescription = { id, controller, type: 'Multikey', publicKeyMultibase: pair.publicKeyMultibase };
  const key: SigningKey = {
    ...description,
    algorithm: 'Ed25519',
    signer: () => {
      const signer = pair.signer();
      signer.id = id;
      return signer;
    },
    toJSON: () => description,
  };
  Object.defineProperty(key, Symbol.for('nodejs.util.inspect.custom'), { value: () => `SigningKey ${id}`, enumerable: false });
  secrets.set(key, pair);
  return Object.freeze(key);
}

/**
 * A new Ed25519 key. Without a controller it is a did:key: the DID is derived from the public
 * key, so it needs no document anywhere.
 *
 * @example
 * const key = await generateSigningKey();
 * key.controller // 'did:key:z6Mk…'
 */
export async function generateSigningKey(options: { controller?: string; id?: string; seed?: Uint8Array } = {}): Promise<SigningKey> {
  const pair = await Ed25519Multikey.generate(options.seed ? { seed: options.seed } : {});
  const controller = options.controller ?? `did:key:${pair.publicKeyMultibase}`;
  return wrap(pair, options.id ?? `${controller}#${pair.publicKeyMultibase}`, controller);
}

/** A key from an exported key file. Throws `INVALID_INPUT` (without the secret) when it is malformed. */
export async function importSigningKey(exported: ExportedSigningKey): Promise<SigningKey> {
  let pair: Ed25519Multikey.KeyPair;
  try {
    pair = await Ed25519Multikey.from({ type: 'Multikey', publicKeyMultibase: exported.publicKeyMultibase, secretKeyMultibase: exported.secretKeyMultibase, controller: exported.controller, id: exported.id });
  } catch (error) {
    throw new MpliError('INVALID_INPUT', `Not a usable Ed25519 Multikey key file (${(error as Error).name})`);
  }
  // A secret that does not belong to the public key would sign what nobody can verify.
  const probe = new TextEncoder().encode('mpli key check');
  const signature = await pair.signer().sign({ data: probe }).catch(() => undefined);
  if (!signature || !(await pair.verifier().verify({ data: probe, signature }).catch(() => false))) {
    throw new MpliError('INVALID_INPUT', 'The key file\'s secret key does not match its public key');
  }
  return wrap(pair, exported.id, exported.controller);
}

/** The key with its secret, to write a key file (mode 0600) or a backup. */
export async function exportSecret(key: SigningKey): Promise<ExportedSigningKey> {
  const pair = secrets.get(key);
  if (!pair) throw new TypeError('Not a SigningKey made by @mpli/trust');
  const exported = await pair.export({ publicKey: true, secretKey: true });
  return { ...key.toJSON(), secretKeyMultibase: String(exported.secretKeyMultibase) };
}
