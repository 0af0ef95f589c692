import { describe, expect, it } from 'vitest';
import { mpli } from '@mpli/shapes';
import { buildManifest, Catalog, resolve, type MpliError } from '@mpli/core';
import { catalogOf, manifest, MEMORY, VCPU, vm, vmNeed } from './catalog-fixtures';

const catalog = catalogOf(manifest('one', [vm('a')]));

async function refusal(promise: Promise<unknown>): Promise<MpliError> {
  try {
    await promise;
  } catch (error) {
    return error as MpliError;
  }
  throw new Error('expected a refusal');
}

describe('requirements that nothing could satisfy are refused before any search', () => {
  it('a minimum above the maximum', async () => {
    const error = await refusal(resolve(vmNeed([{ type: 'range', path: MEMORY, label: 'memory', min: { value: 64, unit: 'GiB' }, max: { value: 32, unit: 'GB' } }]), catalog));
    expect(error).toMatchObject({ code: 'INVALID_REQUIREMENTS', message: '"memory": the minimum 64 GiB is above the maximum 32 GB, so nothing can match' });
  });

  it('bounds of different kinds, unknown units and unknown currencies', async () => {
    await expect(resolve(vmNeed([{ type: 'range', path: MEMORY, min: { value: 1, unit: 'GiB' }, max: { value: 1, unit: 'h' } }]), catalog)).rejects.toMatchObject({ code: 'INVALID_REQUIREMENTS' });
    await expect(resolve(vmNeed([{ type: 'range', path: MEMORY, min: { value: 1, unit: 'gigs' } }]), catalog)).rejects.toMatchObject({ code: 'UNKNOWN_UNIT' });
    await expect(resolve(vmNeed([{ type: 'price', max: { amount: '1', currency: 'EURO', per: 'h' } }]), catalog)).rejects.toMatchObject({ code: 'UNKNOWN_CURRENCY' });
  });

  it('a property that does not apply to the kind of offering', async () => {
    const error = await refusal(resolve(vmNeed([{ type: 'value', path: [mpli.kubernetesVersion], allowed: ['1.31'] }]), catalog));
    expect(error.code).toBe('INVALID_REQUIREMENTS');
    expect(error.message).toContain('https://w3id.org/mpli#kubernetesVersion applies to KubernetesOffering, not to VirtualMachineOffering');
  });

  it('a property the vocabulary does not have, an empty set, a level of another scheme', async () => {
    await expect(resolve(vmNeed([{ type: 'range', path: [`${mpli.vcpu}s`], min: 1 }]), catalog)).rejects.toThrow(/is not a property of the MPLI vocabulary/);
    await expect(resolve(vmNeed([{ type: 'value', path: VCPU, allowed: [] }]), catalog)).rejects.toThrow(/allows no value/);
    await expect(resolve(vmNeed([{ type: 'location', countries: ['BE'], excludedCountries: ['BE'] }]), catalog)).rejects.toThrow(/allows no country at all/);
    await expect(resolve(vmNeed([{ type: 'certification', scheme: 'ENS', minimumLevel: 'EUCSHigh' }]), catalog)).rejects.toThrow(/EUCSHigh is a level of EUCS, not of ENS/);
  });

  it('bad rate tables', async () => {
    await expect(resolve(vmNeed([]), catalog, { rates: { base: 'EUR', rates: { CHF: '-1' } } })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('catalog limits', () => {
  it('refuses a manifest that would exceed a limit, naming it, and keeps the catalog as it was', () => {
    const small = new Catalog({ maxOfferings: 3 });
    small.addDataset(buildManifest(manifest('first', [vm('a'), vm('b')])));
    expect(() => small.addDataset(buildManifest(manifest('second', [vm('c'), vm('d')])))).toThrow(
      expect.objectContaining({ code: 'CATALOG_LIMIT', message: 'The catalog would hold 4 offerings, above its limit maxOfferings = 3' }) as Error,
    );
    expect(small.size).toMatchObject({ manifests: 1, offerings: 2 });
    small.addDataset(buildManifest(manifest('first', [vm('a'), vm('b'), vm('c')])));
    expect(small.size).toMatchObject({ manifests: 1, offerings: 3 });
  });

  it('replaces a manifest with the same id whole', () => {
    const replaced = new Catalog();
    replaced.addDataset(buildManifest(manifest('p', [vm('old')])));
    replaced.addDataset(buildManifest(manifest('p', [vm('new1'), vm('new2')])));
    expect(replaced.size.offerings).toBe(2);
    expect(replaced.index().rows).toBe(2);
  });
});
