import { mpli, NS } from '@mpli/shapes';
import { DataFactory } from 'n3';
import { CompactDataset } from '../../dataset/compact-dataset';
import type { Requirements } from '../../model/requirements-types';
import { OFFERING_KINDS } from '../../model/vocabulary-names';
import { compileRequirements } from '../compile-requirements';
import { PRESENCE_IS_EVIDENCE, type ResolveContext } from '../context';
import type { CurrencyRates } from '../currency-rates';
import { writeConstraintShape } from './constraint-shapes';
import { ShapeWriter } from './shape-writer';

/** The shapes for a need: its node shape, and one property shape per must-have, in order. */
export interface NeedShapes {
  readonly need: string;
  readonly nodeShape: string;
  readonly constraintShapes: readonly string[];
}

/**
 * Compiles requirements into SHACL shapes: their normative meaning. Per need, a node shape
 * targets the kind of offering, and each must-have becomes a named property shape whose message
 * is the constraint's label. An offering conforms exactly when the resolver would count it as
 * meeting every must-have (checked against shacl-engine by a property-based test). Prerequisites,
 * nice-to-haves and ranking are outside SHACL's reach and stay with the resolver.
 *
 * @example
 * const { shapes } = compileShapes(requirements, { asOf: '2026-12-01' });
 * const report = await new Validator(shapes, { factory }).validate({ dataset: catalogData });
 */
export function compileShapes(requirements: Requirements, options: { asOf: string; rates?: CurrencyRates; baseIri?: string }): { shapes: CompactDataset; needs: NeedShapes[] } {
  const context: ResolveContext = { asOf: options.asOf, rates: options.rates, evidence: PRESENCE_IS_EVIDENCE };
  compileRequirements(requirements, context);
  const shapes = new CompactDataset();
  const w = new ShapeWriter(shapes);
  const base = options.baseIri ?? 'urn:mpli:requirements:';
  // shacl-engine resolves sh:targetClass through subclass links in the shapes graph: a need for
  // any mpli:ServiceOffering must reach every kind.
  for (const kind of OFFERING_KINDS) if (kind !== 'ServiceOffering') w.iri(w.node(mpli[kind]), `${NS.rdfs}subClassOf`, mpli.ServiceOffering);
  const needs = requirements.needs.map((need, n) => {
    const nodeShape = `${base}need-${n}`;
    const node = w.node(nodeShape);
    w.type(node, `${NS.sh}NodeShape`);
    w.iri(node, `${NS.sh}targetClass`, mpli[need.kind]);
    const constraintShapes = [...requirements.mustHave, ...need.mustHave].map((constraint, c) => {
      const id = `${nodeShape}-must-${c}`;
      const property = writeConstraintShape(w, node, id, constraint, context);
      if (constraint.label) w.add(property, `${NS.sh}message`, DataFactory.literal(constraint.label));
      return id;
    });
    return { need: need.id, nodeShape, constraintShapes };
  });
  return { shapes, needs };
}
