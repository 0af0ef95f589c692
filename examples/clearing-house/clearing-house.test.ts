import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkShape, credentialGraph, createTrustDocumentLoader, manifestDigest, verifyCredential } from '@mpli/trust';
import { createClearingHouse } from './clearing-house';
import { housePolicy, LEVELS, makeParties, PROVIDER, providerCredentials, type Parties } from './scenario';

let server: Server;
let base = '';
let parties: Parties;
let credentials: Record<string, unknown>[];

beforeAll(async () => {
  parties = await makeParties();
  credentials = await providerCredentials(parties);
  server = createServer(createClearingHouse({ key: parties.house, policy: housePolicy(parties), levels: LEVELS, maxBodyBytes: 200_000 }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function post(body: unknown) {
  const response = await request(`${base}/labels`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.statusCode, json: (await response.body.json()) as Record<string, unknown> };
}

describe('the example clearing house', () => {
  it('labels a provider at the highest level its credentials earn, with a credential anyone can check', async () => {
    const { status, json } = await post({ subject: PROVIDER, credentials });
    expect(status).toBe(201);
    expect(json.level).toBe('LabelLevel1');
    const label = json.label as Record<string, unknown>;
    expect((await verifyCredential(label)).verified).toBe(true);
    expect((await checkShape(await credentialGraph(label))).ok).toBe(true);
    expect(label).toMatchObject({ issuer: parties.house.controller, credentialSubject: { id: PROVIDER, complianceLabel: { labelLevel: 'LabelLevel1', compliancePolicy: 'https://clearing.example/policies/2026' } } });
    // Valid no longer than the credentials it stands on, nor than 90 days.
    expect(Date.parse(String(label.validUntil))).toBeLessThanOrEqual(Date.now() + 90 * 86_400_000 + 1000);
    // The digest of every input, recomputable by anyone.
    const related = label.relatedResource as { id: string; digestMultibase: string }[];
    expect(related.map((r) => r.id)).toEqual(credentials.map((c) => c.id));
    const again = await manifestDigest(JSON.stringify(credentials[2]), { format: 'application/ld+json', documentLoader: createTrustDocumentLoader() });
    expect(related[2]!.digestMultibase).toBe(again.digestMultibase);
  });

  it('grants the standard level without the certificate, saying what level 1 still needs', async () => {
    const { status, json } = await post({ subject: PROVIDER, credentials: credentials.slice(0, 2) });
    expect(status).toBe(201);
    expect(json).toMatchObject({ level: 'LabelStandard', missingForNext: ['ISO/IEC 27001 certification'] });
  });

  it('refuses a label with every reason when nothing is earned, or the credentials are about someone else', async () => {
    const tampered = { ...credentials[0]!, validUntil: '2099-01-01T00:00:00Z' };
    const { status, json } = await post({ subject: PROVIDER, credentials: [tampered, credentials[1]] });
    expect(status).toBe(422);
    expect(json.missing).toEqual(['legal identity']);
    expect(JSON.stringify(json.failed)).toContain('proof: ');
    const elsewhere = await post({ subject: 'did:web:other.example', credentials });
    expect(elsewhere.status).toBe(422);
  });

  it('answers malformed and oversized requests with 400 and 413, and publishes its policy', async () => {
    expect((await post('{not json')).status).toBe(400);
    expect((await post({ credentials })).status).toBe(400);
    expect((await post({ subject: PROVIDER, credentials: ['x'.repeat(300_000)] })).status).toBe(413);
    const policy = await request(`${base}/policy`);
    expect(policy.statusCode).toBe(200);
    expect(await policy.body.json()).toMatchObject({ levels: LEVELS, issuer: parties.house.controller });
  });
});
