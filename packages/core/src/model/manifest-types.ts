import type { BillingPeriodSymbol, CountryGroupName } from '@mpli/shapes';
import type { Quantity } from '../quantity/quantity';
import type {
  AssuranceLevel, BillingModel, CertificationScheme, CpuArchitecture, EidasLevel, OfferingKind, SupportHours,
} from './vocabulary-names';

/** A node's identifier: an IRI, or `_:label` for a blank node. */
export type NodeId = string;

/** A price: an exact decimal amount (a string, never a float) in an ISO 4217 currency. */
export interface Price {
  /** The amount as a decimal string, such as "0.042". */
  readonly amount: string;
  readonly currency: string;
  readonly model: BillingModel;
  /** The billing period; absent only for one-time prices. */
  readonly per?: BillingPeriodSymbol;
  /** The quantity the price is for (1 GiB of storage, say); absent when per instance. */
  readonly perQuantity?: Quantity;
}

/** An amount of money per billing period: a price limit or a commitment. */
export interface PriceLimit {
  readonly amount: string;
  readonly currency: string;
  readonly per: BillingPeriodSymbol;
  readonly perQuantity?: Quantity;
}

export interface Location {
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  readonly region?: string;
  readonly dataCenter?: string;
  readonly availabilityZones?: readonly string[];
}

export interface ServiceLevel {
  /** Percent, 0 to 100. */
  readonly availability: number;
  readonly supportHours?: SupportHours;
  readonly recoveryPointObjective?: Quantity;
  readonly recoveryTimeObjective?: Quantity;
  /** IRI of the credential that evidences the SLA. */
  readonly evidence?: string;
}

export interface Certification {
  readonly scheme: CertificationScheme;
  readonly level?: AssuranceLevel;
  /** ISO date. */
  readonly validUntil?: string;
  readonly certificationBody?: string;
  /** IRI of the credential that evidences the certification. */
  readonly evidence?: string;
}

export interface Portability {
  readonly exportFormats: readonly string[];
  readonly migrationSupported?: boolean;
}

export interface Delivery {
  readonly adapter: string;
  readonly parameters: Readonly<Record<string, string | number | boolean>>;
}

/** Terms and conditions, identified by URL and the SHA-256 (hex) of their text. */
export interface TermsReference {
  readonly url: string;
  readonly hash: string;
}

export type Prerequisite =
  | { readonly kind: 'legalIdentity'; readonly credentialType: string; readonly acceptedIssuers?: readonly string[]; readonly minimumEidasLevel?: EidasLevel; readonly qualifiedIssuer?: boolean; readonly description?: string }
  | { readonly kind: 'credential'; readonly credentialType: string; readonly acceptedIssuers?: readonly string[]; readonly description?: string }
  | { readonly kind: 'establishment'; readonly countries?: readonly string[]; readonly groups?: readonly CountryGroupName[]; readonly description?: string }
  | { readonly kind: 'vatNumber'; readonly description?: string }
  | { readonly kind: 'termsAcceptance'; readonly terms: TermsReference; readonly description?: string }
  | { readonly kind: 'minimumCommitment'; readonly commitment: PriceLimit; readonly description?: string };

export interface Gpu {
  readonly model: string;
  readonly count: number;
  readonly memory?: Quantity;
}

export interface Image {
  readonly name: string;
  readonly osFamily?: 'linux' | 'windows' | 'bsd';
}

/** What every offering says, whatever its kind. */
export interface OfferingBase {
  readonly id: NodeId;
  readonly kind: OfferingKind;
  /** The SKU (dcterms:identifier). */
  readonly identifier: string;
  readonly name: string;
  readonly description?: string;
  /** IRI of the provider. */
  readonly provider: NodeId;
  readonly locations: readonly Location[];
  readonly prices: readonly Price[];
  readonly sla?: ServiceLevel;
  readonly certifications: readonly Certification[];
  readonly dataProtectionRegimes: readonly string[];
  readonly portability?: Portability;
  readonly delivery?: Delivery;
  readonly terms: readonly TermsReference[];
  readonly prerequisites: readonly Prerequisite[];
  readonly keywords: readonly string[];
}

export interface VirtualMachineOffering extends OfferingBase {
  readonly kind: 'VirtualMachineOffering';
  readonly vcpu: number;
  readonly memory: Quantity;
  readonly disk?: Quantity;
  readonly cpuArchitecture: CpuArchitecture;
  readonly gpus: readonly Gpu[];
  readonly images: readonly Image[];
}

export type StorageMedia = 'nvme' | 'ssd' | 'hdd';

export interface BlockStorageOffering extends OfferingBase {
  readonly kind: 'BlockStorageOffering';
  readonly minimumSize?: Quantity;
  readonly maximumSize: Quantity;
  readonly iops?: number;
  readonly throughput?: Quantity;
  readonly storageMedia?: StorageMedia;
  readonly replicas?: number;
}

export interface ObjectStorageOffering extends OfferingBase {
  readonly kind: 'ObjectStorageOffering';
  readonly apiCompatibility: readonly string[];
  readonly durability?: number;
  readonly minimumSize?: Quantity;
  readonly maximumSize?: Quantity;
  readonly storageMedia?: StorageMedia;
  readonly replicas?: number;
}

export interface KubernetesOffering extends OfferingBase {
  readonly kind: 'KubernetesOffering';
  readonly kubernetesVersions: readonly string[];
  readonly maximumNodes?: number;
  readonly highAvailability?: boolean;
  readonly cncfCertified?: boolean;
}

export interface DatabaseOffering extends OfferingBase {
  readonly kind: 'DatabaseOffering';
  readonly engine: string;
  readonly engineVersions: readonly string[];
  readonly vcpu?: number;
  readonly memory?: Quantity;
  readonly maximumSize?: Quantity;
  readonly highAvailability?: boolean;
}

export interface NetworkOffering extends OfferingBase {
  readonly kind: 'NetworkOffering';
  readonly publicIPv4?: number;
  readonly ipv6?: boolean;
  readonly bandwidth?: Quantity;
  readonly includedTraffic?: Quantity;
}

export interface GenericOffering extends OfferingBase {
  readonly kind: 'ServiceOffering';
}

/** A service offering of any kind; narrow on `kind`. */
export type Offering =
  | VirtualMachineOffering | BlockStorageOffering | ObjectStorageOffering | KubernetesOffering
  | DatabaseOffering | NetworkOffering | GenericOffering;
