// Runs the example clearing house on loopback, sends it Scaldis Cloud's credentials, and prints
// the label it issues (pnpm tsx --conditions=mpli-source examples/clearing-house/run.ts).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { verifyCredential } from '@mpli/trust';
import { createClearingHouse } from './clearing-house';
import { housePolicy, LEVELS, makeParties, PROVIDER, providerCredentials } from './scenario';

/** Starts the house, asks for a label, verifies it; returns what happened, for the demo. */
export async function runClearingHouse(): Promise<{ level: string; label: Record<string, unknown>; verified: boolean }> {
  const parties = await makeParties();
  const server = createServer(createClearingHouse({ key: parties.house, policy: housePolicy(parties), levels: LEVELS }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/labels`;
    const response = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ subject: PROVIDER, credentials: await providerCredentials(parties) }), headersTimeout: 30_000 });
    const answer = (await response.body.json()) as { level: string; label: Record<string, unknown> };
    if (response.statusCode !== 201) throw new Error(`The clearing house answered ${response.statusCode}: ${JSON.stringify(answer)}`);
    return { level: answer.level, label: answer.label, verified: (await verifyCredential(answer.label)).verified };
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { level, label, verified } = await runClearingHouse();
  console.log(`label ${level} for ${PROVIDER}, valid until ${String(label.validUntil)}, signature ${verified ? 'verifies' : 'FAILS'}`);
  console.log(JSON.stringify(label, null, 2));
}
