import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A certificate and its private key, PEM. */
export interface Issued {
  readonly certificate: string;
  readonly key: string;
}

export type KeyKind = 'ec' | 'rsa' | 'ed25519';

const keyArgs: Record<KeyKind, string[]> = {
  ec: ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'],
  rsa: ['-newkey', 'rsa:2048'],
  ed25519: ['-newkey', 'ed25519'],
};

/**
 * Certificates made by the real openssl: a root CA, an intermediate CA, and leaves. Test-only; the
 * keys live in a temporary folder.
 */
export class TestPki {
  private readonly dir = mkdtempSync(join(tmpdir(), 'mpli-pki-'));
  private serial = 1;
  readonly root: Issued;
  readonly intermediate: Issued;

  constructor(name = 'MPLI Test') {
    this.root = this.selfSigned(`${name} Root CA`);
    this.intermediate = this.issue(`${name} Intermediate CA`, this.root, { ca: true });
  }

  /** A certificate for `subject`, signed by `issuer`. */
  issue(subject: string, issuer: Issued, options: { ca?: boolean; kind?: KeyKind; san?: string; days?: number } = {}): Issued {
    const id = this.serial++;
    const [key, csr, cert, ext, caCert, caKey] = ['key.pem', 'csr.pem', 'cert.pem', 'ext.cnf', 'ca.pem', 'ca-key.pem'].map((f) => join(this.dir, `${id}-${f}`)) as [string, string, string, string, string, string];
    writeFileSync(caCert, issuer.certificate);
    writeFileSync(caKey, issuer.key, { mode: 0o600 });
    const extensions = options.ca
      ? 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n'
      : `basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n${options.san ? `subjectAltName=${options.san}\n` : ''}`;
    writeFileSync(ext, extensions);
    openssl(['req', '-new', ...keyArgs[options.kind ?? 'ec'], '-nodes', '-keyout', key, '-out', csr, '-subj', `/CN=${subject}/O=MPLI Tests`]);
    openssl(['x509', '-req', '-in', csr, '-CA', caCert, '-CAkey', caKey, '-set_serial', String(1000 + id), '-days', String(options.days ?? 30), '-extfile', ext, '-out', cert]);
    return { certificate: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') };
  }

  private selfSigned(subject: string): Issued {
    const key = join(this.dir, 'root-key.pem');
    const cert = join(this.dir, 'root.pem');
    openssl(['req', '-x509', ...keyArgs.ec, '-nodes', '-keyout', key, '-out', cert, '-days', '30', '-subj', `/CN=${subject}/O=MPLI Tests`,
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
    return { certificate: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') };
  }
}

function openssl(args: string[]): void {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
}
