import { readFileSync } from 'node:fs';
import { parseRdf, serializeRdf } from '@mpli/core';
import { describe, expect, it } from 'vitest';
import { createManifestVerifier, generateSigningKey, manifestDigest, signManifest, verifyManifest } from '@mpli/trust';

const NOW = new Date('2026-12-01T12:00:00Z');
const turtle = readFileSync(new URL('../../../examples/manifests/scaldis-cloud.ttl', import.meta.url), 'utf8');
const PROVIDER_DID = 'did:web:scaldis.example';

// The example provider declares did:web:scaldis.example; for a test, give it a did:key we hold.
async function providerWithKey() {
  const key = await generateSigningKey();
  return { key, manifest: turtle.replace(`<${PROVIDER_DID}>`, `<${key.controller}>`) };
}

const failed = (result: { checks: readonly { name: string; ok: boolean }[] }) => result.checks.filter((c) => !c.ok).map((c) => c.name);

describe('signed manifests', () => {
  it('sign once, verify in every serialisation (the digest is of the canonical RDF)', async () => {
    const { key, manifest } = await providerWithKey();
    const signature = await signManifest(manifest, key, { format: 'text/turtle', now: NOW });
    expect(signature).toMatchObject({ type: ['VerifiableCredential', 'ManifestCredential'], issuer: key.controller, credentialSubject: { id: 'https://scaldis.example/.well-known/mpli' } });
    const result = await verifyManifest(manifest, signature, { format: 'text/turtle', now: NOW });
    expect(result.errors).toEqual([]);
    expect(result.signer).toBe(key.controller);
    const { store } = await parseRdf(manifest, { format: 'text/turtle' });
    for (const format of ['application/ld+json', 'application/n-quads'] as const) {
      const other = await serializeRdf(store, format);
      expect((await verifyManifest(other, signature, { format, now: NOW })).verified, format).toBe(true);
    }
  });

  it('fail on the digest when the manifest changed after signing', async () => {
    const { key, manifest } = await providerWithKey();
    const signature = await signManifest(manifest, key, { format: 'text/turtle', now: NOW });
    const cheaper = manifest.replace('"0.021"^^xsd:decimal', '"0.019"^^xsd:decimal');
    const result = await verifyManifest(cheaper, signature, { format: 'text/turtle', now: NOW });
    expect(failed(result)).toEqual(['digest']);
    expect(result.errors[0]).toContain('it changed after signing');
  });

  it('fail on the provider when someone else signs a manifest, or the manifest names another DID', async () => {
    const { key, manifest } = await providerWithKey();
    const signature = await signManifest(manifest, key, { format: 'text/turtle', now: NOW });
    const impostor = await generateSigningKey();
    await expect(signManifest(manifest, impostor, { format: 'text/turtle' })).rejects.toMatchObject({ code: 'SIGNING_FAILED' });
    // The same manifest, re-published by someone claiming it as theirs, digest recomputed and signed.
    const claimed = manifest.replace(`<${key.controller}>`, `<${impostor.controller}>`);
    const theirs = await signManifest(claimed, impostor, { format: 'text/turtle', now: NOW });
    expect(failed(await verifyManifest(manifest, theirs, { format: 'text/turtle', now: NOW }))).toEqual(['digest', 'provider']);
    expect(failed(await verifyManifest(manifest, { ...signature, proof: (theirs as { proof: unknown }).proof }, { format: 'text/turtle', now: NOW }))).toEqual(expect.arrayContaining(['proof']));
  });

  it('serve as core\'s ManifestVerifier, refusing a missing signature', async () => {
    const { key, manifest } = await providerWithKey();
    const verifier = createManifestVerifier({ now: NOW });
    const signature = await signManifest(manifest, key, { format: 'text/turtle', now: NOW });
    const document = { text: manifest, format: 'text/turtle' as const, source: 'scaldis-cloud.ttl' };
    expect(await verifier.verifyManifest(document, signature)).toEqual({ verified: true, signer: key.controller, errors: [] });
    expect(await verifier.verifyManifest(document, undefined)).toEqual({ verified: false, errors: ['no signature'] });
  });

  it('digest the same RDF the same, however blank nodes are labelled', async () => {
    const a = await manifestDigest('_:x <https://schema.org/name> "A" . _:y <https://schema.org/name> "B" .', { format: 'text/turtle' });
    const b = await manifestDigest('_:q <https://schema.org/name> "B" . _:p <https://schema.org/name> "A" .', { format: 'text/turtle' });
    expect(a.digestMultibase).toBe(b.digestMultibase);
    expect(a.digestMultibase).toMatch(/^uEi[A-Za-z0-9_-]{44}$/);
  });
});
