/**
 * The parts of TM Forum's Open API v4 resources MPLI writes and reads: TMF620 Product Catalog
 * (v4.1.0), TMF633 Service Catalog (v4.0.0) and TMF679 Product Offering Qualification (v4.0.0),
 * as DOME access nodes serve the first two. Field names follow the published swagger documents.
 */

/** A period (`TimePeriod`). */
export interface TimePeriod {
  readonly startDateTime?: string;
  readonly endDateTime?: string;
}

/** A value a characteristic may take (`CharacteristicValueSpecification`). */
export interface CharacteristicValue {
  readonly isDefault?: boolean;
  readonly value?: unknown;
  readonly valueType?: string;
  readonly unitOfMeasure?: string;
}

/** A characteristic of a specification: TMF620's `ProductSpecificationCharacteristic`, TMF633's `CharacteristicSpecification`. */
export interface CharacteristicSpec {
  readonly id?: string;
  readonly name: string;
  readonly description?: string;
  readonly valueType?: string;
  readonly configurable?: boolean;
  readonly validFor?: TimePeriod;
}

export interface ProductSpecCharacteristic extends CharacteristicSpec {
  readonly productSpecCharacteristicValue?: readonly CharacteristicValue[];
}

export interface ServiceSpecCharacteristic extends CharacteristicSpec {
  readonly characteristicValueSpecification?: readonly CharacteristicValue[];
}

/** A party with a role (`RelatedParty`): DOME names organisations by their DID. */
export interface RelatedParty {
  readonly id: string;
  readonly href?: string;
  readonly name?: string;
  readonly role?: string;
  readonly '@referredType': string;
}

/** A reference to another resource. */
export interface Ref {
  readonly id: string;
  readonly href?: string;
  readonly name?: string;
  readonly version?: string;
}

/** What every TMF620/TMF633 catalog resource MPLI writes has. */
export interface CatalogResource {
  readonly id: string;
  readonly href?: string;
  readonly name: string;
  readonly description?: string;
  readonly version?: string;
  readonly lifecycleStatus?: string;
  readonly lastUpdate?: string;
  readonly isBundle?: boolean;
  readonly '@type'?: string;
}

/** TMF633 `ServiceSpecification`. */
export interface ServiceSpecification extends CatalogResource {
  readonly relatedParty?: readonly RelatedParty[];
  readonly specCharacteristic?: readonly ServiceSpecCharacteristic[];
}

/** TMF620 `ProductSpecification`. */
export interface ProductSpecification extends CatalogResource {
  readonly brand?: string;
  readonly productNumber?: string;
  readonly relatedParty?: readonly RelatedParty[];
  readonly productSpecCharacteristic?: readonly ProductSpecCharacteristic[];
  readonly serviceSpecification?: readonly Ref[];
}

/** TMF620 `Money`: a currency code and an amount. */
export interface Money {
  readonly unit: string;
  readonly value: number;
}

/** TMF620 `ProductOfferingPrice`. */
export interface ProductOfferingPrice extends CatalogResource {
  readonly priceType?: string;
  readonly recurringChargePeriodType?: string;
  readonly recurringChargePeriodLength?: number;
  readonly price?: Money;
  readonly unitOfMeasure?: { readonly amount?: number; readonly units?: string };
  readonly validFor?: TimePeriod;
}

/** TMF620 `AttachmentRefOrValue`, as terms and conditions are attached. */
export interface Attachment {
  readonly id?: string;
  readonly name?: string;
  readonly url?: string;
  readonly attachmentType?: string;
  readonly description?: string;
  readonly mimeType?: string;
  readonly '@referredType'?: string;
}

/** TMF620 `ProductOffering`. */
export interface ProductOffering extends CatalogResource {
  readonly isSellable?: boolean;
  readonly validFor?: TimePeriod;
  readonly productSpecification?: Ref;
  readonly productOfferingPrice?: readonly Ref[];
  readonly attachment?: readonly Attachment[];
  readonly place?: readonly (Ref & { readonly '@referredType'?: string })[];
}

/** A provider's catalog in TM Forum form: what a DOME access node takes, in the order it takes it. */
export interface TmfCatalog {
  readonly serviceSpecification: readonly ServiceSpecification[];
  readonly productSpecification: readonly ProductSpecification[];
  readonly productOfferingPrice: readonly ProductOfferingPrice[];
  readonly productOffering: readonly ProductOffering[];
}
