import type { Address, Manifest, Offering, Provider, Quantity, TermsReference } from '@mpli/core';

/** The Gaia-X 25.11 context, beside the VC 2.0 one (bundled by `@mpli/trust`, never fetched). */
export const GAIA_X_CONTEXTS = ['https://www.w3.org/ns/credentials/v2', 'https://w3id.org/gaia-x/2511#'] as const;
const CLASSES: Partial<Record<Offering['kind'], string>> = {
  VirtualMachineOffering: 'gx:VirtualMachineServiceOffering', BlockStorageOffering: 'gx:BlockStorageServiceOffering', ObjectStorageOffering: 'gx:ObjectStorageServiceOffering',
};
const ARCHITECTURES = { X86_64: 'x86-64', ARM64: 'arm64', RISCV64: 'riscv64' } as const;
const REGISTRATION = { vatID: ['gx:VatID', 'vatID'], leiCode: ['gx:LeiCode', 'leiCode'], eori: ['gx:EORI', 'eori'], local: ['gx:LocalRegistrationNumber', 'local'] } as const;

/** Options for the Gaia-X exports: who issues the credentials (the provider's DID), and when they hold. */
export interface GaiaXExportOptions {
  readonly issuer: string;
  readonly validFrom: string;
  readonly validUntil?: string;
}

/**
 * The provider as an unsigned Gaia-X 25.11 `gx:LegalPerson` credential: name, legal and
 * headquarters addresses (`gx:Address`, vcard fields), registration numbers as typed nodes
 * (`gx:VatID`, `gx:LeiCode`, `gx:EORI`, `gx:LocalRegistrationNumber`). Sign it with `@mpli/trust`.
 * Gaia-X compliance wants registration numbers attested by a notary in credentials of their own.
 */
export function providerToGaiaX(provider: Provider, options: GaiaXExportOptions): Record<string, unknown> {
  return credential(`${provider.id}#gx-legal-person`, 'gx:LegalPerson', options, {
    id: provider.id, type: 'gx:LegalPerson', name: provider.name,
    registrationNumber: provider.registrationNumbers.map((n) => ({ type: REGISTRATION[n.type][0], [REGISTRATION[n.type][1]]: n.value })),
    legalAddress: address(provider.legalAddress ?? provider.headquarters), headquartersAddress: address(provider.headquarters),
  });
}

/**
 * An offering as an unsigned Gaia-X 25.11 service offering credential: `gx:VirtualMachineServiceOffering`
 * (with its server flavour: vCPUs, CPU architecture, memory, boot disk; and its images),
 * `gx:BlockStorageServiceOffering`, `gx:ObjectStorageServiceOffering`, else `gx:ServiceOffering`;
 * name, description, keywords, data protection regimes, terms and conditions, provided by the
 * manifest's provider. Prices and locations have no Gaia-X property and stay in the MPLI manifest.
 */
export function offeringToGaiaX(offering: Offering, provider: Provider, options: GaiaXExportOptions & { readonly defaultTerms?: readonly TermsReference[] }): Record<string, unknown> {
  const type = CLASSES[offering.kind] ?? 'gx:ServiceOffering';
  // Gaia-X wants the service's terms and conditions; a manifest may state them once, as the terms every consumer accepts.
  const terms = offering.terms.length ? offering.terms : (options.defaultTerms ?? []);
  return credential(`${offering.id}#gx-service-offering`, type, options, {
    id: offering.id, type, name: offering.name, ...(offering.description ? { description: offering.description } : {}), providedBy: provider.id,
    serviceOfferingTermsAndConditions: terms.map((t) => ({ type: 'gx:TermsAndConditions', url: t.url, hash: t.hash })),
    ...(offering.keywords.length ? { keyword: [...offering.keywords] } : {}),
    ...(offering.dataProtectionRegimes.length ? { dataProtectionRegime: [...offering.dataProtectionRegimes] } : {}),
    ...(offering.kind === 'VirtualMachineOffering' ? virtualMachine(offering) : {}),
    ...(offering.kind === 'BlockStorageOffering' || offering.kind === 'ObjectStorageOffering' ? storage(offering) : {}),
  });
}

/** The whole manifest: the provider's LegalPerson credential, then one per offering. */
export function manifestToGaiaX(manifest: Manifest, options: GaiaXExportOptions): Record<string, unknown>[] {
  const defaultTerms = manifest.prerequisites.flatMap((p) => (p.kind === 'termsAcceptance' ? [p.terms] : []));
  return [providerToGaiaX(manifest.provider, options), ...manifest.offerings.map((o) => offeringToGaiaX(o, manifest.provider, { ...options, defaultTerms }))];
}

/** A data size as Gaia-X writes one (`gx:MemorySize`: a value and its unit). */
export const gaiaXSize = (q: Quantity) => ({ type: 'gx:MemorySize', quantityValue: q.value, applicableUnit: q.unit });

function storage(offering: Extract<Offering, { kind: 'BlockStorageOffering' | 'ObjectStorageOffering' }>) {
  return {
    ...(offering.minimumSize ? { minimumSize: gaiaXSize(offering.minimumSize) } : {}),
    ...(offering.maximumSize ? { maximumSize: gaiaXSize(offering.maximumSize) } : {}),
    ...(offering.kind === 'ObjectStorageOffering' && offering.apiCompatibility.length ? { objectAPICompatibility: [...offering.apiCompatibility] } : {}),
  };
}

function virtualMachine(offering: Extract<Offering, { kind: 'VirtualMachineOffering' }>) {
  const size = gaiaXSize;
  return {
    instantiationReq: {
      type: 'gx:ServerFlavor',
      cpu: { type: 'gx:CpuCapabilities', vCPUs: offering.vcpu, pCPU: { type: 'gx:CPU', cpuArchitecture: ARCHITECTURES[offering.cpuArchitecture] } },
      memory: { type: 'gx:MemoryCapabilities', memory: { type: 'gx:Memory', memorySize: size(offering.memory) } },
      ...(offering.disk ? { bootVolume: { type: 'gx:Disk', diskSize: size(offering.disk) } } : {}),
    },
    ...(offering.images.length ? { codeArtifact: offering.images.map((i) => ({ type: 'gx:VMImage', name: i.name })) } : {}),
  };
}

const address = (a: Address) => ({ type: 'gx:Address', countryCode: a.country, ...(a.street ? { streetAddress: a.street } : {}), ...(a.locality ? { locality: a.locality } : {}), ...(a.postalCode ? { postalCode: a.postalCode } : {}) });

function credential(id: string, type: string, options: GaiaXExportOptions, subject: Record<string, unknown>): Record<string, unknown> {
  return { '@context': [...GAIA_X_CONTEXTS], id, type: ['VerifiableCredential', type], issuer: options.issuer, validFrom: options.validFrom, ...(options.validUntil ? { validUntil: options.validUntil } : {}), credentialSubject: subject };
}
