import { describe, expect, it } from 'vitest';
import { checkPrerequisites, type Consumer, type Prerequisite, type Provider } from '@mpli/core';

const consumer: Consumer = {
  id: 'https://c.example/#org',
  name: 'C',
  headquarters: { country: 'NL' },
  registrationNumbers: [{ type: 'vatID', value: 'NL123456789B01' }],
  credentials: [{ credentialType: 'https://w3id.org/mpli#LegalIdentityCredential', issuer: 'did:web:qtsp.example', eidasLevel: 'EidasSubstantial' }],
  acceptedTerms: [{ url: 'https://p.example/terms', hash: 'a'.repeat(64) }],
  maximumCommitment: { amount: '12000', currency: 'EUR', per: 'year' },
};
const provider = { trustAnchors: [{ identifier: 'did:web:qtsp.example', trustedFor: [] }] } as unknown as Provider;
const check = (prerequisites: Prerequisite[], who: Consumer = consumer) => checkPrerequisites(prerequisites, who, provider, { asOf: '2026-12-01', rates: undefined });
const LEGAL = 'https://w3id.org/mpli#LegalIdentityCredential';

describe('checkPrerequisites', () => {
  it('is satisfied when the consumer meets every prerequisite', () => {
    expect(check([
      { kind: 'legalIdentity', credentialType: LEGAL, minimumEidasLevel: 'EidasSubstantial', qualifiedIssuer: true },
      { kind: 'establishment', groups: ['EU'] },
      { kind: 'vatNumber' },
      { kind: 'termsAcceptance', terms: { url: 'https://p.example/terms', hash: 'a'.repeat(64) } },
      { kind: 'minimumCommitment', commitment: { amount: '1000', currency: 'EUR', per: 'month' } },
    ])).toEqual([]);
  });

  it('lists what to obtain for each prerequisite not met', () => {
    const actions = check([
      { kind: 'legalIdentity', credentialType: LEGAL, minimumEidasLevel: 'EidasHigh' },
      { kind: 'establishment', countries: ['FR'] },
      { kind: 'termsAcceptance', terms: { url: 'https://p.example/terms-v2', hash: 'b'.repeat(64) } },
      { kind: 'minimumCommitment', commitment: { amount: '1001', currency: 'EUR', per: 'month' } },
    ]);
    expect(actions).toEqual([
      { prerequisite: 'legalIdentity', action: 'obtain a mpli:LegalIdentityCredential at EidasHigh or higher' },
      { prerequisite: 'establishment', action: 'be established in FR (your headquarters are in NL)' },
      { prerequisite: 'termsAcceptance', action: 'accept the terms at https://p.example/terms-v2 (SHA-256 bbbbbbbbbbbb…)' },
      { prerequisite: 'minimumCommitment', action: 'commit to at least 1001 EUR per month' },
    ]);
  });

  it('needs a VAT number and an accepted issuer when asked', () => {
    const noVat = { ...consumer, registrationNumbers: [] };
    expect(check([{ kind: 'vatNumber' }], noVat)).toEqual([{ prerequisite: 'vatNumber', action: 'state a VAT identification number' }]);
    expect(check([{ kind: 'credential', credentialType: LEGAL, acceptedIssuers: ['did:web:other.example'] }])).toEqual([
      { prerequisite: 'credential', action: 'obtain a mpli:LegalIdentityCredential from did:web:other.example' },
    ]);
  });

  it('counts a declared credential only when the evidence verifier backs it, when one is wired in', () => {
    const prerequisite: Prerequisite = { kind: 'legalIdentity', credentialType: LEGAL };
    const asked: unknown[] = [];
    const verifier = { isEvidenced: (credential: string, claim: unknown) => (asked.push([credential, claim]), credential === 'urn:uuid:trusted') };
    const withId = (credentialId: string) => ({ ...consumer, credentials: [{ ...consumer.credentials[0]!, credentialId }] });
    const run = (who: Consumer) => checkPrerequisites([prerequisite], who, provider, { asOf: '2026-12-01', rates: undefined, evidence: verifier });
    expect(run(withId('urn:uuid:trusted'))).toEqual([]);
    expect(asked).toEqual([['urn:uuid:trusted', { kind: 'identity', credentialType: LEGAL, holder: consumer.id }]]);
    expect(run(withId('urn:uuid:unknown'))).toHaveLength(1);
    // Without an id there is nothing to verify.
    expect(run(consumer)).toHaveLength(1);
  });
});
