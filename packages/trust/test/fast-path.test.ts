import jsonld from 'jsonld';
import jsigs from 'jsonld-signatures';
import fc from 'fast-check';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { describe, expect, it } from 'vitest';
import { createTrustDocumentLoader, verifyCredential } from '@mpli/trust';
import { ProofConfigCanonicalizer } from '../src/credentials/proof-config-canon';
import { certificate, keys, NOW } from './support/credentials';

const loader = createTrustDocumentLoader();
const CONTEXT = ['https://www.w3.org/ns/credentials/v2', 'https://w3id.org/mpli/context/v1'];
const general = (config: Record<string, unknown>) => jsonld.canonize({ '@context': CONTEXT, ...config }, { algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader: loader, safe: true, base: null });

describe('the fast proof-configuration canonicalization', () => {
  it('takes the fast path for the proof configurations MPLI and others issue', async () => {
    const canonicalizer = new ProofConfigCanonicalizer(loader);
    const config = { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', created: '2026-12-01T12:00:00Z', verificationMethod: 'did:key:z6Mk1#z6Mk1', proofPurpose: 'assertionMethod' };
    const fast = await canonicalizer.canonicalize(CONTEXT, config);
    expect(fast).toBeDefined();
    expect(fast).toBe(await general(config));
  });

  it('equals the general RDFC-1.0 canonicalization whenever it answers, for any values', async () => {
    const canonicalizer = new ProofConfigCanonicalizer(loader);
    let compared = 0;
    const plain = fc.string({ unit: fc.constantFrom('a', 'Z', '0', ' ', '#', ':', '_', '/', '-', '.'), maxLength: 12 });
    const special = fc.string({ unit: fc.constantFrom('a', '"', '\\', '\n', 'é', '<', '\u0001'), maxLength: 6 });
    const text = fc.oneof({ arbitrary: plain, weight: 5 }, { arbitrary: special, weight: 1 });
    await fc.assert(fc.asyncProperty(
      fc.record({
        created: fc.oneof(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()), text),
        verificationMethod: fc.oneof({ arbitrary: fc.stringMatching(/^[A-Za-z0-9#:._-]{0,12}$/).map((t) => `did:key:z6Mk${t}`), weight: 4 }, { arbitrary: text, weight: 1 }),
        proofPurpose: fc.constantFrom('assertionMethod', 'authentication'),
        challenge: fc.option(text, { nil: undefined }),
        domain: fc.option(text, { nil: undefined }),
        id: fc.option(fc.constantFrom('urn:uuid:1', '_:b1'), { nil: undefined }),
      }, { requiredKeys: ['created', 'verificationMethod', 'proofPurpose'] }),
      async (values) => {
        const config = Object.fromEntries(Object.entries({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', ...values }).filter(([, v]) => v !== undefined));
        const fast = await canonicalizer.canonicalize(CONTEXT, config);
        if (fast === undefined) return;
        compared += 1;
        expect(fast).toBe(await general(config));
      },
    ), { numRuns: 400 });
    // The property is not vacuous: many configurations took the fast path.
    expect(compared).toBeGreaterThan(40);
  });
});

describe('the fast eddsa-rdfc-2022 verifier', () => {
  it('gives the verdicts of jsonld-signatures on valid, tampered and forged credentials', async () => {
    const k = await keys('auditor', 'other');
    const valid = await certificate(k.auditor, 'did:web:scaldis.example');
    const proof = valid.proof as Record<string, unknown>;
    const corpus: Record<string, unknown>[] = [
      valid,
      { ...valid, credentialSubject: { ...(valid.credentialSubject as object), id: 'did:web:evil.example' } },
      { ...valid, proof: { ...proof, created: '2026-12-02T12:00:00Z' } },
      { ...valid, proof: { ...proof, verificationMethod: k.other.id } },
      { ...valid, proof: { ...proof, proofValue: `z${'1'.repeat(87)}` } },
      { ...valid, proof: { ...proof, created: 'yesterday' } },
    ];
    for (const credential of corpus) {
      const ours = (await verifyCredential(credential, { now: NOW })).checks.find((c) => c.name === 'proof')!.ok;
      const theirs = (await jsigs.verify(credential, { suite: new DataIntegrityProof({ cryptosuite }), purpose: new jsigs.purposes.AssertionProofPurpose({}), documentLoader: loader })).verified;
      expect(ours, JSON.stringify(credential.proof)).toBe(theirs);
    }
  });
});
