import type { KeyObject } from 'node:crypto';
import { CompactSign, compactVerify, decodeProtectedHeader } from 'jose';
import type { Dispatcher } from 'undici';
import { MpliError } from '@mpli/core';
import { DidResolver } from '../did/did-resolver';
import { issuerOf } from '../credentials/issuer-of';
import { checkValidity } from '../credentials/validity';
import { verification, type Check, type Verification } from '../credentials/verification-result';
import { checkChain } from './x509-chain';
import { findSigningKey, JOSE_ALGORITHMS, type JoseAlgorithm, type SigningKeyFound } from './jwt-keys';

/** The media type of a VC secured with JOSE (W3C VC-JOSE-COSE). */
export const VC_JWT_MEDIA_TYPE = 'application/vc+jwt';
// `vc+ld+json+jwt` is what Gaia-X Loire's first releases wrote in `typ`.
const ACCEPTED_TYP = ['vc+jwt', 'vc+ld+json+jwt'];

/** Options for {@link verifyJwtCredential}. */
export interface JwtVerifyOptions {
  readonly now?: Date;
  readonly didResolver?: DidResolver;
  /** Root certificates (PEM) that certificate chains (x5c, x5u) must end at. */
  readonly trustedRoots?: readonly string[];
  /** For x5u fetches. */
  readonly dispatcher?: Dispatcher;
  readonly timeoutMs?: number;
}

/** A JOSE-secured credential's verification, with the credential it carries (`credential`). */
export type JwtVerification = Verification;

/**
 * Verifies a VC secured as a compact JWS (`application/vc+jwt`, as Gaia-X Loire issues them),
 * with ES256, PS256 or EdDSA, the key named by `kid` (a DID URL) or carried in `x5c`, and the
 * certificate chain (x5c, or the JWK's x5u) checked against `trustedRoots`. Named checks: form,
 * cryptosuite, certificate (when there is a chain), validity, issuer, proof.
 *
 * @example
 * const result = await verifyJwtCredential(jwt, { didResolver, trustedRoots: [euRootPem] });
 * result.credential; // the credential the JWT secures
 */
export async function verifyJwtCredential(jwt: string, options: JwtVerifyOptions = {}): Promise<JwtVerification> {
  const now = options.now ?? new Date();
  let header: Record<string, unknown>;
  let credential: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(jwt) as Record<string, unknown>;
    const payload = jwt.split('.')[1];
    if (jwt.split('.').length !== 3 || !payload) throw new Error('not a compact JWS');
    credential = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch (error) {
    return verification([{ name: 'form', ok: false, message: `not a JOSE-secured credential: ${(error as Error).message}` }]);
  }
  const checks: Check[] = [formCheck(header, credential), algorithmCheck(header)];
  if (checks.some((check) => !check.ok)) return { ...verification(checks), credential };
  const alg = header.alg as JoseAlgorithm;
  let found: SigningKeyFound;
  try {
    found = await findSigningKey(header, alg, { didResolver: options.didResolver ?? new DidResolver(), ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
  } catch (error) {
    return { ...verification([...checks, { name: 'proof', ok: false, message: `cannot find the signing key: ${(error as Error).message}` }]), credential };
  }
  let x509Root: string | undefined;
  if (found.chain) {
    const chain = checkChain(found.chain, now, options.trustedRoots ?? []);
    checks.push({ name: 'certificate', ok: chain.ok, message: chain.message });
    x509Root = chain.root;
  }
  const dates = checkValidity(credential, now);
  const times = jwtTimes(credential, now);
  checks.push(dates.ok ? (times.ok ? dates : times) : dates, issuerCheck(credential, found), await signatureCheck(jwt, found, alg));
  return { ...verification(checks), credential, ...(x509Root ? { x509Root } : {}) };
}

function formCheck(header: Record<string, unknown>, credential: Record<string, unknown>): Check {
  if (typeof header.typ === 'string' && !ACCEPTED_TYP.includes(header.typ)) return { name: 'form', ok: false, message: `typ ${header.typ} is not vc+jwt` };
  const types = ([] as unknown[]).concat(credential.type ?? []);
  if (!types.includes('VerifiableCredential') || !credential.credentialSubject) return { name: 'form', ok: false, message: 'the payload is not a verifiable credential' };
  if ('proof' in credential) return { name: 'form', ok: false, message: 'the payload carries an embedded proof; a JOSE-secured credential is secured by its envelope only' };
  return { name: 'form', ok: true, message: `${String(header.typ ?? 'JWT')} carrying a credential` };
}

function algorithmCheck(header: Record<string, unknown>): Check {
  const alg = String(header.alg);
  return alg in JOSE_ALGORITHMS
    ? { name: 'cryptosuite', ok: true, message: `JOSE ${alg}` }
    : { name: 'cryptosuite', ok: false, message: `unsupported JOSE algorithm ${alg} (MPLI verifies ${Object.keys(JOSE_ALGORITHMS).join(', ')})` };
}

// JWT claims may sit beside the credential's own dates (VC-JOSE-COSE); both must hold.
function jwtTimes(credential: Record<string, unknown>, now: Date): Check {
  const seconds = now.getTime() / 1000;
  if (typeof credential.exp === 'number' && credential.exp < seconds) return { name: 'validity', ok: false, message: `the JWT expired (exp ${new Date(credential.exp * 1000).toISOString()})` };
  if (typeof credential.nbf === 'number' && credential.nbf > seconds) return { name: 'validity', ok: false, message: `the JWT is not valid before ${new Date(credential.nbf * 1000).toISOString()} (nbf)` };
  return { name: 'validity', ok: true, message: 'JWT time claims hold' };
}

function issuerCheck(credential: Record<string, unknown>, found: SigningKeyFound): Check {
  const issuer = issuerOf(credential);
  if (!issuer) return { name: 'issuer', ok: false, message: 'the credential names no issuer' };
  // VC-JOSE-COSE: JWT claims beside the credential must not contradict it.
  if (credential.iss !== undefined && credential.iss !== issuer) return { name: 'issuer', ok: false, message: `the JWT's iss ${String(credential.iss)} contradicts the issuer ${issuer}` };
  if (found.did) {
    return found.did === issuer ? { name: 'issuer', ok: true, message: `signed by a key of ${issuer}` } : { name: 'issuer', ok: false, message: `signed by ${found.did}, not by the issuer ${issuer}` };
  }
  // A key known only by its certificate: the certificate must name the issuer's host.
  const host = issuer.startsWith('did:web:') ? decodeURIComponent(issuer.split(':')[2] ?? '') : /^https:\/\/([^/]+)/.exec(issuer)?.[1];
  const leaf = found.chain?.[0];
  const names = (leaf?.subjectAltName ?? '').split(/,\s*/).map((entry) => entry.replace(/^DNS:/, ''));
  return host && names.includes(host.split(':')[0]!)
    ? { name: 'issuer', ok: true, message: `the certificate names ${host}, the issuer's host` }
    : { name: 'issuer', ok: false, message: `the certificate (${leaf?.subjectAltName ?? 'no subjectAltName'}) does not name the issuer ${issuer}` };
}

async function signatureCheck(jwt: string, found: SigningKeyFound, alg: JoseAlgorithm): Promise<Check> {
  try {
    await compactVerify(jwt, found.key, { algorithms: [alg] });
    return { name: 'proof', ok: true, message: `the ${alg} signature verifies with ${found.source}` };
  } catch (error) {
    return { name: 'proof', ok: false, message: `the ${alg} signature does not verify: ${(error as Error).message}` };
  }
}

/** Options for {@link signJwtCredential}. */
export interface JwtSignOptions {
  readonly alg: JoseAlgorithm;
  /** The DID URL of the verification method, when the issuer publishes its key in a DID document. */
  readonly kid?: string;
  /** The certificate chain, leaf first, as base64 DER, when the key is certified. */
  readonly x5c?: readonly string[];
}

/**
 * Secures a credential as `application/vc+jwt` (VC-JOSE-COSE): the credential is the payload,
 * signed with the private key, which never leaves the caller's KeyObject.
 */
export async function signJwtCredential(credential: Record<string, unknown>, privateKey: KeyObject, options: JwtSignOptions): Promise<string> {
  if ('proof' in credential) throw new MpliError('SIGNING_FAILED', 'A JOSE-secured credential carries no embedded proof');
  const header = { alg: options.alg, typ: 'vc+jwt', cty: 'vc', ...(options.kid ? { kid: options.kid } : {}), ...(options.x5c ? { x5c: [...options.x5c] } : {}) };
  try {
    return await new CompactSign(new TextEncoder().encode(JSON.stringify(credential))).setProtectedHeader(header).sign(privateKey);
  } catch (error) {
    throw new MpliError('SIGNING_FAILED', `Cannot sign the credential as ${options.alg}: ${(error as Error).message}`);
  }
}

/** Wraps a vc+jwt as an EnvelopedVerifiableCredential (VC 2.0), for presentations and JSON-LD holders. */
export function envelope(jwt: string): Record<string, unknown> {
  return { '@context': 'https://www.w3.org/ns/credentials/v2', id: `data:${VC_JWT_MEDIA_TYPE},${jwt}`, type: 'EnvelopedVerifiableCredential' };
}

/** The vc+jwt inside an EnvelopedVerifiableCredential, or undefined when it holds none. */
export function unenvelope(document: Record<string, unknown>): string | undefined {
  const types = ([] as unknown[]).concat(document.type ?? []);
  const id = document.id;
  if (!types.includes('EnvelopedVerifiableCredential') || typeof id !== 'string') return undefined;
  const prefix = `data:${VC_JWT_MEDIA_TYPE},`;
  return id.startsWith(prefix) ? id.slice(prefix.length) : undefined;
}
