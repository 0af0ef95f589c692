// A certificate authority and a server certificate for 127.0.0.1, made with the real openssl, for
// benchmarks that serve HTTPS on loopback (did:web is HTTPS only).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface LoopbackTls {
  readonly caFile: string;
  readonly certFile: string;
  readonly keyFile: string;
}

export function makeLoopbackTls(): LoopbackTls {
  const dir = mkdtempSync(join(tmpdir(), 'mpli-bench-tls-'));
  const file = (name: string) => join(dir, name);
  const openssl = (args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', file('ca-key.pem'), '-out', file('ca.pem'), '-days', '2', '-subj', '/CN=MPLI Bench CA', '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign']);
  openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', file('key.pem'), '-out', file('csr.pem'), '-subj', '/CN=127.0.0.1']);
  writeFileSync(file('ext.cnf'), 'basicConstraints=critical,CA:FALSE\nsubjectAltName=IP:127.0.0.1\n');
  openssl(['x509', '-req', '-in', file('csr.pem'), '-CA', file('ca.pem'), '-CAkey', file('ca-key.pem'), '-set_serial', '2', '-days', '2', '-extfile', file('ext.cnf'), '-out', file('cert.pem')]);
  return { caFile: file('ca.pem'), certFile: file('cert.pem'), keyFile: file('key.pem') };
}

export const readPem = (path: string): string => readFileSync(path, 'utf8');
