import { describe, expect, it } from 'vitest';
import { mpli } from '@mpli/shapes';
import { MpliError, readManifest, readRequirements, parseRdf } from '@mpli/core';
import { parseExample } from './examples';

describe('readManifest', () => {
  it('reads a Turtle manifest into the typed model', async () => {
    const manifest = readManifest((await parseExample('scaldis-cloud.ttl')).store);
    expect(manifest.provider).toMatchObject({
      name: 'Scaldis Cloud SRL',
      headquarters: { country: 'BE', locality: 'Gent', postalCode: '9000' },
      did: 'did:web:scaldis.example',
      peers: ['https://rheinwerk.example/.well-known/mpli'],
    });
    expect(manifest.provider.registrationNumbers).toEqual(expect.arrayContaining([{ type: 'vatID', value: 'BE0712345678' }, { type: 'leiCode', value: '5493001KJTIIGC8Y1R12' }]));
    expect(manifest.offerings.map((o) => o.kind).sort()).toEqual(['BlockStorageOffering', 'ObjectStorageOffering', 'VirtualMachineOffering', 'VirtualMachineOffering']);
    const medium = manifest.offerings.find((o) => o.identifier === 'vm-m4');
    expect(medium?.kind === 'VirtualMachineOffering' && medium.memory).toEqual({ value: 16, unit: 'GiB' });
    expect(medium?.prices).toEqual(expect.arrayContaining([{ amount: '49.00', currency: 'EUR', model: 'Reserved', per: 'month' }]));
    expect(manifest.prerequisites.map((p) => p.kind).sort()).toEqual(['establishment', 'termsAcceptance', 'vatNumber']);
  });

  it('reads the same model from JSON-LD', async () => {
    const manifest = readManifest((await parseExample('rheinwerk-cloud.jsonld')).store);
    const k8s = manifest.offerings.find((o) => o.kind === 'KubernetesOffering');
    expect(k8s).toMatchObject({ kubernetesVersions: expect.arrayContaining(['1.31']), highAvailability: true, maximumNodes: 200 });
    expect(k8s?.locations[0]).toEqual({ country: 'DE', region: 'fra', availabilityZones: expect.arrayContaining(['fra-1', 'fra-2']) });
    expect(manifest.provider.trustAnchors).toHaveLength(2);
    expect(manifest.prerequisites).toContainEqual(expect.objectContaining({ kind: 'legalIdentity', minimumEidasLevel: 'EidasSubstantial' }));
  });

  it('reads GPUs, minimum commitments and qualified identity prerequisites', async () => {
    const manifest = readManifest((await parseExample('nuage-souverain.ttl')).store);
    const gpu = manifest.offerings.find((o) => o.identifier === 'gpu-h100x2');
    expect(gpu?.kind === 'VirtualMachineOffering' && gpu.gpus).toEqual([{ model: 'NVIDIA H100', count: 2, memory: { value: 80, unit: 'GB' } }]);
    expect(manifest.prerequisites).toContainEqual(expect.objectContaining({ kind: 'minimumCommitment', commitment: { amount: '5000', currency: 'EUR', per: 'month' } }));
    expect(manifest.prerequisites).toContainEqual(expect.objectContaining({ kind: 'legalIdentity', qualifiedIssuer: true, minimumEidasLevel: 'EidasHigh' }));
  });

  it('names the node and property when a required value is missing', async () => {
    const text = '@prefix mpli: <https://w3id.org/mpli#> . @prefix dcterms: <http://purl.org/dc/terms/> .\n<https://x.example/m> a mpli:Manifest ; dcterms:publisher <https://x.example/p> ; dcterms:modified "2026-01-01T00:00:00Z" .\n<https://x.example/p> a mpli:Provider .';
    const { store } = await parseRdf(text);
    expect(() => readManifest(store)).toThrow(MpliError);
    expect(() => readManifest(store)).toThrow(/https:\/\/x\.example\/p has no usable schema:name/);
  });

  it('insists on exactly one manifest unless told which', async () => {
    const { store } = await parseRdf('<https://a.example/x> a <https://w3id.org/mpli#Thing> .');
    expect(() => readManifest(store)).toThrow(/found 0/);
  });
});

describe('readRequirements', () => {
  it('reads needs, global and per-need constraints, sequence paths and quantities', async () => {
    const requirements = readRequirements((await parseExample('requirements-hospital.ttl')).store);
    expect(requirements.consumer).toMatchObject({ name: 'AZ Sint-Lieven VZW', headquarters: { country: 'BE' } });
    expect(requirements.mustHave).toContainEqual(expect.objectContaining({ type: 'location', groups: ['EU'] }));
    const servers = requirements.needs.find((need) => need.kind === 'VirtualMachineOffering');
    expect(servers?.mustHave).toContainEqual(expect.objectContaining({ type: 'range', path: [mpli.memory], min: { value: 16, unit: 'GiB' }, max: { value: 64, unit: 'GiB' } }));
    expect(servers?.niceToHave).toContainEqual(expect.objectContaining({ type: 'range', path: [mpli.sla, mpli.availability], min: 99.95 }));
    expect(servers?.mustHave).toContainEqual(expect.objectContaining({ type: 'price', max: { amount: '0.20', currency: 'EUR', per: 'h' } }));
  });

  it('reads JSON-LD lists as sequence paths and booleans as booleans', async () => {
    const requirements = readRequirements((await parseExample('requirements-ai-startup.jsonld')).store);
    const gpu = requirements.needs.find((need) => need.kind === 'VirtualMachineOffering');
    expect(gpu?.mustHave).toContainEqual(expect.objectContaining({ type: 'range', path: [mpli.gpu, mpli.gpuCount], min: 2 }));
    const k8s = requirements.needs.find((need) => need.kind === 'KubernetesOffering');
    expect(k8s?.mustHave).toContainEqual(expect.objectContaining({ type: 'value', allowed: [true] }));
    expect(requirements.consumer.maximumCommitment).toEqual({ amount: '20000', currency: 'EUR', per: 'month' });
  });
});

describe('texts in several languages', () => {
  it('picks the same name whatever order the store returns them in', async () => {
    const text = (order: string) => `@prefix schema: <https://schema.org/> . <https://x.example/o> schema:name ${order} .`;
    const { NodeReader } = await import('@mpli/core');
    const { DataFactory } = await import('n3');
    for (const order of ['"Machine"@fr, "Machine EN"@en', '"Machine EN"@en, "Machine"@fr']) {
      const { store } = await parseRdf(text(order));
      expect(new NodeReader(store, DataFactory.namedNode('https://x.example/o')).text('https://schema.org/name')).toBe('Machine EN');
    }
    const { store } = await parseRdf(text('"Machine"@fr, "Plain"'));
    expect(new NodeReader(store, DataFactory.namedNode('https://x.example/o')).text('https://schema.org/name')).toBe('Plain');
  });
});
