import type { Certification, ManifestInput, OfferingInput, OfferingKind, Price, ProviderInput, TermsReference } from '@mpli/core';
import { decodeCharacteristic } from './characteristics';
import { schemeOfComplianceName } from './compliance-names';
import { COMMERCIAL_FIELDS } from './export-catalog';
import { priceFromTmf } from './prices';
import type { ProductOffering, ProductOfferingPrice, ProductSpecCharacteristic, ProductSpecification, ServiceSpecification, TmfCatalog } from './tmf-types';

/** Options for {@link tmfToManifest}. */
export interface TmfImportOptions {
  /** The provider: TMF catalogs name it (relatedParty) but do not describe it. */
  readonly provider: ProviderInput;
  /** The manifest's IRI; offerings without an MPLI IRI get `<manifestId>#<product number>`. Default: the provider's manifest location. */
  readonly manifestId?: string;
  /** The kind of offerings whose specification does not say (catalogs MPLI did not write). Default `ServiceOffering`. */
  readonly defaultKind?: OfferingKind;
}

/** What an import made, and what it could not use. */
export interface TmfImport {
  readonly manifest: ManifestInput;
  /** Offerings left out, with the reason. */
  readonly skipped: readonly { readonly id: string; readonly reason: string }[];
  /** Parts read past: characteristics and prices MPLI has no place for, with the offering they belong to. */
  readonly unmapped: readonly { readonly offering: string; readonly what: string }[];
}

const KNOWN_PRODUCT_FIELDS = new Set<string>(['kind', 'iri', ...COMMERCIAL_FIELDS]);

/**
 * Reads a TM Forum catalog (TMF620 product offerings with their specifications and prices,
 * TMF633 service specifications) into a manifest to build with `buildManifest`: the inverse of
 * {@link manifestToTmf}, and a best effort for catalogs others wrote (DOME's `Compliance:<name>`
 * characteristics become certifications; prices follow DOME's price types). Nothing is guessed:
 * what has no MPLI counterpart is listed in `unmapped`, offerings that cannot be read in `skipped`.
 *
 * @example
 * const { manifest, skipped } = tmfToManifest(tmf, { provider });
 * const store = buildManifest(manifest);
 */
export function tmfToManifest(catalog: TmfCatalog, options: TmfImportOptions): TmfImport {
  const byId = <T extends { id: string }>(list: readonly T[]) => new Map(list.map((item) => [item.id, item]));
  const specs = byId(catalog.productSpecification);
  const services = byId(catalog.serviceSpecification);
  const prices = byId(catalog.productOfferingPrice);
  const base = options.manifestId ?? options.provider.manifestLocation ?? 'urn:mpli:imported';
  const skipped: { id: string; reason: string }[] = [];
  const unmapped: { offering: string; what: string }[] = [];
  const offerings: OfferingInput[] = [];
  for (const offering of catalog.productOffering) {
    const spec = offering.productSpecification ? specs.get(offering.productSpecification.id) : undefined;
    if (!spec) {
      skipped.push({ id: offering.id, reason: `its product specification ${offering.productSpecification?.id ?? '(none)'} is not in the catalog` });
      continue;
    }
    const read = readOffering(offering, spec, services, prices, (what) => unmapped.push({ offering: offering.id, what }));
    if (read.prices.length === 0) {
      skipped.push({ id: offering.id, reason: 'it has no price MPLI can read' });
      continue;
    }
    const identifier = spec.productNumber ?? slug(offering.name);
    offerings.push({
      ...read.fields, kind: read.kind ?? options.defaultKind ?? 'ServiceOffering', identifier, name: offering.name, ...(offering.description ? { description: offering.description } : {}),
      id: read.iri ?? `${base}#${slug(identifier)}`, prices: read.prices, terms: read.terms,
    } as OfferingInput);
  }
  return { manifest: { ...(options.manifestId ? { id: options.manifestId } : {}), provider: options.provider, offerings }, skipped, unmapped };
}

function readOffering(offering: ProductOffering, spec: ProductSpecification, services: ReadonlyMap<string, ServiceSpecification>, prices: ReadonlyMap<string, ProductOfferingPrice>, note: (what: string) => void) {
  const fields = { ...productFields(spec, note), ...serviceFields(spec, services, note) };
  const { kind, iri, ...rest } = fields;
  return { fields: rest, kind: typeof kind === 'string' ? (kind as OfferingKind) : undefined, iri: typeof iri === 'string' ? iri : undefined, prices: readPrices(offering, prices, note), terms: readTerms(offering) };
}

/** The product specification's characteristics: MPLI's own, and DOME's `Compliance:<name>` ones as certifications. */
function productFields(spec: ProductSpecification, note: (what: string) => void): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  const certifications: Certification[] = [];
  for (const c of spec.productSpecCharacteristic ?? []) {
    const scheme = /^compliance:/i.test(c.name) ? schemeOfComplianceName(c.name) : undefined;
    if (KNOWN_PRODUCT_FIELDS.has(c.name)) fields[c.name] = decodeCharacteristic(c.name, c.productSpecCharacteristicValue);
    else if (scheme) certifications.push(complianceCertification(scheme, c));
    else note(`characteristic "${c.name}"`);
  }
  // MPLI's own list of certifications is the full one; DOME's Compliance characteristics stand in for catalogs others wrote.
  if (fields.certifications === undefined && certifications.length) fields.certifications = certifications;
  return fields;
}

function complianceCertification(scheme: Certification['scheme'], c: ProductSpecCharacteristic): Certification {
  const evidence = c.productSpecCharacteristicValue?.[0]?.value;
  return { scheme, ...(typeof evidence === 'string' && /^[a-z][a-z0-9+.-]*:/i.test(evidence) ? { evidence } : {}), ...(c.validFor?.endDateTime ? { validUntil: c.validFor.endDateTime.slice(0, 10) } : {}) };
}

/** The characteristics of the service specifications the product refers to. */
function serviceFields(spec: ProductSpecification, services: ReadonlyMap<string, ServiceSpecification>, note: (what: string) => void): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const ref of spec.serviceSpecification ?? []) {
    const service = services.get(ref.id);
    if (!service) note(`service specification ${ref.id} (not in the catalog)`);
    for (const c of service?.specCharacteristic ?? []) fields[c.name] = decodeCharacteristic(c.name, c.characteristicValueSpecification);
  }
  return fields;
}

function readPrices(offering: ProductOffering, prices: ReadonlyMap<string, ProductOfferingPrice>, note: (what: string) => void): Price[] {
  const read: Price[] = [];
  for (const ref of offering.productOfferingPrice ?? []) {
    const pop = prices.get(ref.id);
    const price = pop ? priceFromTmf(pop) : `price ${ref.id} (not in the catalog)`;
    if (typeof price === 'string') note(price);
    else read.push(price);
  }
  return read;
}

/** Terms and conditions: attachments of type `termsAndConditions` whose description is `sha256:<hex>`. */
function readTerms(offering: ProductOffering): TermsReference[] {
  return (offering.attachment ?? []).flatMap((a) => {
    const hash = /^sha256:([0-9a-f]{64})$/.exec(a.description ?? '')?.[1];
    return a.attachmentType === 'termsAndConditions' && a.url && hash ? [{ url: a.url, hash }] : [];
  });
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'offering';
