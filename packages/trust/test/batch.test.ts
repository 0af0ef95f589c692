import { afterAll, describe, expect, it } from 'vitest';
import { VerifierPool, verifyCredential, verifyCredentials } from '@mpli/trust';
import { certificate, keys, NOW } from './support/credentials';

const pool = new VerifierPool({ workers: 2, chunkSize: 7 });
afterAll(() => pool.close());

describe('batch verification on worker threads', () => {
  it('gives verifyCredential\'s verdicts, in input order', async () => {
    const k = await keys('a', 'b');
    const credentials: Record<string, unknown>[] = [];
    for (let i = 0; i < 40; i += 1) credentials.push(await certificate(i % 2 ? k.a : k.b, `did:web:p${i}.example`));
    credentials[13] = { ...credentials[13]!, credentialSubject: { id: 'did:web:evil.example' } };
    credentials[29] = { ...credentials[29]!, validUntil: '2026-02-01T00:00:00Z' };
    const batch = await pool.verify(credentials, { now: NOW });
    const single = await Promise.all(credentials.map((c) => verifyCredential(c, { now: NOW })));
    expect(batch.map((r) => r.errors)).toEqual(single.map((r) => r.errors));
    expect(batch.map((r, i) => (r.verified ? -1 : i)).filter((i) => i >= 0)).toEqual([13, 29]);
  });

  it('verifies a one-off batch and stops its workers', async () => {
    const k = await keys('a');
    const results = await verifyCredentials([await certificate(k.a, 'did:web:x.example'), 'not-a-jwt'], { workers: 1, now: NOW });
    expect(results.map((r) => r.verified)).toEqual([true, false]);
    expect(results[1]!.checks[0]).toMatchObject({ name: 'form', ok: false });
  });
});
