import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildManifest, Catalog, parseRdf, readManifest, readRequirements, resolve, validateDataset, type Manifest } from '@mpli/core';
import { manifestToTmf, matchToTmf679, tmfId, tmfToManifest, type TmfCatalog } from '@mpli/interop';
import { tmfSchema } from './tmf-schema';

const examples = new URL('../../../examples/manifests/', import.meta.url);
const read = async (file: string) => (await parseRdf(readFileSync(new URL(file, examples), 'utf8'), { source: file })).store;
const manifests: Manifest[] = await Promise.all(['scaldis-cloud.ttl', 'rheinwerk-cloud.jsonld', 'nuage-souverain.ttl'].map(async (f) => readManifest(await read(f))));
const tmf620 = tmfSchema('tmf620-v4.1.0');
const tmf633 = tmfSchema('tmf633-v4.0.0');
const tmf679 = tmfSchema('tmf679-v4.0.0');
// Prices are decimals: "0.10" and "0.1" are the same amount (TMF's Money holds a JSON number).
const sameAmounts = (m: Manifest) => m.offerings.map((o) => ({ ...o, prices: o.prices.map((p) => ({ ...p, amount: String(Number(p.amount)) })) }));

describe('DOME: manifests as TMF620 and TMF633 catalogs', () => {
  it('writes resources of the published v4 shapes, each referring only to what comes before it', () => {
    for (const manifest of manifests) {
      const tmf = manifestToTmf(manifest);
      expect(tmf.productOffering).toHaveLength(manifest.offerings.length);
      for (const s of tmf.serviceSpecification) expect(tmf633.problems('ServiceSpecification', s), s.name).toEqual([]);
      for (const s of tmf.productSpecification) expect(tmf620.problems('ProductSpecification', s), s.name).toEqual([]);
      for (const p of tmf.productOfferingPrice) expect(tmf620.problems('ProductOfferingPrice', p), p.name).toEqual([]);
      for (const o of tmf.productOffering) expect(tmf620.problems('ProductOffering', o), o.name).toEqual([]);
      const seen = new Set<string>();
      for (const list of [tmf.serviceSpecification, tmf.productSpecification, tmf.productOfferingPrice, tmf.productOffering] as readonly (readonly { id: string }[])[]) {
        for (const item of list) {
          const refs = JSON.stringify(item).match(/"id":"(urn:ngsi-ld:[^"]+)"/g)?.map((r) => r.slice(6, -1)).filter((id) => id !== item.id) ?? [];
          for (const ref of refs) expect(seen.has(ref), `${item.id} refers to ${ref} before it exists`).toBe(true);
          seen.add(item.id);
        }
      }
      // Exporting again gives the same ids: a catalog is updated, not duplicated.
      expect(manifestToTmf(manifest).productOffering.map((o) => o.id)).toEqual(tmf.productOffering.map((o) => o.id));
    }
  });

  it('follows DOME\'s conventions: the owner by DID, Compliance characteristics, price types', () => {
    const scaldis = manifestToTmf(manifests[0]!);
    const spec = scaldis.productSpecification.find((s) => s.productNumber === 'vm-m4')!;
    expect(spec.relatedParty).toEqual([{ id: 'did:web:scaldis.example', name: 'Scaldis Cloud SRL', role: 'Owner', '@referredType': 'Organization' }]);
    expect(spec.productSpecCharacteristic!.filter((c) => c.name.startsWith('Compliance:')).map((c) => c.name)).toEqual(expect.arrayContaining(['Compliance:ISO/IEC 27001']));
    const hourly = scaldis.productOfferingPrice.find((p) => p.name.startsWith('Medium VM'))!;
    expect(hourly).toMatchObject({ priceType: 'usage', price: { unit: 'EUR' }, unitOfMeasure: { amount: 1, units: 'hour' }, recurringChargePeriodType: 'month', recurringChargePeriodLength: 1 });
    const monthly = manifestToTmf(manifests[1]!).productOfferingPrice.find((p) => p.priceType === 'recurring-prepaid')!;
    expect(monthly).toMatchObject({ price: { unit: 'EUR', value: 99 }, recurringChargePeriodType: 'month', recurringChargePeriodLength: 1 });
  });

  it('reads its own catalogs back without losing an offering\'s fields, and the result validates', async () => {
    for (const manifest of manifests) {
      const back = tmfToManifest(JSON.parse(JSON.stringify(manifestToTmf(manifest))) as TmfCatalog, { provider: manifest.provider, manifestId: manifest.id });
      expect(back.skipped).toEqual([]);
      expect(back.unmapped).toEqual([]);
      const store = buildManifest({ ...back.manifest, modified: manifest.modified, prerequisites: manifest.prerequisites });
      expect(sameAmounts(readManifest(store))).toEqual(sameAmounts(manifest));
      expect((await validateDataset(store)).problems).toEqual([]);
    }
  });

  it('reads a catalog written by someone else: DOME price types, Compliance names, what it cannot place listed', async () => {
    const spec = 'urn:ngsi-ld:product-specification:f3ef0b94-5a17-4a6d-9e41-1d7f0e2c9a10';
    const foreign: TmfCatalog = {
      serviceSpecification: [],
      productSpecification: [{
        id: spec, href: spec, name: 'vCPU Service Product', brand: 'ACME', lifecycleStatus: 'Launched', productNumber: 'acme-vcpu',
        relatedParty: [{ id: 'urn:ngsi-ld:organization:98a6', role: 'Owner', '@referredType': '' }],
        productSpecCharacteristic: [
          { name: 'ram', valueType: 'number', productSpecCharacteristicValue: [{ value: 8, unitOfMeasure: 'GB', isDefault: true }] },
          { name: 'Compliance:ISO/IEC 27001', productSpecCharacteristicValue: [{ value: 'https://acme.example/iso27001.pdf', isDefault: true }] },
          { name: 'Compliance:BSI-C5', validFor: { endDateTime: '2027-06-30T00:00:00Z' }, productSpecCharacteristicValue: [{ value: 'certificate on request', isDefault: true }] },
        ],
      }],
      productOfferingPrice: [
        { id: 'urn:ngsi-ld:product-offering-price:1', name: 'setup', priceType: 'one time', price: { unit: 'EUR', value: 50 } },
        { id: 'urn:ngsi-ld:product-offering-price:2', name: 'per hour', priceType: 'usage', price: { unit: 'EUR', value: 0.05 }, unitOfMeasure: { amount: 1, units: 'hour' }, recurringChargePeriodType: 'month', recurringChargePeriodLength: 1 },
        { id: 'urn:ngsi-ld:product-offering-price:3', name: 'discount', priceType: 'discount', price: { unit: 'EUR', value: 5 } },
      ],
      productOffering: [
        { id: 'urn:ngsi-ld:product-offering:a', name: 'vCPU on demand', description: 'Virtual CPUs by the hour', productSpecification: { id: spec }, productOfferingPrice: [1, 2, 3].map((n) => ({ id: `urn:ngsi-ld:product-offering-price:${n}` })) },
        { id: 'urn:ngsi-ld:product-offering:b', name: 'Orphan', productSpecification: { id: 'urn:ngsi-ld:product-specification:missing' } },
      ],
    };
    const provider = { ...manifests[0]!.provider, id: 'https://acme.example/#provider', name: 'ACME Cloud', manifestLocation: 'https://acme.example/.well-known/mpli' };
    const result = tmfToManifest(foreign, { provider });
    expect(result.skipped).toEqual([{ id: 'urn:ngsi-ld:product-offering:b', reason: 'its product specification urn:ngsi-ld:product-specification:missing is not in the catalog' }]);
    expect(result.unmapped.map((u) => u.what)).toEqual(['characteristic "ram"', expect.stringContaining('has the price type "discount"')]);
    const [offering] = result.manifest.offerings;
    expect(offering).toMatchObject({
      id: 'https://acme.example/.well-known/mpli#acme-vcpu', kind: 'ServiceOffering', identifier: 'acme-vcpu', name: 'vCPU on demand',
      prices: [{ amount: '50', currency: 'EUR', model: 'OneTime' }, { amount: '0.05', currency: 'EUR', model: 'PayAsYouGo', per: 'h' }],
      certifications: [{ scheme: 'ISO27001', evidence: 'https://acme.example/iso27001.pdf' }, { scheme: 'BSIC5', validUntil: '2027-06-30' }],
    });
    const built = readManifest(buildManifest(result.manifest));
    expect(built.offerings[0]!.prices).toHaveLength(2);
  });
});

describe('DOME: a match result as a TMF679 qualification', () => {
  it('qualifies the matches, and gives each near miss its reasons', async () => {
    const catalog = new Catalog();
    for (const f of ['scaldis-cloud.ttl', 'rheinwerk-cloud.jsonld', 'nuage-souverain.ttl']) catalog.addDataset(await read(f), { source: f });
    const requirements = readRequirements(await read('requirements-hospital.ttl'));
    const result = await resolve(requirements, catalog, { asOf: '2026-12-01', top: 3 });
    const answer = matchToTmf679(result, { id: 'urn:ngsi-ld:product-offering-qualification:demo', consumer: { id: 'did:web:az-sint-lieven.example', name: requirements.consumer.name }, now: new Date('2026-12-01T09:00:00Z') });
    expect(tmf679.problems('ProductOfferingQualification', answer)).toEqual([]);
    expect(answer).toMatchObject({ state: 'done', qualificationResult: 'yellow', expirationDate: '2026-12-31T09:00:00.000Z', relatedParty: [{ role: 'Buyer' }] });
    const first = answer.productOfferingQualificationItem[0]!;
    expect(first).toMatchObject({ qualificationItemResult: 'qualified', productOffering: { id: tmfId('product-offering', 'https://scaldis.example/.well-known/mpli#vm-m4'), name: 'Medium VM, 4 vCPU / 16 GiB' } });
    const unqualified = answer.productOfferingQualificationItem.filter((i) => i.qualificationItemResult === 'unqualified');
    expect(unqualified.length).toBeGreaterThan(0);
    for (const item of unqualified) expect(item.eligibilityUnavailabilityReason!.length, item.productOffering.name).toBeGreaterThan(0);
  });
});
