import { X509Certificate } from 'node:crypto';
import { MpliError } from '@mpli/core';

/** The outcome of checking a certificate chain. */
export interface ChainCheck {
  readonly ok: boolean;
  readonly message: string;
  /** The SHA-256 fingerprint of the trusted root the chain ends at, when it does. */
  readonly root?: string;
}

/** Certificates from a JOSE `x5c` array: base64 (not base64url) DER, leaf first (RFC 7515 §4.1.6). */
export function certificatesFromX5c(x5c: unknown): X509Certificate[] {
  if (!Array.isArray(x5c) || x5c.length === 0 || !x5c.every((c) => typeof c === 'string')) {
    throw new MpliError('INVALID_INPUT', 'x5c must be a non-empty array of base64 DER certificates');
  }
  return x5c.map((der: string, i) => {
    try {
      return new X509Certificate(Buffer.from(der, 'base64'));
    } catch (error) {
      throw new MpliError('INVALID_INPUT', `x5c[${i}] is not an X.509 certificate`, { cause: error });
    }
  });
}

/** Certificates from a PEM text (an x5u document), in order, leaf first. */
export function certificatesFromPem(pem: string): X509Certificate[] {
  const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (!blocks.length) throw new MpliError('INVALID_INPUT', 'no PEM certificate found');
  return blocks.map((block) => new X509Certificate(block));
}

/**
 * Checks a chain, leaf first: every certificate valid at `now`, each signed by the next, every
 * issuer a CA, and the last one either a trusted root or issued by one. Without trusted roots, the
 * chain is checked for consistency and the verdict says it ends at no trusted root.
 */
export function checkChain(chain: readonly X509Certificate[], now: Date, trustedRoots: readonly string[]): ChainCheck {
  const at = now.getTime();
  for (const [i, certificate] of chain.entries()) {
    if (Date.parse(certificate.validFrom) > at || Date.parse(certificate.validTo) < at) {
      return { ok: false, message: `certificate ${i} (${subjectName(certificate)}) is not valid at ${now.toISOString()} (valid ${certificate.validFrom} to ${certificate.validTo})` };
    }
    const issuer = chain[i + 1];
    if (issuer && !(issuer.ca && certificate.checkIssued(issuer) && certificate.verify(issuer.publicKey))) {
      return { ok: false, message: `certificate ${i} (${subjectName(certificate)}) is not signed by certificate ${i + 1} (${subjectName(issuer)}), or that is not a CA` };
    }
  }
  const last = chain[chain.length - 1]!;
  const roots = trustedRoots.map((pem) => new X509Certificate(pem));
  const root = roots.find((candidate) => candidate.fingerprint256 === last.fingerprint256)
    ?? roots.find((candidate) => candidate.ca && last.checkIssued(candidate) && last.verify(candidate.publicKey) && Date.parse(candidate.validTo) >= at);
  if (!root) {
    return { ok: false, message: `the chain ends at ${issuerName(last)}, which is no trusted root${trustedRoots.length ? '' : ' (none was given)'}` };
  }
  return { ok: true, message: `chain of ${chain.length} certificate(s) to the trusted root ${subjectName(root)}`, root: root.fingerprint256 };
}

function subjectName(certificate: X509Certificate): string {
  return /CN=([^\n,]+)/.exec(certificate.subject)?.[1] ?? certificate.subject.replace(/\n/g, ', ');
}

function issuerName(certificate: X509Certificate): string {
  return /CN=([^\n,]+)/.exec(certificate.issuer)?.[1] ?? certificate.issuer.replace(/\n/g, ', ');
}
