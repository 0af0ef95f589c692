import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey, signPresentation, type SigningKey } from '@mpli/trust';
import { createMpliServer } from '@mpli/server';

let server: Server;
let base = '';
let writer: SigningKey;

beforeAll(async () => {
  writer = await generateSigningKey();
  server = createServer(createMpliServer({ writers: [writer.controller], domain: 'https://market.example', crawl: { allowedAddresses: ['127.0.0.1'], allowUnsigned: true } }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function challenge(): Promise<{ challenge: string; domain: string }> {
  const response = await request(`${base}/auth/challenge`);
  expect(response.headers['cache-control']).toBe('no-store');
  return (await response.body.json()) as { challenge: string; domain: string };
}

async function crawlWith(authorization: string) {
  const response = await request(`${base}/crawls`, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ seeds: [`${base}/nothing-here`] }) });
  return { status: response.statusCode, json: (await response.body.json()) as { detail?: string } };
}

const vp = async (key: SigningKey, asked: { challenge: string; domain: string }) => `VP ${Buffer.from(JSON.stringify(await signPresentation([], key, asked))).toString('base64url')}`;

describe('writing with a verifiable presentation', () => {
  it('lets a writer in once per challenge', async () => {
    const asked = await challenge();
    expect(asked.domain).toBe('https://market.example');
    const authorization = await vp(writer, asked);
    expect((await crawlWith(authorization)).status).toBe(202);
    const replay = await crawlWith(authorization);
    expect(replay.status).toBe(401);
    expect(replay.json.detail).toContain('no challenge this server issued, or an expired or used one');
  });

  it('refuses another domain, someone not a writer, and garbage', async () => {
    const elsewhere = await crawlWith(await vp(writer, { ...(await challenge()), domain: 'https://other.example' }));
    expect(elsewhere.status).toBe(401);
    expect(elsewhere.json.detail).toContain('challenge');
    const stranger = await crawlWith(await vp(await generateSigningKey(), await challenge()));
    expect(stranger.status).toBe(403);
    expect((await crawlWith('VP !!!')).status).toBe(401);
  });
});
