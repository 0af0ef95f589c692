import { describe, expect, it } from 'vitest';
import { MPLI_CONTEXT_URL } from '@mpli/shapes';
import { parseRdf } from '@mpli/core';
import { createTrustDocumentLoader, GAIA_X_2511_CONTEXT_URL, JWS_2020_CONTEXT_URL, trustContexts } from '@mpli/trust';

const documentLoader = createTrustDocumentLoader();
const parse = (document: object) => parseRdf(JSON.stringify(document), { format: 'application/ld+json', documentLoader });

describe('bundled contexts', () => {
  it('bundles what credentials need, and MPLI\'s and Gaia-X\'s vocabularies', () => {
    const urls = [...trustContexts().keys()];
    for (const url of [
      'https://www.w3.org/2018/credentials/v1', 'https://www.w3.org/ns/credentials/v2', 'https://w3id.org/security/data-integrity/v2',
      'https://w3id.org/security/multikey/v1', 'https://w3id.org/security/suites/ed25519-2020/v1', JWS_2020_CONTEXT_URL,
      'https://www.w3.org/ns/did/v1', MPLI_CONTEXT_URL, GAIA_X_2511_CONTEXT_URL,
    ]) expect(urls, url).toContain(url);
  });

  it.each(['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/2018/credentials/v1'])('lets the MPLI context stand beside %s (no protected term clashes)', async (vcContext) => {
    const credential = {
      '@context': [vcContext, MPLI_CONTEXT_URL],
      type: ['VerifiableCredential', 'CertificationCredential'],
      issuer: 'did:web:auditor.example',
      credentialSubject: { id: 'https://p.example/#provider', certification: { type: 'Certification', scheme: 'ISO27001', validThrough: '2028-03-31', evidencedBy: 'urn:uuid:1' } },
    };
    const { store } = await parse(credential);
    expect([...store].some((q) => q.predicate.value === 'http://schema.org/validThrough' || q.predicate.value === 'https://schema.org/validThrough')).toBe(true);
  });

  it('reads Gaia-X 25.11 terms through MPLI\'s own Gaia-X context', async () => {
    const { store } = await parse({ '@context': ['https://www.w3.org/ns/credentials/v2', GAIA_X_2511_CONTEXT_URL], id: 'urn:x', type: ['VerifiableCredential', 'gx:LegalPerson'], issuer: 'did:web:x.example', credentialSubject: { id: 'https://x.example/#p', type: 'gx:LegalPerson', name: 'X', headquartersAddress: { type: 'gx:Address', countryCode: 'BE' } } });
    expect([...store].map((q) => q.predicate.value)).toContain('https://w3id.org/gaia-x/2511#countryCode');
  });

  it('refuses any other context, fetching nothing', async () => {
    await expect(parse({ '@context': ['https://www.w3.org/ns/credentials/v2', 'https://schema.org/'], name: 'x' })).rejects.toMatchObject({ code: 'REMOTE_CONTEXT_REFUSED' });
  });
});
