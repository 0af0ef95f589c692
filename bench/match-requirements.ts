import { mpli } from '@mpli/shapes';
import type { Requirements } from '@mpli/core';

/** Seven must-haves: ranges with unit conversion, a value, a country group, two certifications, a price. */
export const BENCH_REQUIREMENTS: Requirements = {
  id: 'urn:bench:req',
  consumer: { id: 'urn:bench:consumer', name: 'Bench', registrationNumbers: [], credentials: [], acceptedTerms: [] },
  needs: [{
    id: 'urn:bench:need',
    kind: 'VirtualMachineOffering',
    mustHave: [
      { type: 'range', path: [mpli.vcpu], min: 4 },
      { type: 'range', path: [mpli.memory], min: { value: 16, unit: 'GiB' }, max: { value: 256, unit: 'GB' } },
      { type: 'value', path: [mpli.cpuArchitecture], allowed: [{ iri: mpli.X86_64 }] },
      { type: 'location', groups: ['EU'] },
      { type: 'certification', scheme: 'ISO27001' },
      { type: 'certification', scheme: 'EUCS', minimumLevel: 'EUCSSubstantial' },
      { type: 'price', max: { amount: '0.5', currency: 'EUR', per: 'h' } },
    ],
    niceToHave: [],
  }],
  mustHave: [],
  niceToHave: [],
};

