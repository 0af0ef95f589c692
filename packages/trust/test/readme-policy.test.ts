import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTrustPolicy } from '@mpli/trust';
import { TestPki } from './support/certificates';

describe('the policy shown in the README', () => {
  it('loads, with its X.509 root read from the file it names', async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const json = /## Trust policies[\s\S]*?```json\n([\s\S]*?)\n```/.exec(readme)?.[1];
    expect(json).toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'mpli-policy-'));
    mkdirSync(join(dir, 'roots'));
    writeFileSync(join(dir, 'roots/eu-qtsp-root.pem'), new TestPki('EU').root.certificate);
    writeFileSync(join(dir, 'policy.json'), json!);
    const policy = await loadTrustPolicy(join(dir, 'policy.json'));
    expect(policy.rules.map((r) => r.claim)).toEqual(['ISO/IEC 27001 certification', 'legal identity', 'compliance label']);
    expect(policy.anchors[2]!.x509).toContain('-----BEGIN CERTIFICATE-----');
  });
});
