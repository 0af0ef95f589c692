import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStatusChecker, generateSigningKey, issueCredential, parseTrustPolicy, StatusList, verifyCredential, verifyWithPolicy, type SigningKey } from '@mpli/trust';
import { NOW } from './support/credentials';
import { jsonRoute, startRoutedHttps, type Route } from './support/https-server';

let server: Awaited<ReturnType<typeof startRoutedHttps>>;
let routes: Map<string, Route>;
const publish = (path: string, body: unknown, headers: Record<string, string> = {}) => routes.set(path, jsonRoute(body, 'application/vc+ld+json', headers));

beforeAll(async () => {
  server = await startRoutedHttps();
  routes = server.routes;
});
afterAll(() => server.close());

let counter = 0;
async function setting(purpose: 'revocation' | 'suspension' = 'revocation') {
  const notary = await generateSigningKey();
  const path = `/status/${++counter}`;
  const list = await StatusList.create(`${server.origin}${path}`, { purpose });
  const credential = await issueCredential({
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://w3id.org/mpli/context/v1'],
    id: `urn:uuid:7a1c2e3f-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    type: ['VerifiableCredential', 'LegalIdentityCredential'],
    issuer: notary.controller,
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: { id: 'did:web:scaldis.example', name: 'Scaldis Cloud NV', registrationNumber: { type: 'VatID', vatID: 'BE0123456789' }, headquartersAddress: { type: 'Address', countryCode: 'BE' } },
    credentialStatus: list.entry(94_567),
  }, notary, { now: NOW });
  const publishList = async (key: SigningKey = notary, headers: Record<string, string> = {}) => publish(path, await list.issueCredential(key, { now: NOW }), headers);
  await publishList();
  return { notary, list, credential, path, publishList };
}

const checker = (options: Parameters<typeof createStatusChecker>[0] = {}) => createStatusChecker({ dispatcher: server.dispatcher, timeoutMs: 1_000, ...options });
const statusCheck = (result: { checks: readonly { name: string; ok: boolean; message: string }[] }) => result.checks.find((c) => c.name === 'status');

describe('W3C Bitstring Status List', () => {
  it('encodes index 0 as the left-most bit of a GZIP-compressed, base64url multibase list of 16 KiB', async () => {
    const list = await StatusList.create('https://issuer.example/status/1');
    list.set(0, true);
    list.set(9, true);
    const encoded = await list.encode();
    expect(encoded[0]).toBe('u');
    const bytes = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
    expect(bytes.length).toBe(16_384);
    expect([bytes[0], bytes[1]]).toEqual([0b1000_0000, 0b0100_0000]);
    const again = await StatusList.decode(list.url, encoded);
    expect([again.get(0), again.get(1), again.get(9)]).toEqual([true, false, true]);
    expect(() => list.entry(131_072)).toThrow(RangeError);
    await expect(StatusList.create('https://x.example/s', { length: 1000 })).rejects.toThrow(TypeError);
  });

  it('a credential whose bit is clear passes; once revoked it fails with that reason', async () => {
    const { credential, list, publishList } = await setting();
    expect(statusCheck(await verifyCredential(credential, { now: NOW, status: checker() }))).toMatchObject({ ok: true, message: expect.stringContaining('revocation bit 94567') as string });
    list.set(94_567, true);
    await publishList();
    const result = await verifyCredential(credential, { now: NOW, status: checker() });
    expect(result.verified).toBe(false);
    expect(result.errors).toEqual([expect.stringMatching(/^status: revoked: bit 94567 of https:\/\/localhost:\d+\/status\/\d+ is set$/)]);
  });

  it('says suspended for a suspension list', async () => {
    const { credential, list, publishList } = await setting('suspension');
    list.set(94_567, true);
    await publishList();
    expect(statusCheck(await verifyCredential(credential, { now: NOW, status: checker() }))!.message).toMatch(/^suspended: /);
  });

  it('caches a list for its TTL, then fetches it again', async () => {
    let time = 0;
    const { credential, path } = await setting();
    const status = checker({ ttlMs: 60_000, clock: () => time });
    const fetches = () => server.requests.filter((url) => url === path).length;
    await verifyCredential(credential, { now: NOW, status });
    await verifyCredential(credential, { now: NOW, status });
    expect(fetches()).toBe(1);
    time += 61_000;
    await verifyCredential(credential, { now: NOW, status });
    expect(fetches()).toBe(2);
  });

  it('refuses a list signed by someone else, or tampered with', async () => {
    const { credential, publishList, path, list, notary } = await setting();
    await publishList(await generateSigningKey());
    expect(statusCheck(await verifyCredential(credential, { now: NOW, status: checker() }))!.message).toContain('not by the credential\'s issuer');
    // A man in the middle clears a revoked credential's bit.
    list.set(94_567, true);
    const signed = await list.issueCredential(notary, { now: NOW });
    publish(path, { ...signed, credentialSubject: { ...(signed.credentialSubject as object), encodedList: await (await StatusList.create(list.url)).encode() } });
    expect(statusCheck(await verifyCredential(credential, { now: NOW, status: checker() }))!.message).toMatch(/^the status list does not verify: proof: /);
  });

  it('fails, not crashes, when the list times out, is too large, or is missing', async () => {
    const { credential, path } = await setting();
    routes.set(path, () => undefined);
    expect(statusCheck(await verifyCredential(credential, { now: NOW, status: checker({ timeoutMs: 300 }) }))!.message).toContain('no answer within 300 ms');
    routes.set(path, (response) => response.writeHead(200).end('x'.repeat(2 * 1024 * 1024)));
    expect(statusCheck(await verifyCredential(credential, { now: NOW, status: checker() }))!.message).toContain('above the limit');
    routes.delete(path);
    expect(statusCheck(await verifyCredential(credential, { now: NOW, status: checker() }))!.message).toContain('HTTP 404');
  });

  it('without a checker, verifies and warns that status was not checked', async () => {
    const { credential } = await setting();
    const result = await verifyCredential(credential, { now: NOW });
    expect(result.verified).toBe(true);
    expect(result.warnings[0]).toContain('revocation was not checked');
  });

  it('lets a policy require status: established when checked, failed when revoked', async () => {
    const { credential, notary, list, publishList } = await setting();
    const policy = parseTrustPolicy({ id: 'urn:p', anchors: [{ name: 'notary', did: notary.controller }], rules: [{ claim: 'legal identity', credentialType: 'mpli:LegalIdentityCredential', issuers: { anchors: ['notary'] }, requireStatus: true }] });
    expect((await verifyWithPolicy([credential], policy, { now: NOW, status: checker() })).established).toHaveLength(1);
    list.set(94_567, true);
    await publishList();
    const outcome = await verifyWithPolicy([credential], policy, { now: NOW, status: checker() });
    expect(outcome.failed[0]!.reasons[0]).toMatch(/^status: revoked/);
  });
});
