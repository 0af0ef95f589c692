import { countryGroupByIri, NS, type CountryGroupName } from '@mpli/shapes';
import type { Prerequisite } from './manifest-types';
import { mpliName, type NodeReader } from './node-reader';
import type { Address, Contact, RegistrationNumber, TrustAnchor } from './party-types';
import { optional, readPriceLimit, readTerms } from './read-values';
import { EIDAS_LEVELS } from './vocabulary-names';

const { mpli, gx, schema, vcard, rdfs } = { mpli: NS.mpli, gx: NS.gx, schema: NS.schema, vcard: NS.vcard, rdfs: NS.rdfs };

export function readAddress(node: NodeReader | undefined): Address | undefined {
  if (!node) return undefined;
  return {
    country: node.require(node.string(`${gx}countryCode`), 'gx:countryCode'),
    ...optional('street', node.string(`${vcard}street-address`)),
    ...optional('locality', node.string(`${vcard}locality`)),
    ...optional('postalCode', node.string(`${vcard}postal-code`)),
  };
}

const REGISTRATION_KINDS: readonly [string, string, RegistrationNumber['type']][] = [
  [`${gx}VatID`, `${gx}vatID`, 'vatID'],
  [`${gx}LeiCode`, `${schema}leiCode`, 'leiCode'],
  [`${gx}EORI`, `${gx}eori`, 'eori'],
  [`${gx}LocalRegistrationNumber`, `${gx}local`, 'local'],
];

export function readRegistrationNumbers(nodes: readonly NodeReader[]): RegistrationNumber[] {
  const numbers: RegistrationNumber[] = [];
  for (const node of nodes) {
    const types = node.types();
    const kind = REGISTRATION_KINDS.find(([type]) => types.includes(type));
    const value = kind ? node.string(kind[1]) : undefined;
    if (kind && value !== undefined) numbers.push({ type: kind[2], value });
  }
  return numbers;
}

export function readContact(node: NodeReader): Contact {
  return {
    ...optional('email', node.string(`${schema}email`)),
    ...optional('telephone', node.string(`${schema}telephone`)),
    ...optional('url', node.string(`${schema}url`)),
  };
}

export function readTrustAnchor(node: NodeReader): TrustAnchor {
  return {
    identifier: node.require(node.string(`${mpli}anchorIdentifier`), 'mpli:anchorIdentifier'),
    ...optional('label', node.text(`${rdfs}label`)),
    trustedFor: node.strings(`${mpli}trustedFor`),
  };
}

const issuers = (node: NodeReader) => {
  const list = node.strings(`${mpli}acceptedIssuer`);
  return list.length > 0 ? { acceptedIssuers: list } : {};
};

/** Reads a prerequisite by its most specific type; unknown kinds are skipped (validation reports them). */
export function readPrerequisite(node: NodeReader): Prerequisite | undefined {
  const types = node.types();
  const has = (local: string) => types.includes(`${mpli}${local}`);
  const description = optional('description', node.text(`${NS.schema}description`));
  if (has('LegalIdentityPrerequisite')) {
    return {
      kind: 'legalIdentity',
      credentialType: node.require(node.string(`${mpli}credentialType`), 'mpli:credentialType'),
      ...issuers(node),
      ...optional('minimumEidasLevel', mpliName(node.string(`${mpli}minimumEidasLevel`), EIDAS_LEVELS)),
      ...optional('qualifiedIssuer', node.boolean(`${mpli}qualifiedIssuer`)),
      ...description,
    };
  }
  if (has('CredentialPrerequisite')) {
    return { kind: 'credential', credentialType: node.require(node.string(`${mpli}credentialType`), 'mpli:credentialType'), ...issuers(node), ...description };
  }
  if (has('EstablishmentPrerequisite')) {
    const countries = node.strings(`${mpli}allowedCountry`);
    const groups = node.strings(`${mpli}allowedCountryGroup`).map(countryGroupByIri).filter((g): g is CountryGroupName => g !== undefined);
    return { kind: 'establishment', ...(countries.length ? { countries } : {}), ...(groups.length ? { groups } : {}), ...description };
  }
  if (has('VatNumberPrerequisite')) return { kind: 'vatNumber', ...description };
  const terms = node.node(`${mpli}terms`);
  if (has('TermsAcceptancePrerequisite') && terms) return { kind: 'termsAcceptance', terms: readTerms(terms), ...description };
  const commitment = node.node(`${mpli}minimumCommitment`);
  if (has('MinimumCommitmentPrerequisite') && commitment) {
    return { kind: 'minimumCommitment', commitment: readPriceLimit(commitment), ...description };
  }
  return undefined;
}
