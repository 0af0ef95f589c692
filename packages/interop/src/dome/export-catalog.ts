import type { Manifest, Offering } from '@mpli/core';
import { DOME_COMPLIANCE_NAMES } from './compliance-names';
import { encodeCharacteristic, type EncodedCharacteristic } from './characteristics';
import { priceToTmf } from './prices';
import { tmfId } from './tmf-ids';
import type { ProductOffering, ProductOfferingPrice, ProductSpecCharacteristic, ProductSpecification, RelatedParty, ServiceSpecification, TmfCatalog } from './tmf-types';

/** Fields of every offering that say how it is sold, held by the product specification. */
export const COMMERCIAL_FIELDS = ['locations', 'sla', 'certifications', 'dataProtectionRegimes', 'portability', 'delivery', 'prerequisites', 'keywords'] as const;
/** Fields TMF holds in its own properties (name, number, prices, terms), not as characteristics. */
const OWN_PROPERTIES = new Set(['id', 'kind', 'identifier', 'name', 'description', 'provider', 'prices', 'terms', ...COMMERCIAL_FIELDS]);

/** Options for {@link manifestToTmf}. */
export interface TmfExportOptions {
  /** The lifecycle status of everything exported. DOME lists only `Launched` items. Default `Launched`. */
  readonly lifecycleStatus?: string;
  /** The version written on each resource. Default `1.0`. */
  readonly version?: string;
}

/**
 * A provider manifest as the TM Forum resources a DOME access node takes, in the order it takes
 * them (a reference must exist before it is used): per offering a TMF633 ServiceSpecification (the
 * technical characteristics: vCPU, memory, GPUs…), a TMF620 ProductSpecification (the commercial
 * ones: locations, SLA, certifications, also as DOME's `Compliance:<name>` characteristics, and
 * the offering's kind and IRI), a ProductOfferingPrice per price, and the ProductOffering (terms
 * and conditions attached). Ids are stable NGSI-LD URNs; the provider is the `Owner` party, named
 * by its DID. {@link tmfToManifest} reads it all back.
 *
 * @example
 * const tmf = manifestToTmf(readManifest(store));
 * for (const spec of tmf.productSpecification) await post('/productSpecification', spec);
 */
export function manifestToTmf(manifest: Manifest, options: TmfExportOptions = {}): TmfCatalog {
  const common = { version: options.version ?? '1.0', lifecycleStatus: options.lifecycleStatus ?? 'Launched', lastUpdate: manifest.modified };
  const owner: RelatedParty = { id: manifest.provider.did ?? manifest.provider.id, name: manifest.provider.name, role: 'Owner', '@referredType': 'Organization' };
  const catalog = { serviceSpecification: [] as ServiceSpecification[], productSpecification: [] as ProductSpecification[], productOfferingPrice: [] as ProductOfferingPrice[], productOffering: [] as ProductOffering[] };
  for (const offering of manifest.offerings) {
    const fields = offering as unknown as Record<string, unknown>;
    const service = serviceSpecification(offering, fields, owner, common);
    const product = productSpecification(offering, fields, owner, common, service);
    const prices = offering.prices.map((price, i) => ({ ...priceToTmf(price, tmfId('product-offering-price', `${offering.id}#price-${i}`), offering.name), version: common.version, lifecycleStatus: common.lifecycleStatus }));
    const id = tmfId('product-offering', offering.id);
    catalog.serviceSpecification.push(service);
    catalog.productSpecification.push(product);
    catalog.productOfferingPrice.push(...prices);
    catalog.productOffering.push({
      id, href: id, '@type': 'ProductOffering', name: offering.name, ...(offering.description ? { description: offering.description } : {}), ...common,
      isBundle: false, isSellable: true, validFor: { startDateTime: manifest.modified },
      productSpecification: { id: product.id, href: product.id, name: product.name, version: common.version },
      productOfferingPrice: prices.map((p) => ({ id: p.id, href: p.id, name: p.name })),
      ...(offering.terms.length ? { attachment: offering.terms.map((t) => ({ name: 'Terms and conditions', attachmentType: 'termsAndConditions', url: t.url, description: `sha256:${t.hash}`, '@referredType': 'Attachment' })) } : {}),
    });
  }
  return catalog;
}

type Common = { version: string; lifecycleStatus: string; lastUpdate: string };

function serviceSpecification(offering: Offering, fields: Record<string, unknown>, owner: RelatedParty, common: Common): ServiceSpecification {
  const id = tmfId('service-specification', offering.id);
  const characteristics = Object.keys(fields).filter((k) => !OWN_PROPERTIES.has(k)).sort().flatMap((k) => encoded(k, fields[k]));
  return {
    id, href: id, '@type': 'ServiceSpecification', name: `${offering.name} (service)`, ...(offering.description ? { description: offering.description } : {}), ...common, isBundle: false,
    relatedParty: [owner], specCharacteristic: characteristics.map(({ values, ...c }) => ({ ...c, configurable: false, characteristicValueSpecification: values })),
  };
}

function productSpecification(offering: Offering, fields: Record<string, unknown>, owner: RelatedParty, common: Common, service: ServiceSpecification): ProductSpecification {
  const id = tmfId('product-specification', offering.id);
  const own = [...encoded('kind', offering.kind), ...encoded('iri', offering.id), ...COMMERCIAL_FIELDS.flatMap((k) => encoded(k, fields[k]))];
  // DOME's marketplace shows certifications as `Compliance:<name>` characteristics, the value a link to the evidence.
  const compliance: ProductSpecCharacteristic[] = offering.certifications.map((c) => ({
    name: `Compliance:${DOME_COMPLIANCE_NAMES[c.scheme]}`, valueType: 'string', configurable: false,
    ...(c.validUntil ? { validFor: { endDateTime: `${c.validUntil}T23:59:59Z` } } : {}),
    productSpecCharacteristicValue: [{ isDefault: true, value: c.evidence ?? '', valueType: 'string' }],
  }));
  return {
    id, href: id, '@type': 'ProductSpecification', name: offering.name, ...(offering.description ? { description: offering.description } : {}), ...common,
    brand: owner.name ?? '', productNumber: offering.identifier, isBundle: false, relatedParty: [owner],
    serviceSpecification: [{ id: service.id, href: service.id, name: service.name, version: common.version }],
    productSpecCharacteristic: [...own.map(({ values, ...c }) => ({ ...c, configurable: false, productSpecCharacteristicValue: values })), ...compliance],
  };
}

const encoded = (name: string, value: unknown): EncodedCharacteristic[] => {
  const c = encodeCharacteristic(name, value);
  return c ? [c] : [];
};
