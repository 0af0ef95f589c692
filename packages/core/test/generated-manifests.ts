import { buildManifest, readManifest, type CompactDataset, type OfferingInput } from '@mpli/core';
import { manifest } from './catalog-fixtures';

/** `providers` valid manifests of `offerings` VM offerings each, for volume tests. */
export function generateManifests(providers: number, offerings: number): { id: string; dataset: CompactDataset }[] {
  return Array.from({ length: providers }, (_, p) => {
    const list: OfferingInput[] = Array.from({ length: offerings }, (_, o) => ({
      kind: 'VirtualMachineOffering',
      identifier: `vm-${o}`,
      name: `VM ${o}`,
      vcpu: 1 + (o % 32),
      memory: { value: 1 + (o % 64), unit: o % 2 ? 'GiB' : 'GB' },
      cpuArchitecture: 'X86_64',
      locations: [{ country: ['BE', 'DE', 'FR', 'NL'][o % 4] ?? 'BE' }],
      prices: [{ amount: (0.01 * (1 + (o % 50))).toFixed(2), currency: 'EUR', per: 'h', model: 'PayAsYouGo' }],
    }));
    const dataset = buildManifest(manifest(`bulk${p}`, list));
    return { id: readManifest(dataset).id, dataset };
  });
}
