import { readFileSync } from 'node:fs';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { contexts as citizenshipContexts } from '@digitalbazaar/citizenship-context';
import * as vc from '@digitalbazaar/vc';
import { describe, expect, it } from 'vitest';
import { createTrustDocumentLoader, importSigningKey, trustContexts, verifyCredential } from '@mpli/trust';

// The W3C vc-di-eddsa test vectors; see test/fixtures/vc-di-eddsa/SOURCE.md for where each came from.
const fixture = (name: string) => JSON.parse(readFileSync(new URL(`fixtures/vc-di-eddsa/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
const examplesContext = JSON.parse(readFileSync(new URL('fixtures/contexts/credentials-examples-v2.jsonld', import.meta.url), 'utf8')) as unknown;

// Added through the same public API an app uses to bundle its own contexts.
const contexts = new Map<string, unknown>([
  ...trustContexts(),
  ['https://www.w3.org/ns/credentials/examples/v2', examplesContext],
  ['https://w3id.org/citizenship/v4rc1', citizenshipContexts.get('https://w3id.org/citizenship/v4rc1')],
]);
const NOW = new Date('2026-12-01T00:00:00Z');
const VECTORS = ['signedDataInt.json', 'employ-signedDataInt.json'];

const proofOf = (result: { checks: readonly { name: string; ok: boolean; message: string }[] }) => result.checks.find((c) => c.name === 'proof');

describe('W3C vc-di-eddsa test vectors (eddsa-rdfc-2022)', () => {
  it.each(VECTORS)('%s verifies', async (name) => {
    const result = await verifyCredential(fixture(name), { now: NOW, contexts });
    expect(proofOf(result)).toMatchObject({ ok: true });
    // The vectors' issuers are placeholders that do not control the signing key; MPLI binds signer
    // to issuer, so that check (and only that one) fails, by name.
    expect(result.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(['issuer']);
  });

  it.each(VECTORS)('%s fails with one byte changed in the document', async (name) => {
    const text = JSON.stringify(fixture(name));
    const at = text.indexOf('"validFrom":"20') + '"validFrom":"20'.length;
    const tampered = JSON.parse(`${text.slice(0, at)}${text[at] === '1' ? '2' : '1'}${text.slice(at + 1)}`) as Record<string, unknown>;
    const result = await verifyCredential(tampered, { now: NOW, contexts });
    expect(proofOf(result)).toMatchObject({ ok: false });
  });

  it.each(VECTORS)('%s fails with one byte changed in the signature', async (name) => {
    const credential = fixture(name);
    const proof = credential.proof as Record<string, string>;
    const value = proof.proofValue!;
    const i = 20;
    credential.proof = { ...proof, proofValue: `${value.slice(0, i)}${value[i] === 'a' ? 'b' : 'a'}${value.slice(i + 1)}` };
    expect(proofOf(await verifyCredential(credential, { now: NOW, contexts }))).toMatchObject({ ok: false });
  });

  it.each([
    ['unsigned.json', 'proofConfigDataInt.json', 'signedDataInt.json'],
    ['employmentAuth.json', 'employ-proofConfigDataInt.json', 'employ-signedDataInt.json'],
  ])('signing %s with the vectors\' key reproduces the published proofValue byte for byte', async (unsigned, config, signed) => {
    const pair = fixture('keyPair.json') as { publicKeyMultibase: string; privateKeyMultibase: string };
    const did = `did:key:${pair.publicKeyMultibase}`;
    const key = await importSigningKey({ id: `${did}#${pair.publicKeyMultibase}`, controller: did, type: 'Multikey', publicKeyMultibase: pair.publicKeyMultibase, secretKeyMultibase: pair.privateKeyMultibase });
    const created = String(fixture(config).created);
    const ours = await vc.issue({
      credential: fixture(unsigned),
      suite: new DataIntegrityProof({ signer: key.signer(), cryptosuite, date: created }),
      documentLoader: createTrustDocumentLoader({ contexts }),
      now: created,
    });
    expect((ours.proof as Record<string, unknown>).proofValue).toBe((fixture(signed).proof as Record<string, unknown>).proofValue);
  });
});
