import { readFileSync } from 'node:fs';
import { Catalog, parseRdf, readRequirements, resolve } from '@mpli/core';
import { describe, expect, it } from 'vitest';
import { issueCredential, parseTrustPolicy, policyEvidence, verifyWithPolicy } from '@mpli/trust';
import { accreditation, CONTEXTS, keys, NOW } from './support/credentials';

const example = (name: string) => readFileSync(new URL(`../../../examples/manifests/${name}`, import.meta.url), 'utf8');
// The credential the example Scaldis manifest names as evidence of its ISO/IEC 27001 certification.
const SCALDIS_ISO = 'urn:uuid:0b7e3a52-8f3c-4c3e-b1a0-2f6d7e8c9a10';

async function catalog() {
  const result = new Catalog();
  for (const name of ['scaldis-cloud.ttl', 'rheinwerk-cloud.jsonld', 'nuage-souverain.ttl']) result.addDataset((await parseRdf(example(name), { source: name })).store, { source: name });
  return result;
}

describe('resolving with evidence from a trust policy', () => {
  it('counts a certification only when a credential trusted under the consumer\'s policy backs it', async () => {
    const k = await keys('belac', 'auditor');
    const certificate = await issueCredential({
      '@context': CONTEXTS, id: SCALDIS_ISO, type: ['VerifiableCredential', 'CertificationCredential'], issuer: k.auditor.controller,
      validFrom: '2025-04-01T00:00:00Z', validUntil: '2028-03-31T23:59:59Z',
      credentialSubject: { id: 'did:web:scaldis.example', certification: { type: 'Certification', scheme: 'ISO27001', certificationScope: 'Scaldis Cloud IaaS, Gent and Liège' } },
    }, k.auditor, { now: NOW });
    const policy = parseTrustPolicy({
      id: 'https://az-lieven.example/policies/trust',
      anchors: [{ name: 'belac', did: k.belac.controller }],
      rules: [{ claim: 'ISO/IEC 27001', credentialType: 'mpli:CertificationCredential', issuers: { accreditedBy: ['belac'], accreditedFor: 'mpli:ISO27001' } }],
    });
    const outcome = await verifyWithPolicy([certificate, await accreditation(k.belac, k.auditor, ['ISO27001'])], policy, { now: NOW });
    expect(outcome.established.map((c) => c.credential)).toEqual([SCALDIS_ISO]);
    const requirements = readRequirements((await parseRdf(example('requirements-hospital.ttl'))).store);

    const trusting = await resolve(requirements, await catalog(), { asOf: '2026-12-01', evidence: policyEvidence(outcome) });
    const servers = trusting.needs[0]!;
    expect(servers.matches.map((m) => m.offering.identifier)).toEqual(['vm-m4']);
    // vm-c8's certification names a credential nobody presented: claimed, not evidenced.
    expect(servers.nearMisses.find((n) => n.offering.identifier === 'vm-c8')?.constraints.find((c) => c.label === 'ISO/IEC 27001 certified')).toMatchObject({ status: 'notEvidenced' });

    const untrusting = await resolve(requirements, await catalog(), { asOf: '2026-12-01', evidence: policyEvidence({ ...outcome, established: [] }) });
    expect(untrusting.needs[0]!.matches).toEqual([]);
  });
});
