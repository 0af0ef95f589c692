import fc from 'fast-check';
import type { Quad, Term } from '@rdfjs/types';
import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { NS } from '@mpli/shapes';
import { CompactDataset, parseRdf, validateDataset, validateRevision, type Problem } from '@mpli/core';
import { exampleText, PROVIDER_EXAMPLES } from './examples';

// The oracle for incremental validation: after any edit of a conforming manifest, validating only
// what the edit can affect must find exactly the violations a full validation finds.

const { quad, literal, namedNode } = DataFactory;
// Compared without the focus node: shacl-engine reports a problem of a node that several focus
// nodes share (one location for two offerings) once, under whichever focus reached it first, and
// the two validations visit focus nodes in different orders.
const violations = (problems: readonly Problem[]) =>
  [...new Set(problems.filter((p) => p.severity === 'violation').map((p) => [p.rule, p.path, p.value, p.constraint, p.message].join(' | ')))].sort();

const CLASSES = ['Manifest', 'Provider', 'VirtualMachineOffering', 'BlockStorageOffering', 'PriceSpecification', 'Certification', 'Location'].map((c) => namedNode(`${NS.mpli}${c}`));
const LITERALS = [literal('-1', namedNode(`${NS.xsd}decimal`)), literal('abc'), literal('XX'), literal('2026-12-01T00:00:00Z', namedNode(`${NS.xsd}dateTime`)), literal('4', namedNode(`${NS.xsd}integer`))];

type Edit = { kind: 'drop' | 'literal' | 'retype' | 'link' | 'dropNode'; at: number; pick: number };
const edit = fc.record({ kind: fc.constantFrom('drop', 'literal', 'retype', 'link', 'dropNode'), at: fc.nat(), pick: fc.nat() }) as fc.Arbitrary<Edit>;

/** Applies edits to a fresh parse (fresh blank node labels, as a re-crawl gets). */
function applyEdits(quads: Quad[], edits: readonly Edit[]): CompactDataset {
  let list = [...quads];
  for (const { kind, at, pick } of edits) {
    const target = list[at % list.length]!;
    const nodes = list.map((q) => q.subject as Term).concat(list.map((q) => q.object).filter((o) => o.termType !== 'Literal'));
    if (kind === 'drop') list.splice(at % list.length, 1);
    else if (kind === 'dropNode') list = list.filter((q) => !q.subject.equals(target.subject));
    else if (kind === 'literal') list.push(quad(target.subject, target.predicate, LITERALS[pick % LITERALS.length]!));
    else if (kind === 'retype') list.push(quad(target.subject, namedNode(`${NS.rdf}type`), CLASSES[pick % CLASSES.length]!));
    else list.push(quad(target.subject, target.predicate, nodes[pick % nodes.length] as Quad['object']));
    if (kind === 'literal' && pick % 2 === 0) list.splice(list.indexOf(target), 1);
  }
  return new CompactDataset(list);
}

describe('validateRevision', () => {
  for (const name of PROVIDER_EXAMPLES) {
    it(`finds the same violations as full validation after random edits of ${name}`, async () => {
      const previous = (await parseRdf(exampleText(name), { source: name })).store;
      expect((await validateDataset(previous)).conforms).toBe(true);
      let incrementalRuns = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(edit, { minLength: 1, maxLength: 3 }), async (edits) => {
          const next = applyEdits([...(await parseRdf(exampleText(name), { source: name })).store.match()], edits);
          const revision = await validateRevision(previous, next);
          if (revision.mode === 'incremental') incrementalRuns += 1;
          expect(violations(revision.report.problems)).toEqual(violations((await validateDataset(next)).problems));
          expect(revision.report.conforms).toBe((await validateDataset(next)).conforms);
        }),
        { numRuns: 120, seed: 5 },
      );
      // The oracle means something only if most edits took the incremental path.
      expect(incrementalRuns).toBeGreaterThan(60);
      // 120 runs of two full validations each: about 3 s alone, more beside CI's parallel load.
    }, 60_000);
  }

  it('sees nothing to check in a re-parse whose blank nodes got new labels', async () => {
    const text = exampleText('scaldis-cloud.ttl');
    const [a, b] = await Promise.all([parseRdf(text), parseRdf(text)]);
    const blank = [...a.store.match()].find((q) => q.object.termType === 'BlankNode')!.object.value;
    expect(b.store.match(DataFactory.blankNode(blank) as never).size).toBe(0);
    expect(await validateRevision(a.store, b.store)).toMatchObject({ mode: 'incremental', checks: 0, report: { conforms: true } });
  });

  it('checks only the path to a changed price, and still catches a bad one', async () => {
    const text = exampleText('scaldis-cloud.ttl');
    const previous = (await parseRdf(text)).store;
    const changed = await validateRevision(previous, (await parseRdf(text.replace('"0.021"^^xsd:decimal', '"0.019"^^xsd:decimal'))).store);
    expect(changed.mode).toBe('incremental');
    expect(changed.report.conforms).toBe(true);
    // The manifest, the one offering whose price changed: a handful of (node, shape) pairs.
    expect(changed.checks).toBeGreaterThan(0);
    expect(changed.checks).toBeLessThanOrEqual(6);
    const broken = await validateRevision(previous, (await parseRdf(text.replace('"0.021"^^xsd:decimal', '"-0.021"^^xsd:decimal'))).store);
    expect(broken.report.conforms).toBe(false);
    expect(violations(broken.report.problems)).toEqual(violations((await validateDataset((await parseRdf(text.replace('"0.021"^^xsd:decimal', '"-0.021"^^xsd:decimal'))).store)).problems));
  });
});
