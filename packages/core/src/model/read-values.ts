import { BILLING_PERIOD_SYMBOLS, NS, unitByIri, type BillingPeriodSymbol } from '@mpli/shapes';
import type { Quantity } from '../quantity/quantity';
import type { Certification, Delivery, Location, Portability, Price, PriceLimit, ServiceLevel, TermsReference } from './manifest-types';
import { mpliName, type NodeReader } from './node-reader';
import { ASSURANCE_LEVELS, BILLING_MODELS, CERTIFICATION_SCHEMES, SUPPORT_HOURS, type AssuranceLevel } from './vocabulary-names';

const { mpli, qudt, schema, gx, rdfs } = {
  mpli: NS.mpli, qudt: NS.qudt, schema: NS.schema, gx: NS.gx, rdfs: NS.rdfs,
};

/** Assigns `value` to `key` only when defined, so optional properties stay absent, not undefined. */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** A qudt:QuantityValue node as `{ value, unit }` with the unit's MPLI symbol. */
export function readQuantity(node: NodeReader | undefined): Quantity | undefined {
  if (!node) return undefined;
  const value = node.number(`${qudt}numericValue`);
  const unit = unitByIri(node.string(`${qudt}unit`) ?? '');
  return value === undefined || !unit ? undefined : { value, unit: unit.symbol };
}

function readPeriod(node: NodeReader): BillingPeriodSymbol | undefined {
  const unit = unitByIri(node.string(`${mpli}billingPeriod`) ?? '');
  return unit && (BILLING_PERIOD_SYMBOLS as readonly string[]).includes(unit.symbol) ? (unit.symbol as BillingPeriodSymbol) : undefined;
}

export function readPrice(node: NodeReader): Price {
  return {
    amount: node.require(node.string(`${schema}price`), 'schema:price'),
    currency: node.require(node.string(`${schema}priceCurrency`), 'schema:priceCurrency'),
    model: node.require(mpliName(node.string(`${mpli}billingModel`), BILLING_MODELS), 'mpli:billingModel'),
    ...optional('per', readPeriod(node)),
    ...optional('perQuantity', readQuantity(node.node(`${mpli}perQuantity`))),
  };
}

export function readPriceLimit(node: NodeReader): PriceLimit {
  return {
    amount: node.require(node.string(`${schema}price`), 'schema:price'),
    currency: node.require(node.string(`${schema}priceCurrency`), 'schema:priceCurrency'),
    per: node.require(readPeriod(node), 'mpli:billingPeriod'),
    ...optional('perQuantity', readQuantity(node.node(`${mpli}perQuantity`))),
  };
}

const label = (node: NodeReader | undefined) => (node ? (node.text(`${rdfs}label`) ?? node.id) : undefined);

export function readLocation(node: NodeReader): Location {
  const zones = node.nodes(`${mpli}availabilityZone`).map((zone) => label(zone) ?? zone.id);
  return {
    country: node.require(node.string(`${gx}countryCode`), 'gx:countryCode'),
    ...optional('region', label(node.node(`${mpli}region`))),
    ...optional('dataCenter', label(node.node(`${mpli}dataCenter`))),
    ...(zones.length > 0 ? { availabilityZones: zones } : {}),
  };
}

export function readServiceLevel(node: NodeReader | undefined): ServiceLevel | undefined {
  if (!node) return undefined;
  return {
    availability: node.require(node.number(`${mpli}availability`), 'mpli:availability'),
    ...optional('supportHours', mpliName(node.string(`${mpli}supportHours`), SUPPORT_HOURS)),
    ...optional('recoveryPointObjective', readQuantity(node.node(`${mpli}recoveryPointObjective`))),
    ...optional('recoveryTimeObjective', readQuantity(node.node(`${mpli}recoveryTimeObjective`))),
    ...optional('evidence', node.string(`${mpli}evidencedBy`)),
  };
}

export function readCertification(node: NodeReader): Certification {
  const levels = Object.keys(ASSURANCE_LEVELS) as AssuranceLevel[];
  return {
    scheme: node.require(mpliName(node.string(`${mpli}scheme`), CERTIFICATION_SCHEMES), 'mpli:scheme'),
    ...optional('level', mpliName(node.string(`${mpli}assuranceLevel`), levels)),
    ...optional('validUntil', node.string(`${schema}validThrough`)),
    ...optional('certificationBody', node.string(`${mpli}certificationBody`)),
    ...optional('evidence', node.string(`${mpli}evidencedBy`)),
  };
}

export function readPortability(node: NodeReader | undefined): Portability | undefined {
  if (!node) return undefined;
  return {
    exportFormats: node.strings(`${mpli}exportFormat`),
    ...optional('migrationSupported', node.boolean(`${mpli}migrationSupported`)),
  };
}

export function readDelivery(node: NodeReader | undefined): Delivery | undefined {
  if (!node) return undefined;
  const parameters: Record<string, string | number | boolean> = {};
  for (const parameter of node.nodes(`${mpli}parameter`)) {
    const key = parameter.string(`${mpli}key`);
    const value = parameter.one(`${mpli}value`);
    if (key === undefined || value?.termType !== 'Literal') continue;
    parameters[key] = literalValue(value.value, value.datatype.value);
  }
  return { adapter: node.require(node.string(`${mpli}adapter`), 'mpli:adapter'), parameters };
}

/** A literal as a JS value: booleans and numbers for their XSD types, the lexical form otherwise. */
export function literalValue(lexical: string, datatype: string): string | number | boolean {
  if (datatype === `${NS.xsd}boolean`) return lexical === 'true' || lexical === '1';
  if (datatype === `${NS.xsd}integer` || datatype === `${NS.xsd}double`) return Number(lexical);
  return lexical;
}

export function readTerms(node: NodeReader): TermsReference {
  return {
    url: node.require(node.string(`${gx}url`), 'gx:url'),
    hash: node.require(node.string(`${gx}hash`), 'gx:hash'),
  };
}
