import type { KeyObject, X509Certificate } from 'node:crypto';
import { httpExchange, MpliError } from '@mpli/core';
import { exportJWK, importJWK, type JWK } from 'jose';
import type { Dispatcher } from 'undici';
import type { DidResolver } from '../did/did-resolver';
import { certificatesFromPem, certificatesFromX5c } from './x509-chain';

/** The JOSE algorithms MPLI verifies, with the key type each needs. */
export const JOSE_ALGORITHMS = { ES256: 'EC', PS256: 'RSA', EdDSA: 'OKP' } as const;
export type JoseAlgorithm = keyof typeof JOSE_ALGORITHMS;

/** The public key that signed a JWT, where it came from, and the certificates that bind it. */
export interface SigningKeyFound {
  readonly key: Awaited<ReturnType<typeof importJWK>> | KeyObject;
  /** The DID the key belongs to, when it came from a DID document. */
  readonly did?: string;
  /** The certificate chain (leaf first), from x5c or x5u. */
  readonly chain?: readonly X509Certificate[];
  readonly source: string;
}

/** How to find keys: DIDs and, for `x5u`, bounded HTTPS fetches. */
export interface KeyLookup {
  readonly didResolver: DidResolver;
  readonly dispatcher?: Dispatcher;
  readonly timeoutMs?: number;
}

/**
 * Finds the key of a JWT from its protected header: `kid` (a DID URL naming a JsonWebKey2020 or
 * Multikey method), or `x5c` (a certificate chain). A JWK's own `x5c` or `x5u` (as Gaia-X
 * publishes) supplies the chain; its leaf must hold the same key.
 */
export async function findSigningKey(header: Record<string, unknown>, alg: JoseAlgorithm, lookup: KeyLookup): Promise<SigningKeyFound> {
  if (typeof header.kid === 'string' && header.kid.startsWith('did:')) {
    const method = await lookup.didResolver.verificationMethod(header.kid);
    if (!method.publicKeyJwk) throw new MpliError('INVALID_INPUT', `${header.kid} has no publicKeyJwk`);
    const jwk = method.publicKeyJwk as JWK;
    const chain = header.x5c ? certificatesFromX5c(header.x5c) : jwk.x5c ? certificatesFromX5c(jwk.x5c) : typeof jwk.x5u === 'string' ? await fetchPemChain(jwk.x5u, lookup) : undefined;
    if (chain) await assertLeafHolds(chain[0]!, jwk);
    const { x5c: _x5c, x5u: _x5u, ...bare } = jwk as JWK & { x5u?: string };
    return { key: await importJWK(bare, alg), did: header.kid.split('#')[0]!, ...(chain ? { chain } : {}), source: `${header.kid}` };
  }
  if (header.x5c) {
    const chain = certificatesFromX5c(header.x5c);
    return { key: chain[0]!.publicKey, chain, source: 'the x5c certificate chain' };
  }
  throw new MpliError('INVALID_INPUT', 'the JWT names its key neither by kid (a DID URL) nor by x5c');
}

async function assertLeafHolds(leaf: X509Certificate, jwk: JWK): Promise<void> {
  const fromCertificate = await exportJWK(leaf.publicKey);
  const same = ['kty', 'crv', 'x', 'y', 'n', 'e'].every((field) => (fromCertificate as Record<string, unknown>)[field] === (jwk as Record<string, unknown>)[field]);
  if (!same) throw new MpliError('INVALID_INPUT', 'the certificate chain\'s leaf holds another key than the verification method');
}

async function fetchPemChain(url: string, lookup: KeyLookup): Promise<X509Certificate[]> {
  if (!url.startsWith('https://')) throw new MpliError('INVALID_INPUT', `x5u ${url} is not an https URL`);
  const exchange = await httpExchange(url, { timeoutMs: lookup.timeoutMs ?? 5_000, maxBytes: 256 * 1024, ...(lookup.dispatcher ? { dispatcher: lookup.dispatcher } : {}) });
  if (exchange.status !== 200) throw new MpliError('FETCH_FAILED', `x5u ${url} answered HTTP ${exchange.status}`);
  return certificatesFromPem(exchange.text);
}
