// Runs every W3C-style case folder in test/cases/ against MPLI's shapes with shacl-engine and
// compares the report with the case's expected.ttl.
//
// Matching rule (shacl-engine nests the results of sh:node, sh:or and friends, so a broken quantity
// deep in a price is reported on the offering that holds it):
//   - the report's sh:conforms equals the expected one;
//   - every expected result is matched by an actual top-level result with the same focus node and
//     severity whose result tree (the result and its nested results, recursively) contains every
//     sh:sourceShape the expected result lists;
//   - every actual top-level result (violation, warning or info) contains in its tree some source
//     shape expected for its focus node and severity, so no unexpected result goes unnoticed.
import { describe, expect, it } from 'vitest';
import { Validator } from 'shacl-engine';
import type { ValidationResult } from 'shacl-engine';
import type { Term } from '@rdfjs/types';
import {
  KNOWN_SHAPE_ISSUES,
  buildShapesGraph,
  listCases,
  readData,
  readExpected,
  shaclFactory,
  type ExpectedResult,
  type ShapeCase,
} from './shape-case-support';

const validator = new Validator(buildShapesGraph(), { factory: shaclFactory, details: true });

/** The source shapes of a result and of all its nested results. */
function shapeTree(result: ValidationResult, into = new Set<string>()): Set<string> {
  const shape = result.shape.ptr.term;
  if (shape) into.add(shape.value);
  for (const nested of result.results) shapeTree(nested, into);
  return into;
}

function sameTerm(a: Term | undefined, b: Term): boolean {
  return a !== undefined && a.termType === b.termType && a.value === b.value;
}

function local(iri: string): string {
  return iri.replace(/^.*[#/]/, '');
}

function describeActual(result: ValidationResult, depth = 0): string {
  const shape = result.shape.ptr.term;
  const line = `${'  '.repeat(depth)}${result.focusNode.term?.value ?? '?'} ${local(result.severity.value)} ${
    shape?.termType === 'NamedNode' ? shape.value : `[${shape?.value ?? '?'}]`
  } (${local(result.constraintComponent.value)})`;
  return [line, ...result.results.map((nested) => describeActual(nested, depth + 1))].join('\n');
}

function matches(actual: ValidationResult, expected: ExpectedResult): boolean {
  return sameTerm(actual.focusNode.term, expected.focusNode) && actual.severity.value === expected.severity;
}

/** Every way the actual report differs from the expected one, as readable lines. */
async function compare(shapeCase: ShapeCase): Promise<string[]> {
  const expected = readExpected(shapeCase);
  const report = await validator.validate({ dataset: readData(shapeCase) });
  const trees = report.results.map((result) => ({ result, shapes: shapeTree(result) }));
  const problems: string[] = [];
  if (report.conforms !== expected.conforms) {
    problems.push(`sh:conforms is ${String(report.conforms)}, expected ${String(expected.conforms)}`);
  }
  for (const want of expected.results) {
    const found = trees.some(({ result, shapes }) => matches(result, want) && want.sourceShapes.every((s) => shapes.has(s)));
    if (!found) {
      problems.push(
        `missing: a ${local(want.severity)} on ${want.focusNode.value} reporting ${want.sourceShapes.map(local).join(', ')}`,
      );
    }
  }
  for (const { result, shapes } of trees) {
    const explained = expected.results.some((want) => matches(result, want) && want.sourceShapes.some((s) => shapes.has(s)));
    if (!explained) problems.push(`unexpected:\n${describeActual(result)}`);
  }
  if (problems.length > 0 && trees.length > 0) {
    problems.push(`actual results:\n${trees.map(({ result }) => describeActual(result)).join('\n')}`);
  }
  return problems;
}

const cases = listCases();

describe('SHACL shape cases (test/cases/*)', () => {
  it('has case folders', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  it('lists only existing cases as known shape issues', () => {
    expect(Object.keys(KNOWN_SHAPE_ISSUES).filter((name) => !cases.some((c) => c.name === name))).toEqual([]);
  });

  for (const shapeCase of cases) {
    const known = KNOWN_SHAPE_ISSUES[shapeCase.name];
    (known ? it.fails : it)(known ? `${shapeCase.name} (known shape issue: ${known})` : shapeCase.name, async () => {
      const problems = await compare(shapeCase);
      expect(problems, `${shapeCase.name}:\n${problems.join('\n')}`).toEqual([]);
    });
  }
});
