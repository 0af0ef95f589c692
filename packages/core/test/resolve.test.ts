import { describe, expect, it } from 'vitest';
import { Catalog, readRequirements, resolve } from '@mpli/core';
import { catalogOf, manifest, MEMORY, VCPU, vm, vmNeed } from './catalog-fixtures';
import { parseExample, PROVIDER_EXAMPLES } from './examples';

async function exampleCatalog(): Promise<Catalog> {
  const catalog = new Catalog();
  for (const name of PROVIDER_EXAMPLES) catalog.addDataset((await parseExample(name)).store, { source: name });
  return catalog;
}

const ids = (rows: readonly { offering: { identifier: string } }[]) => rows.map((r) => r.offering.identifier);

describe('resolve on the example catalog', () => {
  it('ranks the hospital\'s application servers and explains the near misses', async () => {
    const requirements = readRequirements((await parseExample('requirements-hospital.ttl')).store);
    const result = await resolve(requirements, await exampleCatalog(), { asOf: '2026-12-01' });
    const [servers, volumes] = result.needs;
    expect(ids(servers?.matches ?? [])).toEqual(['vm-m4', 'vm-c8']);
    expect(servers?.matches[0]).toMatchObject({ rank: 1, status: 'match', score: 1, price: '0.067123 EUR/h' });
    expect(servers?.matches[0]?.constraints.find((c) => c.label === 'at most 0.20 EUR an hour')).toMatchObject({ status: 'met', evidence: '49.00 EUR/month = 0.067123 EUR/h' });
    const small = servers?.nearMisses.find((n) => n.offering.identifier === 'vm-s2');
    expect(small?.misses).toBe(2);
    expect(small?.constraints.filter((c) => c.status === 'failed').map((c) => [c.label, c.actual, c.hint])).toEqual([
      ['at least 4 vCPUs', '2', 'lower the minimum to 2 ("at least 4 vCPUs")'],
      ['16 to 64 GiB of memory', '4 GiB', 'lower the minimum to 4 GiB ("16 to 64 GiB of memory")'],
    ]);
    expect(volumes?.counts).toEqual({ matches: 0, needsAction: 0, nearMisses: 1, rejected: 0 });
    expect(volumes?.nearMisses[0]?.constraints.find((c) => c.status !== 'met')).toMatchObject({ label: 'ISO/IEC 27001 certified', status: 'failed', reason: 'no ISO27001 certification' });
  });

  it('checks the provider\'s prerequisites too: a fit that needs action says what to do', async () => {
    const requirements = readRequirements((await parseExample('requirements-ai-startup.jsonld')).store);
    const result = await resolve(requirements, await exampleCatalog(), { asOf: '2026-12-01' });
    const gpu = result.needs.find((n) => n.need.kind === 'VirtualMachineOffering');
    expect(gpu?.matches.map((m) => [m.offering.identifier, m.status])).toEqual([['gpu-h100x2', 'needsAction']]);
    expect(gpu?.matches[0]?.actions.map((a) => a.prerequisite)).toEqual(['legalIdentity', 'termsAcceptance']);
    expect(gpu?.relaxations).toEqual([{ change: 'raise the maximum price to 17500 EUR/month ("at most 5000 EUR a month")', wouldAdd: 1 }]);
    const k8s = result.needs.find((n) => n.need.kind === 'KubernetesOffering');
    expect(k8s?.matches.map((m) => [m.offering.identifier, m.status])).toEqual([['k8s-managed', 'match']]);
  });
});

describe('semantics', () => {
  it('compares GB and GiB exactly', async () => {
    const catalog = catalogOf(manifest('units', [vm('a', { memory: { value: 16, unit: 'GiB' } })]));
    const at = async (value: number) => (await resolve(vmNeed([{ type: 'range', path: MEMORY, min: { value, unit: 'GB' } }]), catalog)).needs[0]?.counts.matches;
    expect(await at(17.179869184)).toBe(1);
    expect(await at(17.179869185)).toBe(0);
  });

  it('converts hours and billing months exactly, at the boundary too', async () => {
    const catalog = catalogOf(manifest('prices', [
      vm('exact', { prices: [{ amount: '146', currency: 'EUR', per: 'month', model: 'Reserved' }] }),
      vm('above', { prices: [{ amount: '146.01', currency: 'EUR', per: 'month', model: 'Reserved' }] }),
    ]));
    const result = await resolve(vmNeed([{ type: 'price', max: { amount: '0.20', currency: 'EUR', per: 'h' } }]), catalog);
    expect(ids(result.needs[0]?.matches ?? [])).toEqual(['exact']);
    expect(result.needs[0]?.nearMisses[0]?.constraints[0]).toMatchObject({ status: 'failed', reason: '146.01 EUR/month = 0.200014 EUR/h, above 0.2 EUR/h' });
  });

  it('converts currencies only with the caller\'s rates, and says so', async () => {
    const catalog = catalogOf(manifest('swiss', [vm('chf', { prices: [{ amount: '0.18', currency: 'CHF', per: 'h', model: 'PayAsYouGo' }] })]));
    const need = vmNeed([{ type: 'price', max: { amount: '0.20', currency: 'EUR', per: 'h' } }]);
    const without = await resolve(need, catalog);
    expect(without.needs[0]?.counts.matches).toBe(0);
    expect(without.needs[0]?.nearMisses[0]?.constraints[0]?.reason).toContain('no exchange rate to EUR was given');
    expect(without.notes).toEqual(['Prices in CHF were not compared with prices in other currencies: no exchange rates were given.']);
    const withRates = await resolve(need, catalog, { rates: { base: 'EUR', rates: { CHF: '0.95' }, date: '2026-12-01' } });
    expect(withRates.needs[0]?.matches[0]?.constraints[0]?.evidence).toBe('0.18 CHF/h = 0.189474 EUR/h');
  });

  it('takes country groups as of a date', async () => {
    const catalog = catalogOf(manifest('london', [vm('uk', { locations: [{ country: 'GB' }] })]));
    const inEu = (asOf: string) => vmNeed([{ type: 'location', groups: ['EU'], asOf }]);
    expect((await resolve(inEu('2019-06-01'), catalog)).needs[0]?.counts.matches).toBe(1);
    expect((await resolve(inEu('2021-01-01'), catalog)).needs[0]?.counts.matches).toBe(0);
  });

  it('orders assurance levels and tells "not evidenced" apart from "fails"', async () => {
    const catalog = catalogOf(manifest('levels', [
      vm('high', { certifications: [{ scheme: 'EUCS', level: 'EUCSHigh', evidence: 'urn:uuid:1' }] }),
      vm('basic', { certifications: [{ scheme: 'EUCS', level: 'EUCSBasic', evidence: 'urn:uuid:2' }] }),
      vm('claimed', { certifications: [{ scheme: 'EUCS', level: 'EUCSHigh' }] }),
    ]));
    const result = await resolve(vmNeed([{ type: 'certification', scheme: 'EUCS', minimumLevel: 'EUCSSubstantial' }]), catalog);
    const need = result.needs[0];
    expect(ids(need?.matches ?? [])).toEqual(['high']);
    const statusOf = (id: string) => need?.nearMisses.find((n) => n.offering.identifier === id)?.constraints[0]?.status;
    expect(statusOf('basic')).toBe('failed');
    expect(statusOf('claimed')).toBe('notEvidenced');
    expect(need?.relaxations).toEqual([{ change: 'accept EUCS at EUCSBasic ("certified EUCS at EUCSSubstantial or higher")', wouldAdd: 1 }]);
  });

  it('ranks by nice-to-haves met and by price, with weights', async () => {
    const catalog = catalogOf(manifest('rank', [
      vm('cheap', { prices: [{ amount: '0.05', currency: 'EUR', per: 'h', model: 'PayAsYouGo' }] }),
      vm('big', { vcpu: 16, prices: [{ amount: '0.10', currency: 'EUR', per: 'h', model: 'PayAsYouGo' }] }),
    ]));
    const need = vmNeed([], [{ type: 'range', path: VCPU, min: 8 }]);
    expect(ids((await resolve(need, catalog)).needs[0]?.matches ?? [])).toEqual(['big', 'cheap']);
    expect(ids((await resolve(need, catalog, { weights: { niceToHave: 0.1, price: 0.9 } })).needs[0]?.matches ?? [])).toEqual(['cheap', 'big']);
  });

  it('suggests the relaxation that adds the offerings failing only on one constraint', async () => {
    const offerings = [0.1, 0.21, 0.19, 0.25, 0.3].map((price, i) => vm(`p${i}`, { prices: [{ amount: String(price), currency: 'EUR', per: 'h', model: 'PayAsYouGo' }] }));
    const result = await resolve(vmNeed([{ type: 'price', max: { amount: '0.2', currency: 'EUR', per: 'h' } }]), catalogOf(manifest('many', offerings)));
    expect(result.needs[0]?.relaxations).toEqual([{ change: 'raise the maximum price to 0.3 EUR/h ("price ≤ 0.2 EUR/h")', wouldAdd: 3 }]);
  });
});
