import { randomUUID } from 'node:crypto';
import { MpliError, type Price, type Quantity, type ServiceLevel, type TermsReference } from '@mpli/core';
import { MPLI_CONTEXT_URL, unitBySymbol, unitByTerm, unitTerm } from '@mpli/shapes';

/**
 * What a consumer and a provider agree on: the order of a matched offering at its price, under
 * its terms and SLA, for a period. The agreement's credential carries exactly this.
 */
export interface AgreementTerms {
  /** The agreement's IRI (`urn:uuid:…`), named by invoices and usage records. */
  readonly id: string;
  /** The consumer's DID: the issuer, and the first signer. */
  readonly consumer: string;
  /** The provider's DID: the countersigner. */
  readonly provider: string;
  /** The offering's IRI, from the provider's manifest. */
  readonly offering: string;
  readonly price: Price;
  /** The terms and conditions bound: their URL and the SHA-256 (hex) of their text. */
  readonly terms: TermsReference;
  readonly sla?: ServiceLevel;
  /** When the agreement starts and ends (the credential's validity). */
  readonly validFrom: string;
  readonly validUntil?: string;
  /** Providers (DIDs) that may continue this agreement under the same price, terms and SLA. */
  readonly successors: readonly string[];
  /** The agreement this one continues with another provider. */
  readonly succeeds?: string;
}

/** The terms to propose: the id is made when absent. */
export type AgreementInput = Omit<AgreementTerms, 'id' | 'successors'> & { readonly id?: string; readonly successors?: readonly string[] };

const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
const unitTermOf = (symbol: string): string => {
  const unit = unitBySymbol(symbol);
  if (!unit) throw new MpliError('INVALID_INPUT', `Unknown unit "${symbol}" in the agreement`);
  return unitTerm(unit);
};
const unitSymbol = (term: string): string => {
  const unit = unitByTerm(term);
  if (!unit) throw new MpliError('INVALID_INPUT', `Unknown unit "${term}" in the agreement`);
  return unit.symbol;
};
const quantityNode = (q: Quantity) => ({ type: 'QuantityValue', numericValue: q.value, unit: unitTermOf(q.unit) });

/** The unsigned agreement credential (VC 2.0, MPLI context) for these terms. */
export function agreementCredential(input: AgreementInput): Record<string, unknown> {
  const terms: AgreementTerms = { ...input, id: input.id ?? `urn:uuid:${randomUUID()}`, successors: input.successors ?? [] };
  if (terms.consumer === terms.provider) throw new MpliError('INVALID_INPUT', 'An agreement needs two parties: the consumer and the provider are the same DID');
  if (!/^\d+(\.\d+)?$/.test(terms.price.amount)) throw new MpliError('INVALID_INPUT', `The agreed price "${terms.price.amount}" is not a non-negative decimal`);
  if (!/^[0-9a-f]{64}$/.test(terms.terms.hash)) throw new MpliError('INVALID_INPUT', 'The terms hash must be the SHA-256 of their text, 64 hex digits');
  const { price, sla } = terms;
  return {
    '@context': [VC_V2, MPLI_CONTEXT_URL],
    id: `${terms.id}#credential`,
    type: ['VerifiableCredential', 'ServiceAgreementCredential'],
    issuer: terms.consumer,
    validFrom: terms.validFrom,
    ...(terms.validUntil ? { validUntil: terms.validUntil } : {}),
    credentialSubject: {
      id: terms.id,
      type: 'ServiceAgreement',
      consumer: terms.consumer,
      providedBy: terms.provider,
      offering: terms.offering,
      price: {
        type: 'PriceSpecification', amount: price.amount, currency: price.currency, billingModel: price.model,
        ...(price.per ? { billingPeriod: unitTermOf(price.per) } : {}), ...(price.perQuantity ? { perQuantity: quantityNode(price.perQuantity) } : {}),
      },
      terms: { type: 'TermsAndConditions', url: terms.terms.url, hash: terms.terms.hash },
      ...(sla ? {
        sla: {
          type: 'ServiceLevelAgreement', availability: String(sla.availability), ...(sla.supportHours ? { supportHours: sla.supportHours } : {}),
          ...(sla.recoveryPointObjective ? { recoveryPointObjective: quantityNode(sla.recoveryPointObjective) } : {}),
          ...(sla.recoveryTimeObjective ? { recoveryTimeObjective: quantityNode(sla.recoveryTimeObjective) } : {}),
        },
      } : {}),
      ...(terms.successors.length ? { successorProvider: [...terms.successors] } : {}),
      ...(terms.succeeds ? { succeeds: terms.succeeds } : {}),
    },
  };
}

/**
 * The terms an agreement credential states. Throws `INVALID_INPUT`, naming the field, when the
 * credential is not an agreement of this form (its signatures are {@link verifyAgreement}'s business).
 */
export function readAgreementTerms(credential: Record<string, unknown>): AgreementTerms {
  const types = ([] as unknown[]).concat(credential.type ?? []);
  if (!types.includes('ServiceAgreementCredential')) throw invalid('type', 'is not a ServiceAgreementCredential');
  const s = object(credential.credentialSubject, 'credentialSubject');
  const price = object(s.price, 'credentialSubject.price');
  const terms = object(s.terms, 'credentialSubject.terms');
  const sla = s.sla === undefined ? undefined : object(s.sla, 'credentialSubject.sla');
  const quantity = (value: unknown, field: string): Quantity => {
    const node = object(value, field);
    return { value: Number(node.numericValue), unit: unitSymbol(text(node.unit, `${field}.unit`)) };
  };
  return {
    id: text(s.id, 'credentialSubject.id'),
    consumer: text(s.consumer, 'credentialSubject.consumer'),
    provider: text(s.providedBy, 'credentialSubject.providedBy'),
    offering: text(s.offering, 'credentialSubject.offering'),
    price: {
      amount: text(price.amount, 'price.amount'), currency: text(price.currency, 'price.currency'), model: text(price.billingModel, 'price.billingModel') as Price['model'],
      ...(price.billingPeriod !== undefined ? { per: unitSymbol(text(price.billingPeriod, 'price.billingPeriod')) as Price['per'] & string } : {}),
      ...(price.perQuantity !== undefined ? { perQuantity: quantity(price.perQuantity, 'price.perQuantity') } : {}),
    },
    terms: { url: text(terms.url, 'terms.url'), hash: text(terms.hash, 'terms.hash') },
    ...(sla ? {
      sla: {
        availability: Number(text(sla.availability, 'sla.availability')), ...(sla.supportHours !== undefined ? { supportHours: text(sla.supportHours, 'sla.supportHours') as ServiceLevel['supportHours'] & string } : {}),
        ...(sla.recoveryPointObjective !== undefined ? { recoveryPointObjective: quantity(sla.recoveryPointObjective, 'sla.recoveryPointObjective') } : {}),
        ...(sla.recoveryTimeObjective !== undefined ? { recoveryTimeObjective: quantity(sla.recoveryTimeObjective, 'sla.recoveryTimeObjective') } : {}),
      },
    } : {}),
    validFrom: text(credential.validFrom, 'validFrom'),
    ...(credential.validUntil !== undefined ? { validUntil: text(credential.validUntil, 'validUntil') } : {}),
    successors: ([] as unknown[]).concat(s.successorProvider ?? []).map((d, i) => text(d, `successorProvider[${i}]`)),
    ...(s.succeeds !== undefined ? { succeeds: text(s.succeeds, 'credentialSubject.succeeds') } : {}),
  };
}

const invalid = (field: string, problem: string) => new MpliError('INVALID_INPUT', `Not an MPLI agreement: ${field} ${problem}`, { details: { field } });
function object(value: unknown, field: string): Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalid(field, 'is missing or not an object');
  return value as Record<string, unknown>;
}
function text(value: unknown, field: string): string {
  if (typeof value !== 'string' || value === '') throw invalid(field, 'is missing or not a string');
  return value;
}
