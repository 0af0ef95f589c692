import { describe, expect, it } from 'vitest';
import { KNOWN_TERM_RULE, MANIFEST_PRESENT_RULE, parseRdf, validateDataset, validateInput, type Problem } from '@mpli/core';
import { EXAMPLE_DIR, exampleText, PROVIDER_EXAMPLES, REQUIREMENTS_EXAMPLES } from './examples';

async function validateText(text: string, source = 'case.ttl') {
  const parsed = await parseRdf(text, { source });
  return validateDataset(parsed.store, { source, text, prefixes: parsed.prefixes });
}

/** The Scaldis example with one edit, so each test breaks one thing in a realistic manifest. */
function scaldisWith(from: string | RegExp, to: string): string {
  const text = exampleText('scaldis-cloud.ttl');
  const edited = text.replace(from, to);
  if (edited === text) throw new Error(`edit not applied: ${String(from)}`);
  return edited;
}

const violations = (problems: readonly Problem[]) => problems.filter((p) => p.severity === 'violation');

describe('validateDataset', () => {
  it.each([...PROVIDER_EXAMPLES, ...REQUIREMENTS_EXAMPLES])('accepts the example %s without any problem', async (name) => {
    const { report } = await validateInput(new URL(name, EXAMPLE_DIR).pathname);
    expect(report.problems).toEqual([]);
    expect(report.conforms).toBe(true);
  });

  it('names file, line, focus node, path, value, rule, constraint, severity and message', async () => {
    const text = scaldisWith('qudt:numericValue 16 ; qudt:unit unit:GibiBYTE ]', 'qudt:numericValue 16 ; qudt:unit unit:GibiBYTES ]');
    const report = await validateText(text, 'scaldis.ttl');
    expect(report.conforms).toBe(false);
    expect(violations(report.problems)).toEqual([
      {
        severity: 'violation',
        message: expect.stringContaining('Unknown data-size unit'),
        source: 'scaldis.ttl',
        line: text.split('\n').findIndex((line) => line.startsWith(':vm-m4 ')) + 1,
        column: 1,
        focusNode: ':vm-m4',
        path: 'mpli:memory/qudt:unit',
        value: 'unit:GibiBYTES',
        rule: 'mplish:DataSizeQuantity-unit',
        constraint: 'sh:InConstraintComponent',
      },
    ]);
  });

  it('reports a bare number where a quantity belongs once, as unitless', async () => {
    const report = await validateText(scaldisWith('mpli:memory [ qudt:numericValue 4 ; qudt:unit unit:GibiBYTE ]', 'mpli:memory 4'));
    expect(violations(report.problems).map((p) => [p.focusNode, p.path, p.value, p.rule])).toEqual([
      [':vm-s2', 'mpli:memory', '"4"^^xsd:integer', 'mplish:Quantity'],
    ]);
    expect(report.problems[0]?.message).toMatch(/number without a unit is ambiguous/);
  });

  it('gives each named bad input its own message', async () => {
    const cases: [string | RegExp, string, string][] = [
      ['qudt:numericValue 40 ;', 'qudt:numericValue -40 ;', 'mplish:Quantity-nonNegative'],
      ['gx:countryCode "BE" ; mpli:region [ a gx:Region ; rdfs:label "be-liege" ]', 'gx:countryCode "BX"', 'mplish:Location-countryKnown'],
      [/schema:priceCurrency "EUR" ;\n {8}mpli:perQuantity \[ qudt:numericValue 1 ; qudt:unit unit:GigaBYTE \]/, 'mpli:perQuantity [ qudt:numericValue 1 ; qudt:unit unit:GigaBYTE ]', 'mplish:PriceSpecification-currency'],
      [/mpli:storageMedia "hdd" ;\n {4}mpli:location \[ a mpli:Location ; gx:countryCode "BE" \] ;/, 'mpli:storageMedia "hdd" ;', 'mplish:ServiceOffering-location'],
      ['schema:priceCurrency "EUR" ;\n        mpli:billingPeriod unit:HR ; mpli:billingModel mpli:PayAsYouGo ] ;\n    mpli:sla', 'schema:priceCurrency "ZZZ" ;\n        mpli:billingPeriod unit:HR ; mpli:billingModel mpli:PayAsYouGo ] ;\n    mpli:sla', 'mplish:PriceSpecification-currencyKnown'],
    ];
    for (const [from, to, rule] of cases) {
      const report = await validateText(scaldisWith(from, to));
      expect(violations(report.problems).map((p) => p.rule), rule).toEqual([rule]);
    }
  });

  it('warns about terms outside the vocabulary, once each, without failing', async () => {
    const report = await validateText(scaldisWith('mpli:durability 99.999999999 ;', 'mpli:durabilty 99.999999999 ; mpli:durabilty 99.9 ;'));
    expect(report.conforms).toBe(true);
    expect(report.problems).toEqual([
      expect.objectContaining({ severity: 'warning', rule: KNOWN_TERM_RULE, value: 'mpli:durabilty', focusNode: ':object-s3' }),
    ]);
  });

  it('warns when a document holds no manifest at all', async () => {
    const report = await validateText('<https://a.example/x> <https://schema.org/name> "x" .');
    expect(report.conforms).toBe(true);
    expect(report.problems.map((p) => p.rule)).toEqual([MANIFEST_PRESENT_RULE]);
  });

  it('turns a missing SLA evidence into a warning, not a violation', async () => {
    const report = await validateText(scaldisWith(' ;\n        mpli:evidencedBy <urn:uuid:6a1f0c2e-4d1b-4f7e-9a61-1c2b3d4e5f60> ]', ' ]'));
    expect(report.conforms).toBe(true);
    expect(report.problems).toEqual([expect.objectContaining({ severity: 'warning', rule: 'mplish:ServiceOffering-slaEvidenced', focusNode: ':vm-s2', path: 'mpli:sla', message: expect.stringContaining('not evidenced') })]);
  });

  it('locates JSON-LD focus nodes by their "id"', async () => {
    const text = exampleText('rheinwerk-cloud.jsonld').replace('"vcpu": 8,', '"vcpu": 0,');
    const report = await validateText(text, 'rheinwerk.jsonld');
    const [problem] = violations(report.problems);
    expect(problem).toMatchObject({ rule: 'mplish:VirtualMachineOffering-vcpu', value: '"0"^^xsd:integer', focusNode: '<https://rheinwerk.example/offerings/vm-c8>' });
    expect(text.split('\n')[(problem?.line ?? 0) - 1]).toContain('"id": "https://rheinwerk.example/offerings/vm-c8"');
  });
});

describe('validating a catalog manifest by manifest', () => {
  it('finds the same problems as one pass over the whole dataset', async () => {
    const broken = [
      scaldisWith('mpli:vcpu 4 ;', 'mpli:vcpu 0 ;'),
      exampleText('nuage-souverain.ttl').replace('gx:countryCode "FR" ; mpli:region ns:region-paris', 'gx:countryCode "ZZ" ; mpli:region ns:region-paris'),
      exampleText('requirements-hospital.ttl').replace('mpli:offeringKind mpli:BlockStorageOffering', 'mpli:offeringKind mpli:Storage'),
    ];
    const catalog = (await parseRdf(broken[0] ?? '')).store;
    for (const text of broken.slice(1)) await parseRdf(text, { store: catalog });
    // An offering no manifest lists: validated too, in the part for unreached quads.
    await parseRdf('<https://stray.example/x> a <https://w3id.org/mpli#VirtualMachineOffering> .', { store: catalog });
    const key = (p: Problem) => `${p.focusNode} ${p.path ?? ''} ${p.rule} ${p.value ?? ''}`;
    const whole = (await validateDataset(catalog, { partition: 'never' })).problems.map(key).sort();
    const parts = (await validateDataset(catalog, { partition: 'always' })).problems.map(key).sort();
    expect(parts).toEqual(whole);
    expect(whole.length).toBeGreaterThanOrEqual(4);
    expect(whole.some((k) => k.startsWith('<https://stray.example/x>'))).toBe(true);
  });
});
