// The enumerations of the MPLI vocabulary, as the local names of their IRIs. The plain-object
// model uses these names; `mpli[name]` from @mpli/shapes gives the IRI.

/** Kinds of service offering (classes of the vocabulary). */
export const OFFERING_KINDS = [
  'VirtualMachineOffering',
  'BlockStorageOffering',
  'ObjectStorageOffering',
  'KubernetesOffering',
  'DatabaseOffering',
  'NetworkOffering',
  'ServiceOffering',
] as const;
export type OfferingKind = (typeof OFFERING_KINDS)[number];

export const BILLING_MODELS = ['PayAsYouGo', 'Subscription', 'Reserved', 'OneTime'] as const;
export type BillingModel = (typeof BILLING_MODELS)[number];

export const SUPPORT_HOURS = ['Support24x7', 'SupportExtendedHours', 'SupportBusinessHours'] as const;
export type SupportHours = (typeof SUPPORT_HOURS)[number];

export const CPU_ARCHITECTURES = ['X86_64', 'ARM64', 'RISCV64'] as const;
export type CpuArchitecture = (typeof CPU_ARCHITECTURES)[number];

export const CERTIFICATION_SCHEMES = [
  'ISO27001', 'ISO27017', 'ISO27018', 'ISO22301', 'SOC2', 'BSIC5', 'SecNumCloud', 'ENS', 'EUCS',
] as const;
export type CertificationScheme = (typeof CERTIFICATION_SCHEMES)[number];

/** Assurance levels, with the scheme each belongs to and its rank (1 lowest). */
export const ASSURANCE_LEVELS = {
  SOC2Type1: { scheme: 'SOC2', rank: 1 },
  SOC2Type2: { scheme: 'SOC2', rank: 2 },
  C5Type1: { scheme: 'BSIC5', rank: 1 },
  C5Type2: { scheme: 'BSIC5', rank: 2 },
  ENSBasic: { scheme: 'ENS', rank: 1 },
  ENSMedium: { scheme: 'ENS', rank: 2 },
  ENSHigh: { scheme: 'ENS', rank: 3 },
  EUCSBasic: { scheme: 'EUCS', rank: 1 },
  EUCSSubstantial: { scheme: 'EUCS', rank: 2 },
  EUCSHigh: { scheme: 'EUCS', rank: 3 },
} as const satisfies Record<string, { scheme: CertificationScheme; rank: number }>;
export type AssuranceLevel = keyof typeof ASSURANCE_LEVELS;

export const EIDAS_LEVELS = ['EidasLow', 'EidasSubstantial', 'EidasHigh'] as const;
export type EidasLevel = (typeof EIDAS_LEVELS)[number];

export const DATA_PROTECTION_REGIMES = ['GDPR2016', 'LGPD2019', 'PDPA2012', 'CCPA2018', 'VCDPA2021'] as const;
export type DataProtectionRegime = (typeof DATA_PROTECTION_REGIMES)[number];

/** Narrows an arbitrary string to one of a list of names. */
export function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}
