import type { Quad_Subject } from '@rdfjs/types';
import { COUNTRY_GROUPS, NS } from '@mpli/shapes';
import { requireUnit, type Quantity } from '../quantity/quantity';
import type { GraphWriter } from './graph-writer';
import type { Certification, Delivery, Location, Prerequisite, Price, PriceLimit, ServiceLevel, TermsReference } from './manifest-types';
import type { Address, Contact, RegistrationNumber } from './party-types';

const { mpli, qudt, schema, gx, rdfs, vcard } = {
  mpli: NS.mpli, qudt: NS.qudt, schema: NS.schema, gx: NS.gx, rdfs: NS.rdfs, vcard: NS.vcard,
};

/** Writes `[ qudt:numericValue v ; qudt:unit <unit> ]` under `property`; throws `UNKNOWN_UNIT`. */
export function writeQuantity(w: GraphWriter, subject: Quad_Subject, property: string, quantity: Quantity | undefined): void {
  if (!quantity) return;
  const unit = requireUnit(quantity.unit);
  const node = w.child(subject, property, `${qudt}QuantityValue`);
  w.value(node, `${qudt}numericValue`, quantity.value);
  w.iri(node, `${qudt}unit`, unit.iri);
}

const periodIri = (symbol: string) => requireUnit(symbol).iri;

function writeMoney(w: GraphWriter, node: Quad_Subject, money: { amount: string; currency: string; perQuantity?: Quantity }): void {
  w.decimal(node, `${schema}price`, money.amount);
  w.value(node, `${schema}priceCurrency`, money.currency);
  writeQuantity(w, node, `${mpli}perQuantity`, money.perQuantity);
}

export function writePrice(w: GraphWriter, subject: Quad_Subject, property: string, price: Price): void {
  const node = w.child(subject, property, `${mpli}PriceSpecification`);
  writeMoney(w, node, price);
  w.iri(node, `${mpli}billingModel`, `${mpli}${price.model}`);
  if (price.per) w.iri(node, `${mpli}billingPeriod`, periodIri(price.per));
}

export function writePriceLimit(w: GraphWriter, subject: Quad_Subject, property: string, limit: PriceLimit | undefined): void {
  if (!limit) return;
  const node = w.child(subject, property, `${mpli}PriceSpecification`);
  writeMoney(w, node, limit);
  w.iri(node, `${mpli}billingPeriod`, periodIri(limit.per));
}

function writeNamedPlace(w: GraphWriter, subject: Quad_Subject, property: string, classIri: string, name: string | undefined): void {
  if (name === undefined) return;
  w.value(w.child(subject, property, classIri), `${rdfs}label`, name);
}

export function writeLocation(w: GraphWriter, subject: Quad_Subject, location: Location): void {
  const node = w.child(subject, `${mpli}location`, `${mpli}Location`);
  w.value(node, `${gx}countryCode`, location.country);
  writeNamedPlace(w, node, `${mpli}region`, `${gx}Region`, location.region);
  writeNamedPlace(w, node, `${mpli}dataCenter`, `${gx}Datacenter`, location.dataCenter);
  for (const zone of location.availabilityZones ?? []) writeNamedPlace(w, node, `${mpli}availabilityZone`, `${gx}AvailabilityZone`, zone);
}

export function writeServiceLevel(w: GraphWriter, subject: Quad_Subject, sla: ServiceLevel | undefined): void {
  if (!sla) return;
  const node = w.child(subject, `${mpli}sla`, `${mpli}ServiceLevelAgreement`);
  w.decimal(node, `${mpli}availability`, sla.availability);
  if (sla.supportHours) w.iri(node, `${mpli}supportHours`, `${mpli}${sla.supportHours}`);
  writeQuantity(w, node, `${mpli}recoveryPointObjective`, sla.recoveryPointObjective);
  writeQuantity(w, node, `${mpli}recoveryTimeObjective`, sla.recoveryTimeObjective);
  w.iri(node, `${mpli}evidencedBy`, sla.evidence);
}

export function writeCertification(w: GraphWriter, subject: Quad_Subject, certification: Certification): void {
  const node = w.child(subject, `${mpli}certification`, `${mpli}Certification`);
  w.iri(node, `${mpli}scheme`, `${mpli}${certification.scheme}`);
  if (certification.level) w.iri(node, `${mpli}assuranceLevel`, `${mpli}${certification.level}`);
  w.typed(node, `${schema}validThrough`, certification.validUntil, 'date');
  w.value(node, `${mpli}certificationBody`, certification.certificationBody);
  w.iri(node, `${mpli}evidencedBy`, certification.evidence);
}

export function writeDelivery(w: GraphWriter, subject: Quad_Subject, delivery: Delivery | undefined): void {
  if (!delivery) return;
  const node = w.child(subject, `${mpli}delivery`, `${mpli}DeliveryMethod`);
  w.value(node, `${mpli}adapter`, delivery.adapter);
  for (const [key, value] of Object.entries(delivery.parameters)) {
    const parameter = w.child(node, `${mpli}parameter`, `${mpli}Parameter`);
    w.value(parameter, `${mpli}key`, key);
    w.value(parameter, `${mpli}value`, value);
  }
}

export function writeTerms(w: GraphWriter, subject: Quad_Subject, property: string, terms: TermsReference): void {
  const node = w.child(subject, property, `${gx}TermsAndConditions`);
  w.typed(node, `${gx}url`, terms.url, 'anyURI');
  w.value(node, `${gx}hash`, terms.hash);
}

const PREREQUISITE_CLASS: Record<Prerequisite['kind'], string> = {
  legalIdentity: 'LegalIdentityPrerequisite', credential: 'CredentialPrerequisite', establishment: 'EstablishmentPrerequisite',
  vatNumber: 'VatNumberPrerequisite', termsAcceptance: 'TermsAcceptancePrerequisite', minimumCommitment: 'MinimumCommitmentPrerequisite',
};

export function writePrerequisite(w: GraphWriter, subject: Quad_Subject, prerequisite: Prerequisite): void {
  const node = w.child(subject, `${mpli}prerequisite`, `${mpli}${PREREQUISITE_CLASS[prerequisite.kind]}`);
  w.value(node, `${schema}description`, prerequisite.description);
  switch (prerequisite.kind) {
    case 'legalIdentity':
      if (prerequisite.minimumEidasLevel) w.iri(node, `${mpli}minimumEidasLevel`, `${mpli}${prerequisite.minimumEidasLevel}`);
      w.value(node, `${mpli}qualifiedIssuer`, prerequisite.qualifiedIssuer);
      return writeCredentialRequirement(w, node, prerequisite);
    case 'credential':
      return writeCredentialRequirement(w, node, prerequisite);
    case 'establishment':
      for (const country of prerequisite.countries ?? []) w.value(node, `${mpli}allowedCountry`, country);
      for (const group of prerequisite.groups ?? []) w.iri(node, `${mpli}allowedCountryGroup`, COUNTRY_GROUPS[group].iri);
      return;
    case 'termsAcceptance':
      return writeTerms(w, node, `${mpli}terms`, prerequisite.terms);
    case 'minimumCommitment':
      return writePriceLimit(w, node, `${mpli}minimumCommitment`, prerequisite.commitment);
    case 'vatNumber':
      return;
  }
}

function writeCredentialRequirement(w: GraphWriter, node: Quad_Subject, prerequisite: { credentialType: string; acceptedIssuers?: readonly string[] }): void {
  w.iri(node, `${mpli}credentialType`, prerequisite.credentialType);
  for (const issuer of prerequisite.acceptedIssuers ?? []) w.iri(node, `${mpli}acceptedIssuer`, issuer);
}

export function writeAddress(w: GraphWriter, subject: Quad_Subject, property: string, address: Address | undefined): void {
  if (!address) return;
  const node = w.child(subject, property, `${gx}Address`);
  w.value(node, `${gx}countryCode`, address.country);
  w.value(node, `${vcard}street-address`, address.street);
  w.value(node, `${vcard}locality`, address.locality);
  w.value(node, `${vcard}postal-code`, address.postalCode);
}

const REGISTRATION: Record<RegistrationNumber['type'], [string, string]> = {
  vatID: [`${gx}VatID`, `${gx}vatID`], leiCode: [`${gx}LeiCode`, `${schema}leiCode`],
  eori: [`${gx}EORI`, `${gx}eori`], local: [`${gx}LocalRegistrationNumber`, `${gx}local`],
};

export function writeRegistrationNumber(w: GraphWriter, subject: Quad_Subject, number: RegistrationNumber): void {
  const [classIri, property] = REGISTRATION[number.type];
  w.value(w.child(subject, `${gx}registrationNumber`, classIri), property, number.value);
}

export function writeContact(w: GraphWriter, subject: Quad_Subject, contact: Contact): void {
  const node = w.child(subject, `${schema}contactPoint`, `${schema}ContactPoint`);
  w.value(node, `${schema}email`, contact.email);
  w.value(node, `${schema}telephone`, contact.telephone);
  w.iri(node, `${schema}url`, contact.url);
}
