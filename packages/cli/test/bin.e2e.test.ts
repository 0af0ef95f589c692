import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from './capture-io';

// Runs the built `mpli` binary as a user would: a real subprocess of the bundled dist/bin.js.
const BIN = join(REPO_ROOT, 'packages/cli/dist/bin.js');
const run = promisify(execFile);

async function mpli(args: string[], cwd = REPO_ROOT): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const server = createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/ld+json' });
  res.end(readFileSync(join(REPO_ROOT, 'examples/manifests/rheinwerk-cloud.jsonld')));
});
let url = '';

beforeAll(async () => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run pnpm build first (pnpm test:ci does)`);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/mpli`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the mpli binary', () => {
  it('validates every example manifest: exit 0', async () => {
    const result = await mpli(['validate', 'examples/manifests/scaldis-cloud.ttl', 'examples/manifests/rheinwerk-cloud.jsonld', 'examples/manifests/nuage-souverain.ttl', 'examples/manifests/requirements-hospital.ttl', 'examples/manifests/requirements-ai-startup.jsonld']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.match(/^✔ /gm)).toHaveLength(5);
  });

  it('validates a manifest served over HTTP', async () => {
    const result = await mpli(['validate', '--json', url]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ conforms: true, files: [{ source: url, summary: { provider: 'Rheinwerk Cloud GmbH' } }] });
  });

  it('exits 1 for a manifest that breaks a shape and 2 for a syntax error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mpli-bin-'));
    const text = readFileSync(join(REPO_ROOT, 'examples/manifests/scaldis-cloud.ttl'), 'utf8');
    writeFileSync(join(dir, 'invalid.ttl'), text.replace('schema:priceCurrency "EUR" ;\n        mpli:billingPeriod unit:HR', 'schema:priceCurrency "EURO" ;\n        mpli:billingPeriod unit:HR'));
    writeFileSync(join(dir, 'syntax.ttl'), text.replace('mpli:vcpu 2 ;', 'mpli:vcpu ] 2 ;'));
    const invalid = await mpli(['validate', 'invalid.ttl'], dir);
    expect(invalid.code).toBe(1);
    expect(invalid.stdout).toContain('[mplish:PriceSpecification-currencyKnown]');
    const syntax = await mpli(['validate', 'syntax.ttl'], dir);
    expect(syntax.code).toBe(2);
    const line = text.split('\n').findIndex((l) => l.includes('mpli:vcpu 2 ;')) + 1;
    expect(syntax.stdout).toMatch(new RegExp(`syntax\\.ttl:${line}:\\d+: `));
  });

  it('writes a starter manifest that validates', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mpli-bin-'));
    expect((await mpli(['init', 'provider'], dir)).code).toBe(0);
    expect((await mpli(['validate', 'provider.ttl'], dir)).code).toBe(0);
  });

  it('makes a key, issues a credential and verifies it, never printing the secret', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mpli-bin-'));
    const keygen = await mpli(['keygen', '--out', 'notary.key.json'], dir);
    expect(keygen.code).toBe(0);
    const secret = (JSON.parse(readFileSync(join(dir, 'notary.key.json'), 'utf8')) as { secretKeyMultibase: string }).secretKeyMultibase;
    writeFileSync(join(dir, 'subject.json'), JSON.stringify({ id: 'did:web:hospital.example', name: 'AZ Sint-Lieven VZW', registrationNumber: { type: 'VatID', vatID: 'BE0412345679' }, headquartersAddress: { type: 'Address', countryCode: 'BE' } }));
    const issue = await mpli(['issue', '-k', 'notary.key.json', '-t', 'LegalIdentityCredential', '-s', 'subject.json', '-o', 'identity.json'], dir);
    expect(issue.code).toBe(0);
    const verify = await mpli(['verify', '--offline', 'identity.json'], dir);
    expect(verify.stdout).toContain('✔ identity.json  (credential)');
    expect(verify.code).toBe(0);
    for (const output of [keygen, issue, verify]) expect(`${output.stdout}${output.stderr}`).not.toContain(secret);
  });

  it('serves a manifest until SIGTERM, then exits 0', async () => {
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, [BIN, 'serve', '--manifest', 'examples/manifests/scaldis-cloud.ttl', '--port', '0'], { cwd: REPO_ROOT, env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => void (out += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no address in ${out}`)), 10_000);
      child.stdout.on('data', () => {
        const found = /at (http:\/\/127\.0\.0\.1:\d+\/\.well-known\/mpli)/.exec(out)?.[1];
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      });
    });
    const response = await fetch(url, { headers: { accept: 'application/n-quads' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/n-quads; charset=utf-8');
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('answers --version and --help', async () => {
    expect((await mpli(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect((await mpli(['--help'])).stdout).toContain('Usage: mpli <command>');
  });
});
