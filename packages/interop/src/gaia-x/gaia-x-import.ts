import type { Address, Location, ManifestInput, OfferingInput, OfferingKind, Price, ProviderInput, RegistrationNumber, TermsReference } from '@mpli/core';
import { all, child, plain, text, typesOf, type Node } from './subject-reader';

/** Gaia-X service offering classes, by the MPLI offering kind they become. */
const KINDS: Readonly<Record<string, OfferingKind>> = {
  VirtualMachineServiceOffering: 'VirtualMachineOffering', BlockStorageServiceOffering: 'BlockStorageOffering', ObjectStorageServiceOffering: 'ObjectStorageOffering',
};
const OFFERING_TYPES = ['ServiceOffering', 'InfrastructureServiceOffering', 'ComputeServiceOffering', 'StorageServiceOffering', 'ContainerServiceOffering', 'BareMetalServiceOffering', 'FileStorageServiceOffering', ...Object.keys(KINDS)];
const REGISTRATION: Readonly<Record<string, [RegistrationNumber['type'], string]>> = { VatID: ['vatID', 'vatID'], LeiCode: ['leiCode', 'leiCode'], EORI: ['eori', 'eori'], LocalRegistrationNumber: ['local', 'local'] };
const ARCHITECTURES: Readonly<Record<string, string>> = { x86: 'X86_64', x8664: 'X86_64', amd64: 'X86_64', arm64: 'ARM64', aarch64: 'ARM64', riscv64: 'RISCV64' };

/** Options for {@link gaiaXToManifest}: what Gaia-X credentials do not say, by offering (its credential subject id). */
export interface GaiaXImportOptions {
  readonly manifestId?: string;
  /** What the LegalPerson does not say of the provider: contacts (an MPLI manifest needs one), DID, manifest location. */
  readonly provider?: Partial<Pick<ProviderInput, 'contacts' | 'did' | 'manifestLocation' | 'trustAnchors'>>;
  /** Prices: Gaia-X credentials hold none, and an MPLI offering needs one. */
  readonly prices?: Readonly<Record<string, readonly Price[]>>;
  /** Where each offering runs (Gaia-X says it through resources MPLI does not read). */
  readonly locations?: Readonly<Record<string, readonly Location[]>>;
}

/** What an import made, what is still missing for a valid manifest, and what it read past. */
export interface GaiaXImport {
  readonly manifest: ManifestInput;
  /** Subjects (the provider, offerings) still missing what a valid MPLI manifest needs. */
  readonly incomplete: readonly { readonly subject: string; readonly missing: readonly ('price' | 'location' | 'contact')[] }[];
  readonly unmapped: readonly string[];
}

/**
 * Reads Gaia-X 25.11 credentials (verified first with `@mpli/trust`: pass the credential objects)
 * into an MPLI manifest: the `gx:LegalPerson` becomes the provider (name, addresses, registration
 * numbers from the `gx:VatID`, `gx:LeiCode`, `gx:EORI` and `gx:LocalRegistrationNumber`
 * credentials it refers to), each `gx:ServiceOffering` an offering (name, description, keywords,
 * data protection regimes, terms and conditions; for virtual machines the server flavour's vCPUs,
 * memory, boot disk and CPU architecture, and the images). Prices and locations, which Gaia-X
 * credentials do not hold, come from the options; what is still missing is listed.
 */
export function gaiaXToManifest(credentials: readonly Readonly<Record<string, unknown>>[], options: GaiaXImportOptions = {}): GaiaXImport {
  const subjects = credentials.flatMap((c) => all(plain(c), 'credentialSubject').map(plain));
  const byId = new Map(subjects.filter((s) => typeof s.id === 'string').map((s) => [s.id as string, s]));
  const person = subjects.find((s) => typesOf(s).includes('LegalPerson'));
  if (!person) throw new TypeError('gaiaXToManifest: no gx:LegalPerson among the credentials');
  const unmapped: string[] = [];
  const provider = { ...providerOf(person, byId, unmapped), ...options.provider };
  const incomplete: GaiaXImport['incomplete'][number][] = provider.contacts?.length ? [] : [{ subject: provider.id, missing: ['contact'] }];
  const offerings = subjects.filter((s) => typesOf(s).some((t) => OFFERING_TYPES.includes(t))).map((s) => {
    const id = String(s.id ?? '');
    const prices = options.prices?.[id] ?? [];
    const locations = options.locations?.[id] ?? [];
    const missing = [...(prices.length ? [] : ['price' as const]), ...(locations.length ? [] : ['location' as const])];
    if (missing.length) incomplete.push({ subject: id, missing });
    return offeringOf(s, provider.id, prices, locations);
  });
  return { manifest: { ...(options.manifestId ? { id: options.manifestId } : {}), provider, offerings }, incomplete, unmapped };
}

function providerOf(person: Node, byId: ReadonlyMap<string, Node>, unmapped: string[]): ProviderInput {
  const registrationNumbers = all(person, 'registrationNumber').flatMap((ref) => {
    const node = plain(ref);
    const full = typeof node.id === 'string' && byId.has(node.id) ? byId.get(node.id)! : node;
    const kind = typesOf(full).map((t) => REGISTRATION[t]).find(Boolean);
    const value = kind ? text(full, kind[1]) : undefined;
    if (!kind || !value) unmapped.push(`registration number ${String(node.id ?? typesOf(full).join(','))} (not among the credentials, or of a kind MPLI does not hold)`);
    return kind && value ? [{ type: kind[0], value }] : [];
  });
  const headquarters = addressOf(child(person, 'headquartersAddress'));
  const legal = addressOf(child(person, 'legalAddress'));
  return {
    id: String(person.id), name: text(person, 'name') ?? String(person.id), registrationNumbers, headquarters: headquarters ?? legal ?? { country: 'ZZ' },
    ...(legal ? { legalAddress: legal } : {}),
  };
}

function addressOf(node: Node): Address | undefined {
  const country = text(node, 'countryCode');
  if (!country) return undefined;
  const optional = (key: keyof Address, from: string) => (text(node, from) ? { [key]: text(node, from)! } : {});
  return { country, ...optional('street', 'streetAddress'), ...optional('locality', 'locality'), ...optional('postalCode', 'postalCode') };
}

function offeringOf(s: Node, provider: string, prices: readonly Price[], locations: readonly Location[]): OfferingInput {
  const id = String(s.id);
  const kind = typesOf(s).map((t) => KINDS[t]).find(Boolean) ?? 'ServiceOffering';
  const terms: TermsReference[] = all(s, 'serviceOfferingTermsAndConditions').map(plain).flatMap((t) => (text(t, 'url') && text(t, 'hash') ? [{ url: text(t, 'url')!, hash: text(t, 'hash')! }] : []));
  const base = {
    id, identifier: id.replace(/^.*[/#]/, '') || id, name: text(s, 'name') ?? id, ...(text(s, 'description') ? { description: text(s, 'description')! } : {}),
    provider, prices, locations, terms, keywords: all(s, 'keyword').map(String), dataProtectionRegimes: all(s, 'dataProtectionRegime').map(String),
  };
  // A VM offering needs its size; without a server flavour that states it, the offering stays generic.
  const flavour = kind === 'VirtualMachineOffering' ? flavourOf(s) : undefined;
  if (kind === 'BlockStorageOffering' || kind === 'ObjectStorageOffering') return { ...base, kind, ...storageOf(s, kind) } as OfferingInput;
  return (flavour ? { ...base, kind, ...flavour } : { ...base, kind: kind === 'VirtualMachineOffering' ? 'ServiceOffering' : kind }) as OfferingInput;
}

/** A data size as Gaia-X writes one (`gx:MemorySize`), if it states one. */
function sizeOf(node: Node): { value: number; unit: string } | undefined {
  const value = Number(text(node, 'quantityValue'));
  const unit = text(node, 'applicableUnit');
  return Number.isFinite(value) && unit ? { value, unit } : undefined;
}

function storageOf(s: Node, kind: 'BlockStorageOffering' | 'ObjectStorageOffering') {
  const min = sizeOf(child(s, 'minimumSize'));
  const max = sizeOf(child(s, 'maximumSize'));
  return { ...(min ? { minimumSize: min } : {}), ...(max ? { maximumSize: max } : {}), ...(kind === 'ObjectStorageOffering' ? { apiCompatibility: all(s, 'objectAPICompatibility').map(String) } : {}) };
}

/** A VM offering's size from its first server flavour (`gx:instantiationReq`), and its images. */
function flavourOf(s: Node) {
  const flavour = child(s, 'instantiationReq');
  const cpu = child(flavour, 'cpu');
  const memory = child(child(flavour, 'memory'), 'memory');
  const size = sizeOf;
  const vcpu = Number(text(cpu, 'vCPUs'));
  const memorySize = size(child(memory, 'memorySize'));
  if (!Number.isInteger(vcpu) || !memorySize) return undefined;
  const architecture = ARCHITECTURES[(text(child(cpu, 'pCPU'), 'cpuArchitecture') ?? 'x86-64').toLowerCase().replace(/[^a-z0-9]/g, '')] ?? 'X86_64';
  const disk = size(child(child(flavour, 'bootVolume'), 'diskSize'));
  const images = all(s, 'codeArtifact').map(plain).map((image) => ({ name: text(image, 'name') ?? text(image, 'operatingSystem') ?? String(image.id ?? 'image') }));
  return { vcpu, memory: memorySize, ...(disk ? { disk } : {}), cpuArchitecture: architecture, images, gpus: [] };
}
