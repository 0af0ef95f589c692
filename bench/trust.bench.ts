// pnpm bench trust [--credentials N] [--runs R]
// Verifies N distinct eddsa-rdfc-2022 credentials (default 1,000, from 20 issuers, one in 25
// tampered) two ways in one process: the stock @digitalbazaar/vc verifyCredential with a caching
// document loader, one after the other as an app would call it, and MPLI's VerifierPool (worker
// threads with warm caches of contexts, keys and proof templates). The verdicts must be identical.
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { createTrustDocumentLoader, generateSigningKey, issueCredential, verifyCredential, VerifierPool, type SigningKey } from '@mpli/trust';
import { interleavedMedians, intOption, round } from './measure';

const NOW = new Date('2026-12-01T12:00:00Z');

async function corpus(count: number, issuers: readonly SigningKey[], offset: number): Promise<Record<string, unknown>[]> {
  const credentials: Record<string, unknown>[] = [];
  for (let i = offset; i < offset + count; i += 1) {
    const issuer = issuers[i % issuers.length]!;
    const credential = await issueCredential({
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://w3id.org/mpli/context/v1'],
      id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      type: ['VerifiableCredential', 'CertificationCredential'],
      issuer: issuer.controller,
      validFrom: '2026-01-01T00:00:00Z',
      validUntil: '2028-01-01T00:00:00Z',
      credentialSubject: { id: `did:web:provider-${i}.example`, certification: { type: 'Certification', scheme: 'ISO27001', certificationScope: `Cloud services of provider ${i}` } },
    }, issuer, { now: new Date(NOW.getTime() - i * 1000) });
    // One in 25 is tampered with after signing: both verifiers must reject exactly those.
    credentials.push(i % 25 === 7 ? { ...credential, validUntil: '2029-01-01T00:00:00Z' } : credential);
  }
  return credentials;
}

function stockVerifier() {
  const loader = createTrustDocumentLoader();
  const cache = new Map<string, Awaited<ReturnType<typeof loader>>>();
  const documentLoader = async (url: string) => {
    let document = cache.get(url);
    if (!document) cache.set(url, (document = await loader(url)));
    return document;
  };
  return async (credentials: readonly Record<string, unknown>[]) => {
    const verdicts: boolean[] = [];
    for (const credential of credentials) {
      verdicts.push((await vc.verifyCredential({ credential, suite: new DataIntegrityProof({ cryptosuite }), documentLoader, now: NOW })).verified);
    }
    return verdicts;
  };
}

export async function trustBench(argv: readonly string[]): Promise<Record<string, unknown>> {
  const count = intOption(argv, 'credentials', 1000);
  const runs = intOption(argv, 'runs', 3);
  const workers = availableParallelism();
  const issuers = await Promise.all(Array.from({ length: 20 }, () => generateSigningKey()));
  console.error(`issuing ${count} credentials...`);
  const credentials = await corpus(count, issuers, 0);
  const warmup = await corpus(50, issuers, count);

  const stock = stockVerifier();
  let started = performance.now();
  const pool = new VerifierPool({ workers });
  await pool.verify(warmup, { now: NOW });
  const poolStartMs = performance.now() - started;
  await stock(warmup);
  const ours = async () => (await pool.verify(credentials, { now: NOW })).map((r) => r.verified);
  const oursSingle = async () => {
    const verdicts: boolean[] = [];
    for (const credential of credentials) verdicts.push((await verifyCredential(credential, { now: NOW })).verified);
    return verdicts;
  };

  console.error(`verifying ${count} credentials, ${runs} runs each, ${workers} worker thread(s)...`);
  const { a: stockRun, b: oursRun } = await interleavedMedians(runs, () => stock(credentials), ours);
  started = performance.now();
  const single = await oursSingle();
  const oursSingleThreadMs = performance.now() - started;
  await pool.close();

  const identical = stockRun.result.every((verdict, i) => verdict === oursRun.result[i] && verdict === single[i]);
  if (!identical) throw new Error('The verdicts differ between the stock verifier and MPLI\'s');
  const perSecond = (ms: number) => round((count / ms) * 1000, 1);
  return {
    credentials: count,
    rejected: stockRun.result.filter((v) => !v).length,
    workers,
    identicalVerdicts: identical,
    stockMs: round(stockRun.ms),
    oursMs: round(oursRun.ms),
    oursSingleThreadMs: round(oursSingleThreadMs),
    poolStartMs: round(poolStartMs),
    stockPerSecond: perSecond(stockRun.ms),
    oursPerSecond: perSecond(oursRun.ms),
    ratios: { oursOverStock: round(stockRun.ms / oursRun.ms, 2), oursSingleThreadOverStock: round(stockRun.ms / oursSingleThreadMs, 2) },
  };
}
