import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildManifest, parseRdf, readManifest, validateDataset, type Manifest, type Offering } from '@mpli/core';
import { gaiaXToManifest, manifestToGaiaX, offeringToGaiaX } from '@mpli/interop';
import { credentialGraph, generateSigningKey, issueCredential, parseTrustPolicy, verifyCredential, verifyWithPolicy } from '@mpli/trust';

const NOW = new Date('2026-12-02T10:00:00Z');
const examples = new URL('../../../examples/manifests/', import.meta.url);
const scaldis: Manifest = readManifest((await parseRdf(readFileSync(new URL('scaldis-cloud.ttl', examples), 'utf8'), { source: 'scaldis-cloud.ttl' })).store);
const options = { issuer: 'did:web:scaldis.example', validFrom: '2026-12-01T00:00:00Z' };
const GX = 'https://w3id.org/gaia-x/2511#';

describe('Gaia-X 25.11: MPLI manifests as credentials', () => {
  it('writes a LegalPerson and service offerings that sign and verify with bundled contexts, each term a Gaia-X one', async () => {
    const key = await generateSigningKey();
    const credentials = manifestToGaiaX(scaldis, { ...options, issuer: key.controller });
    expect(credentials.map((c) => (c.type as string[])[1])).toEqual(['gx:LegalPerson', 'gx:VirtualMachineServiceOffering', 'gx:VirtualMachineServiceOffering', 'gx:BlockStorageServiceOffering', 'gx:ObjectStorageServiceOffering']);
    for (const credential of credentials) {
      const signed = await issueCredential(credential, key, { now: NOW });
      expect((await verifyCredential(signed, { now: NOW })).errors).toEqual([]);
    }
    const vm = await credentialGraph(credentials[2]!);
    const predicates = new Set([...vm.dataset.match()].map((q) => q.predicate.value));
    for (const term of ['providedBy', 'serviceOfferingTermsAndConditions', 'instantiationReq', 'vCPUs', 'memorySize', 'cpuArchitecture', 'dataProtectionRegime']) expect(predicates, term).toContain(`${GX}${term}`);
    expect([...predicates].filter((p) => p.includes('issuer-dependent'))).toEqual([]);
    const person = await credentialGraph(credentials[0]!);
    expect([...person.dataset.match()].map((q) => q.predicate.value)).toEqual(expect.arrayContaining([`${GX}registrationNumber`, `${GX}vatID`, 'http://www.w3.org/2006/vcard/ns#street-address', `${GX}countryCode`]));
  });

  it('reads its own credentials back: the VM offerings keep their size, terms, keywords and regimes', async () => {
    const credentials = manifestToGaiaX(scaldis, options);
    const prices = Object.fromEntries(scaldis.offerings.map((o) => [o.id, o.prices]));
    const locations = Object.fromEntries(scaldis.offerings.map((o) => [o.id, o.locations]));
    const back = gaiaXToManifest(credentials, { manifestId: scaldis.id, prices, locations, provider: { contacts: scaldis.provider.contacts } });
    expect(back.incomplete).toEqual([]);
    expect(back.unmapped).toEqual([]);
    const store = buildManifest(back.manifest);
    expect((await validateDataset(store)).problems.filter((p) => p.severity === 'violation')).toEqual([]);
    const read = readManifest(store);
    expect(read.provider).toMatchObject({ name: scaldis.provider.name, registrationNumbers: scaldis.provider.registrationNumbers, headquarters: scaldis.provider.headquarters });
    for (const original of scaldis.offerings.filter((o) => o.kind === 'VirtualMachineOffering')) {
      const pick = (o: Offering) => (o.kind === 'VirtualMachineOffering' ? { vcpu: o.vcpu, memory: o.memory, disk: o.disk, cpuArchitecture: o.cpuArchitecture, images: o.images.map((i) => i.name), keywords: o.keywords, dataProtectionRegimes: o.dataProtectionRegimes, name: o.name } : {});
      const moved = read.offerings.find((o) => o.id === original.id)!;
      expect(pick(moved)).toEqual(pick(original));
      // The manifest states its terms once, as a prerequisite: they became the offering's terms and conditions.
      expect(moved.terms).toEqual(scaldis.prerequisites.flatMap((p) => (p.kind === 'termsAcceptance' ? [p.terms] : [])));
    }
  });

  it('reads credentials as Gaia-X participants write them: prefixed keys, a notary\'s VatID credential, what is missing said', () => {
    const vat = { '@context': ['https://www.w3.org/ns/credentials/v2', GX], type: ['VerifiableCredential', 'gx:VatID'], issuer: 'did:web:notary.example',
      credentialSubject: { id: 'https://acme.example/.well-known/vatid.json#cs', type: 'gx:VatID', 'gx:vatID': 'DE123456789', 'gx:countryCode': 'DE' } };
    const person = { '@context': ['https://www.w3.org/ns/credentials/v2', GX], type: ['VerifiableCredential', 'gx:LegalPerson'], issuer: 'did:web:acme.example',
      credentialSubject: { id: 'https://acme.example/.well-known/legal-person.json#cs', type: 'gx:LegalPerson', name: 'ACME Cloud GmbH',
        'gx:registrationNumber': { id: 'https://acme.example/.well-known/vatid.json#cs' }, 'gx:registrationNumber2': 'ignored',
        'gx:legalAddress': { type: 'gx:Address', 'gx:countryCode': 'DE', 'vcard:street-address': 'Hauptstr. 1', 'vcard:locality': 'Berlin', 'vcard:postal-code': '10115' },
        'gx:headquartersAddress': { type: 'gx:Address', 'gx:countryCode': 'DE' } } };
    const vm = { '@context': ['https://www.w3.org/ns/credentials/v2', GX], type: ['VerifiableCredential', 'gx:VirtualMachineServiceOffering'], issuer: 'did:web:acme.example',
      credentialSubject: { id: 'https://acme.example/so/vm-small.json#cs', type: 'gx:VirtualMachineServiceOffering', name: 'ACME VM Small', 'gx:keyword': ['IaaS'], 'gx:dataProtectionRegime': ['GDPR2016'],
        'gx:providedBy': { id: 'https://acme.example/.well-known/legal-person.json#cs' },
        'gx:serviceOfferingTermsAndConditions': { type: 'gx:TermsAndConditions', url: 'https://acme.example/tc.pdf', 'gx:hash': 'd'.repeat(64) },
        'gx:instantiationReq': { type: 'gx:ServerFlavor', 'gx:cpu': { type: 'gx:CpuCapabilities', 'gx:vCPUs': 4, 'gx:pCPU': { type: 'gx:CPU', 'gx:cpuArchitecture': 'x86-64' } },
          'gx:memory': { type: 'gx:MemoryCapabilities', 'gx:memory': { type: 'gx:Memory', 'gx:memorySize': { type: 'gx:MemorySize', quantityValue: 16, applicableUnit: 'GiB' } } },
          'gx:bootVolume': { type: 'gx:Disk', 'gx:diskSize': { type: 'gx:MemorySize', quantityValue: 50, applicableUnit: 'GB' } } },
        'gx:codeArtifact': { type: 'gx:VMImage', 'gx:operatingSystem': 'Debian 12', 'gx:license': 'GPL-3.0-only' } } };
    const result = gaiaXToManifest([vat, person, vm]);
    expect(result.incomplete).toEqual([{ subject: 'https://acme.example/.well-known/legal-person.json#cs', missing: ['contact'] }, { subject: 'https://acme.example/so/vm-small.json#cs', missing: ['price', 'location'] }]);
    expect(result.manifest.provider).toMatchObject({ id: 'https://acme.example/.well-known/legal-person.json#cs', name: 'ACME Cloud GmbH', registrationNumbers: [{ type: 'vatID', value: 'DE123456789' }],
      legalAddress: { country: 'DE', street: 'Hauptstr. 1', locality: 'Berlin', postalCode: '10115' }, headquarters: { country: 'DE' } });
    expect(result.manifest.offerings[0]).toMatchObject({ kind: 'VirtualMachineOffering', name: 'ACME VM Small', vcpu: 4, memory: { value: 16, unit: 'GiB' }, disk: { value: 50, unit: 'GB' },
      cpuArchitecture: 'X86_64', images: [{ name: 'Debian 12' }], keywords: ['IaaS'], dataProtectionRegimes: ['GDPR2016'], terms: [{ url: 'https://acme.example/tc.pdf', hash: 'd'.repeat(64) }] });
    // Without the notary's credential the number is missing, and said so.
    expect(gaiaXToManifest([person, vm]).unmapped).toEqual([expect.stringContaining('registration number https://acme.example/.well-known/vatid.json#cs')]);
    // A VM offering without a server flavour stays a generic offering.
    const bare = { ...vm, credentialSubject: { ...vm.credentialSubject, 'gx:instantiationReq': undefined } };
    expect(gaiaXToManifest([person, bare]).manifest.offerings[0]).toMatchObject({ kind: 'ServiceOffering' });
    expect(() => gaiaXToManifest([vm])).toThrow('no gx:LegalPerson among the credentials');
  });
});

describe('Gaia-X compliance labels under a trust policy', () => {
  it('count as evidence when a clearing house the policy trusts issued them at the level asked', async () => {
    const gxdch = await generateSigningKey();
    const stranger = await generateSigningKey();
    const provider = offeringToGaiaX(scaldis.offerings[0]!, scaldis.provider, options);
    const label = (issuer: string, level: string) => ({
      '@context': ['https://www.w3.org/ns/credentials/v2', GX], id: `urn:uuid:label-${level}-${issuer.slice(-6)}`, type: ['VerifiableCredential', 'gx:LabelCredential'], issuer, validFrom: '2026-12-01T00:00:00Z', validUntil: '2027-03-01T00:00:00Z',
      credentialSubject: { id: `${scaldis.provider.id}#label`, 'gx:labelLevel': level, 'gx:engineVersion': '2.14.0', 'gx:rulesVersion': 'CD25.03',
        'gx:compliantCredentials': [{ id: provider.id, type: 'gx:VirtualMachineServiceOffering', 'gx:digestSRI': 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=' }] },
    });
    const policy = parseTrustPolicy({
      id: 'https://hospital.example/policies/gaia-x', name: 'Gaia-X labelled providers', anchors: [{ name: 'gxdch', did: gxdch.controller }],
      rules: [{ claim: 'Gaia-X label level 1', credentialType: 'gx:LabelCredential', where: { 'gx:labelLevel': 'L1' }, issuers: { anchors: ['gxdch'] } }],
    });
    const credentials = [await issueCredential(label(gxdch.controller, 'L1'), gxdch, { now: NOW }), await issueCredential(label(gxdch.controller, 'SC'), gxdch, { now: NOW }), await issueCredential(label(stranger.controller, 'L1'), stranger, { now: NOW })];
    const outcome = await verifyWithPolicy(credentials, policy, { now: NOW });
    expect(outcome.established.map((e) => [e.claim, e.credential, e.subject])).toEqual([['Gaia-X label level 1', `urn:uuid:label-L1-${gxdch.controller.slice(-6)}`, `${scaldis.provider.id}#label`]]);
    expect(outcome.failed.map((f) => f.reasons.join('; '))).toEqual([expect.stringContaining('gx:labelLevel is SC'), expect.stringContaining(stranger.controller)]);
  });
});
