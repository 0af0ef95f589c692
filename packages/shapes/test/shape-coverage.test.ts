// Every rule has test data: each IRI-named shape with a constraint of its own is the expected
// source shape of some invalid case, and each targeted node shape has a valid case with a focus
// node of every class it targets. The runner (shape-cases.test.ts) checks that the expectations hold.
import { describe, expect, it } from 'vitest';
import type { Store } from 'n3';
import {
  KNOWN_SHAPE_ISSUES,
  RDF_TYPE,
  RDFS_SUBCLASS,
  SH,
  buildShapesGraph,
  listCases,
  readData,
  readExpected,
} from './shape-case-support';


/**
 * Shapes no invalid case needs to name, each with the reason. Keep it short: an entry that some
 * case does cover fails the test, so the list cannot go stale.
 */
const NOT_COVERED: Readonly<Record<string, string>> = {};

/** Node-level constraint parameters: a node shape with one of these can itself be a result's source shape. */
const NODE_CONSTRAINTS = [
  'or', 'and', 'xone', 'not', 'in', 'nodeKind', 'class', 'node', 'datatype', 'hasValue', 'pattern', 'minLength',
  'maxLength', 'minInclusive', 'maxInclusive', 'minExclusive', 'maxExclusive', 'closed', 'languageIn',
].map((name) => `${SH}${name}`);

const shapes = buildShapesGraph();
const cases = listCases().map((shapeCase) => ({ shapeCase, expected: readExpected(shapeCase) }));

function named(terms: { termType: string; value: string }[]): string[] {
  return [...new Set(terms.filter((term) => term.termType === 'NamedNode').map((term) => term.value))];
}

/** IRI-named shapes that carry a constraint of their own. */
function constrainedShapes(graph: Store): string[] {
  const propertyShapes = named(graph.getSubjects(`${SH}path`, null, null));
  const nodeShapes = named(graph.getSubjects(RDF_TYPE, `${SH}NodeShape`, null)).filter((iri) =>
    NODE_CONSTRAINTS.some((parameter) => graph.countQuads(iri, parameter, null, null) > 0),
  );
  return [...new Set([...propertyShapes, ...nodeShapes])].sort();
}

/** A class and all its subclasses, through the subclass links in the shapes graph. */
function withSubclasses(graph: Store, cls: string): Set<string> {
  const found = new Set([cls]);
  const queue = [cls];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const sub of graph.getSubjects(RDFS_SUBCLASS, next, null)) {
      if (!found.has(sub.value)) {
        found.add(sub.value);
        queue.push(sub.value);
      }
    }
  }
  return found;
}

describe('shape coverage', () => {
  it('names every constrained shape as the source shape of some invalid case', () => {
    const covered = new Set(
      cases
        .filter(({ shapeCase, expected }) => !expected.conforms && KNOWN_SHAPE_ISSUES[shapeCase.name] === undefined)
        .flatMap(({ expected }) => expected.results.flatMap((result) => result.sourceShapes)),
    );
    const required = constrainedShapes(shapes);
    const uncovered = required.filter((iri) => !covered.has(iri) && NOT_COVERED[iri] === undefined);
    expect(uncovered, `shapes no invalid case reports:\n${uncovered.join('\n')}`).toEqual([]);

    const stale = Object.keys(NOT_COVERED).filter((iri) => covered.has(iri) || !required.includes(iri));
    expect(stale, `allowlisted shapes that are covered or gone, drop them from NOT_COVERED:\n${stale.join('\n')}`).toEqual([]);
  });

  it('only expects source shapes that exist', () => {
    const known = new Set([...named(shapes.getSubjects(`${SH}path`, null, null)), ...named(shapes.getSubjects(RDF_TYPE, `${SH}NodeShape`, null))]);
    const unknown = [
      ...new Set(cases.flatMap(({ expected }) => expected.results.flatMap((result) => result.sourceShapes)).filter((iri) => !known.has(iri))),
    ];
    expect(unknown, `expected source shapes that are not in the shapes graph:\n${unknown.join('\n')}`).toEqual([]);
  });

  it('has a valid case with a focus node of every class each targeted shape targets', () => {
    const validData = cases.filter(({ expected }) => expected.conforms).map(({ shapeCase }) => readData(shapeCase));
    const targeted = named(shapes.getSubjects(`${SH}targetClass`, null, null)).sort();
    expect(targeted.length).toBeGreaterThan(0);
    const uncovered = targeted.flatMap((shape) =>
      named(shapes.getObjects(shape, `${SH}targetClass`, null))
        .filter((cls) => {
          const classes = withSubclasses(shapes, cls);
          return !validData.some((data) => data.getObjects(null, RDF_TYPE, null).some((type) => classes.has(type.value)));
        })
        .map((cls) => `${shape} (target ${cls})`),
    );
    expect(uncovered, `targeted shapes without a valid case:\n${uncovered.join('\n')}`).toEqual([]);
  });
});
