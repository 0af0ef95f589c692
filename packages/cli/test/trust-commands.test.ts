import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '@mpli/cli';
import { captureIo, REPO_ROOT } from './capture-io';

const SUBJECT = { id: 'did:web:scaldis.example', certification: { type: 'Certification', scheme: 'ISO27001', certificationScope: 'IaaS, Gent and Liège' } };

/** A scratch folder with a key (for `name`) made by mpli keygen; returns what the commands printed. */
async function setup(...names: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'mpli-trust-cli-'));
  const printed: string[] = [];
  const dids: Record<string, string> = {};
  for (const name of names) {
    const io = captureIo(dir);
    expect(await main(['keygen', '--out', `${name}.key.json`], io)).toBe(0);
    printed.push(io.out(), io.err());
    dids[name] = (JSON.parse(io.out()) as { controller: string }).controller;
  }
  const run = async (...args: string[]) => {
    const io = captureIo(dir);
    const code = await main(args, io);
    printed.push(io.out(), io.err());
    return { code, out: io.out(), err: io.err() };
  };
  const secrets = () => names.map((name) => (JSON.parse(readFileSync(join(dir, `${name}.key.json`), 'utf8')) as { secretKeyMultibase: string }).secretKeyMultibase);
  return { dir, run, dids, printed, secrets };
}

describe('mpli keygen', () => {
  it('writes the key for its owner only, prints the public half, and never overwrites by accident', async () => {
    const { dir, run, dids, printed, secrets } = await setup('auditor');
    expect(statSync(join(dir, 'auditor.key.json')).mode & 0o777).toBe(0o600);
    expect(dids.auditor).toMatch(/^did:key:z6Mk/);
    expect((await run('keygen', '--out', 'auditor.key.json')).code).toBe(2);
    expect((await run('keygen')).err).toContain('never printed');
    expect(printed.join('')).not.toContain(secrets()[0]);
  });
});

describe('mpli issue, sign and verify', () => {
  it('issue a credential that verifies; a tampered one fails on its proof: exit 1', async () => {
    const { dir, run, printed, secrets } = await setup('auditor');
    writeFileSync(join(dir, 'subject.json'), JSON.stringify(SUBJECT));
    const issued = await run('issue', '-k', 'auditor.key.json', '-t', 'CertificationCredential', '-s', 'subject.json', '--valid-until', '2028-03-31T23:59:59Z', '-o', 'cert.json');
    expect(issued.code).toBe(0);
    const verified = await run('verify', '--offline', 'cert.json');
    expect(verified.code).toBe(0);
    expect(verified.out).toMatch(/^✔ cert\.json {2}\(credential\)/);
    const credential = JSON.parse(readFileSync(join(dir, 'cert.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(dir, 'tampered.json'), JSON.stringify({ ...credential, validUntil: '2099-01-01T00:00:00Z' }));
    const tampered = await run('verify', '--offline', '--json', 'tampered.json');
    expect(tampered.code).toBe(1);
    expect(JSON.parse(tampered.out)).toMatchObject({ verified: false, results: [{ source: 'tampered.json', kind: 'credential', errors: [expect.stringMatching(/^proof: /)] }] });
    expect(printed.join('')).not.toContain(secrets()[0]);
  });

  it('refuse to issue what breaks the type\'s shape (exit 1), and a key file others can read (exit 2)', async () => {
    const { dir, run } = await setup('auditor');
    writeFileSync(join(dir, 'subject.json'), JSON.stringify({ id: 'did:web:x.example', certification: { type: 'Certification', scheme: 'ISO27001' } }));
    const broken = await run('issue', '-k', 'auditor.key.json', '-t', 'CertificationCredential', '-s', 'subject.json', '--valid-until', '2028-03-31T23:59:59Z');
    expect(broken.code).toBe(1);
    expect(broken.err).toContain('[mplish:CertificationCredential-subject]');
    chmodSync(join(dir, 'auditor.key.json'), 0o644);
    const open = await run('issue', '-k', 'auditor.key.json', '-t', 'CertificationCredential', '-s', 'subject.json');
    expect(open.code).toBe(2);
    expect(open.err).toContain('chmod 600');
  });

  it('sign a manifest with a detached signature that verifies until the manifest changes', async () => {
    const { dir, run, dids } = await setup('provider');
    const manifest = readFileSync(join(REPO_ROOT, 'examples/manifests/scaldis-cloud.ttl'), 'utf8').replace('<did:web:scaldis.example>', `<${dids.provider!}>`);
    writeFileSync(join(dir, 'manifest.ttl'), manifest);
    expect((await run('sign', 'manifest.ttl', '-k', 'provider.key.json', '-o', 'manifest.sig.json')).code).toBe(0);
    const ok = await run('verify', '--offline', 'manifest.ttl', '--signature', 'manifest.sig.json');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('✔ digest: the manifest is the one signed');
    writeFileSync(join(dir, 'manifest.ttl'), manifest.replace('"0.021"^^xsd:decimal', '"0.019"^^xsd:decimal'));
    const changed = await run('verify', '--offline', 'manifest.ttl', '--signature', 'manifest.sig.json');
    expect(changed.code).toBe(1);
    expect(changed.out).toContain('✖ digest:');
    expect((await run('verify', '--offline', 'manifest.ttl')).code).toBe(2);
  });

  it('sign and verify a presentation for a challenge; another challenge fails: exit 1', async () => {
    const { dir, run } = await setup('notary', 'consumer');
    writeFileSync(join(dir, 'subject.json'), JSON.stringify({ id: 'did:web:hospital.example', name: 'AZ Sint-Lieven VZW', registrationNumber: { type: 'VatID', vatID: 'BE0412345679' }, headquartersAddress: { type: 'Address', countryCode: 'BE' } }));
    expect((await run('issue', '-k', 'notary.key.json', '-t', 'LegalIdentityCredential', '-s', 'subject.json', '-o', 'identity.json')).code).toBe(0);
    const credential = readFileSync(join(dir, 'identity.json'), 'utf8');
    writeFileSync(join(dir, 'vp.json'), JSON.stringify({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'], verifiableCredential: [JSON.parse(credential)] }));
    expect((await run('sign', 'vp.json', '-k', 'consumer.key.json', '--challenge', 'c-42', '--domain', 'https://scaldis.example', '-o', 'signed-vp.json')).code).toBe(0);
    expect((await run('verify', '--offline', 'signed-vp.json', '--challenge', 'c-42', '--domain', 'https://scaldis.example')).code).toBe(0);
    const replay = await run('verify', '--offline', 'signed-vp.json', '--challenge', 'c-43');
    expect(replay.code).toBe(1);
    expect(replay.out).toContain('✖ challenge:');
    expect((await run('verify', '--offline', 'signed-vp.json')).code).toBe(2);
  });

  it('judge credentials under a trust policy, printing each chain of evidence', async () => {
    const { dir, run, dids } = await setup('belac', 'auditor');
    writeFileSync(join(dir, 'subject.json'), JSON.stringify(SUBJECT));
    writeFileSync(join(dir, 'accredited.json'), JSON.stringify({ id: dids.auditor, accreditedFor: ['ISO27001'] }));
    await run('issue', '-k', 'auditor.key.json', '-t', 'CertificationCredential', '-s', 'subject.json', '--valid-until', '2028-03-31T23:59:59Z', '-o', 'cert.json');
    await run('issue', '-k', 'belac.key.json', '-t', 'AccreditationCredential', '-s', 'accredited.json', '--valid-until', '2029-12-31T23:59:59Z', '-o', 'accreditation.json');
    writeFileSync(join(dir, 'policy.json'), JSON.stringify({
      id: 'https://hospital.example/policy', name: 'Hospital procurement',
      anchors: [{ name: 'belac', did: dids.belac }],
      rules: [{ claim: 'ISO/IEC 27001 certification', credentialType: 'mpli:CertificationCredential', issuers: { accreditedBy: ['belac'], accreditedFor: 'mpli:ISO27001' } }],
    }));
    const trusted = await run('verify', '--offline', '--policy', 'policy.json', 'cert.json', 'accreditation.json');
    expect(trusted.code).toBe(0);
    expect(trusted.out).toContain('✔ ISO/IEC 27001 certification: did:web:scaldis.example');
    expect(trusted.out).toContain('← anchor "belac" of the policy');
    const alone = await run('verify', '--offline', '--policy', 'policy.json', 'cert.json');
    expect(alone.code).toBe(1);
    expect(alone.out).toContain('holds no accreditation for mpli:ISO27001');
    writeFileSync(join(dir, 'bad-policy.json'), JSON.stringify({ id: 'x', anchors: [], rules: [{ claim: 'c', credentialType: 't', issuers: { anchors: ['nobody'] } }] }));
    const bad = await run('verify', '--offline', '--policy', 'bad-policy.json', 'cert.json');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('rules[0].issuers.anchors[0]: no anchor named "nobody"');
  });
});
