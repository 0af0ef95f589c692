// The trust steps of pnpm demo: a signed manifest, credentials judged under a consumer's policy
// and counted as evidence by the resolver, and a clearing house issuing a compliance label.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Catalog, parseRdf, readRequirements, resolve } from '@mpli/core';
import { generateSigningKey, issueCredential, parseTrustPolicy, policyEvidence, signManifest, verifyManifest, verifyWithPolicy } from '@mpli/trust';
import { runClearingHouse } from '../examples/clearing-house/run';

type Step = { step: string; ok: boolean; detail: string };
const CONTEXTS = ['https://www.w3.org/ns/credentials/v2', 'https://w3id.org/mpli/context/v1'];

export async function trustSteps(manifests: string, say: (text?: string) => void): Promise<Step[]> {
  const steps: Step[] = [];
  say('\n6. A provider signs its manifest; any change after signing is caught.');
  const provider = await generateSigningKey();
  // The example declares did:web:scaldis.example; offline, the demo signs with a did:key stand-in.
  const turtle = readFileSync(join(manifests, 'scaldis-cloud.ttl'), 'utf8').replace('<did:web:scaldis.example>', `<${provider.controller}>`);
  const signature = await signManifest(turtle, provider, { format: 'text/turtle' });
  const good = await verifyManifest(turtle, signature, { format: 'text/turtle' });
  const changed = await verifyManifest(turtle.replace('"0.021"^^xsd:decimal', '"0.019"^^xsd:decimal'), signature, { format: 'text/turtle' });
  say(`   ${good.verified ? '✔' : '✖'} signature by ${provider.controller.slice(0, 24)}… verifies (${good.checks.map((c) => c.name).join(', ')})`);
  say(`   ${changed.verified ? '✖ NOT' : '✔'} caught a price changed after signing: ${changed.errors[0] ?? ''}`);
  steps.push({ step: 'sign and verify a manifest', ok: good.verified && !changed.verified, detail: changed.checks.filter((c) => !c.ok).map((c) => c.name).join(', ') });

  say('\n7. The hospital counts a certification only when a credential trusted under its policy backs it.');
  const [belac, auditor] = [await generateSigningKey(), await generateSigningKey()];
  const certificate = await issueCredential({
    '@context': CONTEXTS, id: 'urn:uuid:0b7e3a52-8f3c-4c3e-b1a0-2f6d7e8c9a10', type: ['VerifiableCredential', 'CertificationCredential'], issuer: auditor.controller,
    validFrom: '2025-04-01T00:00:00Z', validUntil: '2028-03-31T23:59:59Z',
    credentialSubject: { id: 'did:web:scaldis.example', certification: { type: 'Certification', scheme: 'ISO27001', certificationScope: 'Scaldis Cloud IaaS' } },
  }, auditor);
  const accreditation = await issueCredential({
    '@context': CONTEXTS, id: 'urn:uuid:5e1d9c1a-2b7f-4f4e-8e0a-3c2d1b0a9f8e', type: ['VerifiableCredential', 'AccreditationCredential'], issuer: belac.controller,
    validFrom: '2025-01-01T00:00:00Z', validUntil: '2029-12-31T23:59:59Z', credentialSubject: { id: auditor.controller, accreditedFor: ['ISO27001'] },
  }, belac);
  const policy = parseTrustPolicy({
    id: 'https://az-lieven.example/policies/trust', anchors: [{ name: 'belac', did: belac.controller, description: 'Belgian accreditation body' }],
    rules: [{ claim: 'ISO/IEC 27001 certification', credentialType: 'mpli:CertificationCredential', issuers: { accreditedBy: ['belac'], accreditedFor: 'mpli:ISO27001' } }],
  });
  const outcome = await verifyWithPolicy([certificate, accreditation], policy);
  for (const claim of outcome.established) say(`   ✔ ${claim.claim} of ${claim.subject}: ${claim.chain.map((l) => l.reason).join(' ← ')}`);
  const catalog = new Catalog();
  for (const file of ['scaldis-cloud.ttl', 'rheinwerk-cloud.jsonld', 'nuage-souverain.ttl']) catalog.addDataset((await parseRdf(readFileSync(join(manifests, file), 'utf8'), { source: file })).store, { source: file });
  const hospital = readRequirements((await parseRdf(readFileSync(join(manifests, 'requirements-hospital.ttl'), 'utf8'))).store);
  const servers = (await resolve(hospital, catalog, { asOf: '2026-12-01', evidence: policyEvidence(outcome) })).needs[0];
  const notEvidenced = servers?.nearMisses.filter((n) => n.constraints.some((c) => c.status === 'notEvidenced')).map((n) => n.offering.identifier) ?? [];
  say(`   application servers with evidence: ${servers?.matches.map((m) => m.offering.identifier).join(', ') || 'none'}; claimed but not evidenced: ${notEvidenced.join(', ') || 'none'}`);
  steps.push({ step: 'resolve with policy evidence', ok: servers?.matches.map((m) => m.offering.identifier).join() === 'vm-m4' && notEvidenced.includes('vm-c8'), detail: `${outcome.established.length} claim(s) established` });

  say('\n8. A clearing house checks the provider\'s credentials under its policy and issues a label.');
  const label = await runClearingHouse();
  say(`   ${label.verified ? '✔' : '✖'} ${label.level} for did:web:scaldis.example, valid until ${String(label.label.validUntil)}, over ${(label.label.relatedResource as unknown[]).length} input credentials`);
  steps.push({ step: 'clearing house label', ok: label.verified && label.level === 'LabelLevel1', detail: label.level });
  return steps;
}
