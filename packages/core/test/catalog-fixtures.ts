import { buildManifest, Catalog, type ManifestInput, type OfferingInput, type Prerequisite, type Requirements } from '@mpli/core';
import { mpli } from '@mpli/shapes';

/** A VM offering with sensible defaults; override what a test is about. */
export function vm(identifier: string, overrides: Partial<Extract<OfferingInput, { kind: 'VirtualMachineOffering' }>> = {}): OfferingInput {
  return {
    kind: 'VirtualMachineOffering',
    identifier,
    name: `VM ${identifier}`,
    vcpu: 4,
    memory: { value: 16, unit: 'GiB' },
    cpuArchitecture: 'X86_64',
    locations: [{ country: 'BE' }],
    prices: [{ amount: '0.10', currency: 'EUR', per: 'h', model: 'PayAsYouGo' }],
    certifications: [{ scheme: 'ISO27001', evidence: 'urn:uuid:cert' }],
    ...overrides,
  } as OfferingInput;
}

/** A provider manifest around some offerings. */
export function manifest(name: string, offerings: readonly OfferingInput[], extra: Partial<ManifestInput> = {}): ManifestInput {
  const base = `https://${name}.example/.well-known/mpli`;
  return {
    id: base,
    modified: '2026-11-01T00:00:00Z',
    provider: {
      id: `https://${name}.example/#provider`,
      name: `${name} SA`,
      registrationNumbers: [{ type: 'vatID', value: 'BE0123456789' }],
      headquarters: { country: 'BE' },
      contacts: [{ email: `sales@${name}.example` }],
    },
    offerings,
    ...extra,
  };
}

/** A catalog of the given manifests. */
export function catalogOf(...manifests: ManifestInput[]): Catalog {
  const catalog = new Catalog();
  for (const input of manifests) catalog.addDataset(buildManifest(input));
  return catalog;
}

/** Requirements with one VM need and the given must-haves (and nice-to-haves). */
export function vmNeed(mustHave: Requirements['mustHave'], niceToHave: Requirements['niceToHave'] = [], consumer: Partial<Requirements['consumer']> = {}): Requirements {
  return {
    id: 'https://consumer.example/req',
    consumer: { id: 'https://consumer.example/#org', name: 'Consumer NV', headquarters: { country: 'BE' }, registrationNumbers: [{ type: 'vatID', value: 'BE0999999999' }], credentials: [], acceptedTerms: [], ...consumer },
    needs: [{ id: 'https://consumer.example/req#vm', kind: 'VirtualMachineOffering', mustHave, niceToHave }],
    mustHave: [],
    niceToHave: [],
  };
}

export const MEMORY = [mpli.memory];
export const VCPU = [mpli.vcpu];
export type { Prerequisite };
