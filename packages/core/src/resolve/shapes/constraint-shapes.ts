import type { Quad_Object, Quad_Subject } from '@rdfjs/types';
import { NS, unitsOfKind } from '@mpli/shapes';
import { DataFactory } from 'n3';
import { MpliError } from '../../errors/mpli-error';
import type { AllowedValue, CertificationConstraint, Constraint, PriceConstraint, RangeConstraint } from '../../model/requirements-types';
import { ASSURANCE_LEVELS, type AssuranceLevel } from '../../model/vocabulary-names';
import { divide, multiply, parseDecimal } from '../../quantity/rational';
import { exactBound } from '../bounds';
import { readsSlaClaim } from '../claim-evidence';
import type { ResolveContext } from '../context';
import { conversionFactor } from '../currency-rates';
import { allowedCountries } from '../constraints/location';
import { basisOf } from '../normalize-price';
import type { ShapeWriter } from './shape-writer';

const { namedNode, literal } = DataFactory;
const { mpli, gx, qudt, schema, xsd } = { mpli: NS.mpli, gx: NS.gx, qudt: NS.qudt, schema: NS.schema, xsd: NS.xsd };

/** The value shape of a range: numeric bounds, or for quantities one alternative per unit. */
function rangeValueShape(w: ShapeWriter, constraint: RangeConstraint): Quad_Subject {
  const min = exactBound(constraint.min);
  const max = exactBound(constraint.max);
  const kind = (min ?? max)?.kind ?? 'number';
  const value = w.shape();
  if (kind === 'number') {
    if (min) w.sh(value, 'minInclusive', w.threshold(min.value, 'min'));
    if (max) w.sh(value, 'maxInclusive', w.threshold(max.value, 'max'));
    return value;
  }
  const alternatives = unitsOfKind(kind).map((unit) => {
    const factor = parseDecimal(unit.factor) ?? { num: 1n, den: 1n };
    const alternative = w.shape();
    w.sh(w.property(alternative, [`${qudt}unit`]), 'hasValue', namedNode(unit.iri));
    const amount = w.property(alternative, [`${qudt}numericValue`]);
    w.sh(amount, 'minCount', w.literal(1));
    if (min) w.sh(amount, 'minInclusive', w.threshold(divide(min.value, factor), 'min'));
    if (max) w.sh(amount, 'maxInclusive', w.threshold(divide(max.value, factor), 'max'));
    return alternative;
  });
  w.sh(value, 'or', w.termList(alternatives));
  return value;
}

function allowedTerm(value: AllowedValue): Quad_Object {
  if (typeof value === 'object') return namedNode(value.iri);
  if (typeof value === 'boolean') return literal(String(value), namedNode(`${xsd}boolean`));
  return literal(value);
}

/** Numbers match by value (4 = 4.0); everything else by term. */
function valueShape(w: ShapeWriter, allowed: readonly AllowedValue[]): Quad_Subject {
  const alternatives = allowed.map((value) => {
    const alternative = w.shape();
    if (typeof value === 'number') {
      w.sh(alternative, 'minInclusive', w.literal(value));
      w.sh(alternative, 'maxInclusive', w.literal(value));
    } else {
      w.sh(alternative, 'in', w.termList([allowedTerm(value)]));
    }
    return alternative;
  });
  const shape = w.shape();
  w.sh(shape, 'or', w.termList(alternatives));
  return shape;
}

/** Along `path`, some value conforms to `value`; reading an SLA, only an evidenced SLA counts. */
function someAlong(w: ShapeWriter, need: Quad_Subject, id: string, path: readonly string[], value: Quad_Subject): Quad_Subject {
  if (!readsSlaClaim(path) || path.length < 2) {
    const property = w.property(need, path, id);
    w.some(property, value);
    return property;
  }
  const sla = w.shape();
  w.sh(w.property(sla, [`${mpli}evidencedBy`]), 'minCount', w.literal(1));
  w.some(w.property(sla, path.slice(1)), value);
  const property = w.property(need, path.slice(0, 1), id);
  w.some(property, sla);
  return property;
}

function certificationShape(w: ShapeWriter, constraint: CertificationConstraint, context: ResolveContext): Quad_Subject {
  const shape = w.shape();
  w.sh(w.property(shape, [`${mpli}scheme`]), 'hasValue', namedNode(`${mpli}${constraint.scheme}`));
  const minimum = constraint.minimumLevel ? ASSURANCE_LEVELS[constraint.minimumLevel] : undefined;
  if (minimum) {
    const levels = (Object.keys(ASSURANCE_LEVELS) as AssuranceLevel[]).filter((l) => ASSURANCE_LEVELS[l].scheme === constraint.scheme && ASSURANCE_LEVELS[l].rank >= minimum.rank);
    w.sh(w.property(shape, [`${mpli}assuranceLevel`]), 'in', w.termList(levels.map((l) => namedNode(`${mpli}${l}`))));
    w.sh(w.property(shape, [`${mpli}assuranceLevel`]), 'minCount', w.literal(1));
  }
  w.sh(w.property(shape, [`${mpli}evidencedBy`]), 'minCount', w.literal(1));
  w.sh(w.property(shape, [`${schema}validThrough`]), 'minInclusive', literal(context.asOf, namedNode(`${xsd}date`)));
  return shape;
}

/** One alternative per (currency with a rate, billing period): the amount at most the limit converted. */
function priceShape(w: ShapeWriter, constraint: PriceConstraint, context: ResolveContext): Quad_Subject {
  if (constraint.max.perQuantity) throw new MpliError('INVALID_REQUIREMENTS', 'Price limits per quantity have no SHACL core form (they need arithmetic on two values); the resolver checks them, compileShapes does not');
  const basis = basisOf(constraint.max);
  const limit = parseDecimal(constraint.max.amount) ?? { num: 0n, den: 1n };
  const currencies = [constraint.max.currency, ...Object.keys(context.rates?.rates ?? {}), ...(context.rates ? [context.rates.base] : [])];
  const alternatives = [...new Set(currencies)].flatMap((currency) => {
    const fx = conversionFactor(context.rates, currency, constraint.max.currency);
    if (!fx) return [];
    return unitsOfKind('duration').filter((u) => ['s', 'min', 'h', 'd', 'month', 'year'].includes(u.symbol)).map((period) => {
      const periodSeconds = parseDecimal(period.factor) ?? { num: 1n, den: 1n };
      const alternative = w.shape();
      w.sh(w.property(alternative, [`${schema}priceCurrency`]), 'hasValue', literal(currency));
      w.sh(w.property(alternative, [`${mpli}billingPeriod`]), 'hasValue', namedNode(period.iri));
      w.sh(w.property(alternative, [`${mpli}perQuantity`]), 'maxCount', w.literal(0));
      const amount = w.property(alternative, [`${schema}price`]);
      w.sh(amount, 'minCount', w.literal(1));
      w.sh(amount, 'maxInclusive', w.threshold(divide(multiply(limit, divide(periodSeconds, basis.periodSeconds)), fx), 'max'));
      return alternative;
    });
  });
  const shape = w.shape();
  w.sh(shape, 'or', w.termList(alternatives));
  return shape;
}

/** Writes one must-have as a property shape of the need's node shape, named `id`. */
export function writeConstraintShape(w: ShapeWriter, need: Quad_Subject, id: string, constraint: Constraint, context: ResolveContext): Quad_Subject {
  switch (constraint.type) {
    case 'range':
      return someAlong(w, need, id, constraint.path, rangeValueShape(w, constraint));
    case 'value':
      return someAlong(w, need, id, constraint.path, valueShape(w, constraint.allowed));
    case 'location': {
      const inside = w.shape();
      w.sh(inside, 'in', w.termList([...allowedCountries(constraint, context.asOf)].sort().map((c) => literal(c))));
      return someAlong(w, need, id, [`${mpli}location`, `${gx}countryCode`], inside);
    }
    case 'certification': {
      const property = w.node(id);
      w.sh(need, 'property', property);
      const alternative = w.node();
      w.sh(alternative, 'alternativePath', w.termList([namedNode(`${mpli}certification`), w.list([`${gx}providedBy`, `${mpli}certification`])]));
      w.sh(property, 'path', alternative);
      w.some(property, certificationShape(w, constraint, context));
      return property;
    }
    case 'price':
      return someAlong(w, need, id, [`${mpli}price`], priceShape(w, constraint, context));
    case 'provider': {
      const property = w.property(need, [`${gx}providedBy`], id);
      w.sh(property, 'minCount', w.literal(1));
      if (constraint.preferred?.length) w.sh(property, 'in', w.termList(constraint.preferred.map((p) => namedNode(p))));
      if (constraint.excluded?.length) {
        const excluded = w.shape();
        w.sh(excluded, 'in', w.termList(constraint.excluded.map((p) => namedNode(p))));
        w.sh(property, 'not', excluded);
      }
      return property;
    }
  }
}
