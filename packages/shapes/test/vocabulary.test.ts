import { DataFactory, Parser, type Quad } from 'n3';
import type { Term } from '@rdfjs/types';
import { describe, expect, it } from 'vitest';
import {
  COUNTRY_GROUPS, countryGroupMembers, ISO_COUNTRIES, ISO_CURRENCIES, mpli, mpliContextDocument, NS, ontologyTurtle,
  readPackageFile, SHAPE_FILES, UNITS, unitByIri, unitBySymbol, unitsOfKind,
} from '../src/index';

const ontology: Quad[] = new Parser({ format: 'text/turtle' }).parse(ontologyTurtle());
const RDFS_LABEL = `${NS.rdfs}label`;
const RDFS_COMMENT = `${NS.rdfs}comment`;

describe('the MPLI ontology', () => {
  const subjects = [...new Set(ontology.filter((q) => q.subject.value.startsWith(NS.mpli)).map((q) => q.subject.value))];

  it('defines a good number of terms, each with an English label and comment', () => {
    expect(subjects.length).toBeGreaterThan(150);
    const missing = subjects.filter((iri) => {
      const has = (p: string) => ontology.some((q) => q.subject.value === iri && q.predicate.value === p && (q.object as { language?: string }).language === 'en');
      return !has(RDFS_LABEL) || !has(RDFS_COMMENT);
    });
    expect(missing).toEqual([]);
  });

  it('has an IRI constant for every term, and no constant without a term', () => {
    expect(new Set(Object.values(mpli))).toEqual(new Set(subjects));
  });

  it('only uses mpli: terms it defines', () => {
    const used = ontology.flatMap((q) => [q.predicate, q.object]).filter((t) => t.termType === 'NamedNode' && t.value.startsWith(NS.mpli));
    expect(used.map((t) => t.value).filter((iri) => !subjects.includes(iri))).toEqual([]);
  });

  it('reuses the Gaia-X 25.11 classes for providers and offering kinds', () => {
    const superclasses = (iri: string) => ontology.filter((q) => q.subject.value === iri && q.predicate.value === `${NS.rdfs}subClassOf`).map((q) => q.object.value);
    expect(superclasses(mpli.Provider)).toContain(`${NS.gx}LegalPerson`);
    expect(superclasses(mpli.VirtualMachineOffering)).toContain(`${NS.gx}VirtualMachineServiceOffering`);
    expect(superclasses(mpli.PriceSpecification)).toContain(`${NS.schema}UnitPriceSpecification`);
  });
});

describe('shapes and reference data agree with the TypeScript tables', () => {
  const shapes: Quad[] = SHAPE_FILES.flatMap((path) => new Parser({ format: 'text/turtle' }).parse(readPackageFile(path)));
  const objectOf = (subject: Term, predicate: string): Term | undefined =>
    shapes.find((q) => q.subject.equals(subject) && q.predicate.value === predicate)?.object;
  const listAfter = (predicate: string, subject: string): string[] => {
    const items: string[] = [];
    let cell = objectOf(DataFactory.namedNode(subject), predicate);
    while (cell && cell.value !== `${NS.rdf}nil`) {
      items.push(objectOf(cell, `${NS.rdf}first`)?.value ?? '?');
      cell = objectOf(cell, `${NS.rdf}rest`);
    }
    return items;
  };

  it('lists exactly the data-size, duration and data-rate units of the unit table', () => {
    expect(listAfter(`${NS.sh}in`, `${NS.mplish}DataSizeQuantity-unit`)).toEqual(unitsOfKind('dataSize').map((u) => u.iri));
    expect(listAfter(`${NS.sh}in`, `${NS.mplish}DurationQuantity-unit`)).toEqual(unitsOfKind('duration').map((u) => u.iri));
    expect(listAfter(`${NS.sh}in`, `${NS.mplish}DataRateQuantity-unit`)).toEqual(unitsOfKind('dataRate').map((u) => u.iri));
  });

  it('accepts every ISO 3166-1 country and ISO 4217 currency, and nothing else', () => {
    expect(listAfter(`${NS.sh}in`, `${NS.mplish}IsoCountryCode`)).toEqual([...ISO_COUNTRIES.keys()]);
    expect(listAfter(`${NS.sh}in`, `${NS.mplish}IsoCurrencyCode`)).toEqual([...ISO_CURRENCIES.keys()]);
    expect(ISO_COUNTRIES.size).toBe(249);
    expect(ISO_COUNTRIES.get('BE')).toBe('Belgium');
    expect(ISO_CURRENCIES.has('EUR')).toBe(true);
  });

  it('finds units by symbol and IRI, GB and GiB apart', () => {
    expect(unitBySymbol('GiB')?.factor).toBe('1073741824');
    expect(unitBySymbol('GB')?.factor).toBe('1000000000');
    expect(unitByIri(`${NS.mpli}BillingMonth`)?.factor).toBe(String(730 * 3600));
    expect(new Set(UNITS.map((u) => u.symbol)).size).toBe(UNITS.length);
  });
});

describe('country groups', () => {
  it('dates memberships: the UK left the EU on 31 January 2020', () => {
    expect(countryGroupMembers('EU', '2020-01-31').has('GB')).toBe(true);
    expect(countryGroupMembers('EU', '2020-02-01').has('GB')).toBe(false);
    expect(countryGroupMembers('EU', '2013-06-30').has('HR')).toBe(false);
    expect(countryGroupMembers('EU', '2013-07-01').has('HR')).toBe(true);
  });

  it('has 27 EU members today and 30 EEA members, all of them ISO countries', () => {
    expect(countryGroupMembers('EU', '2026-12-01').size).toBe(27);
    const eea = countryGroupMembers('EEA', '2026-12-01');
    expect(eea.size).toBe(30);
    expect([...eea].filter((c) => !countryGroupMembers('EU', '2026-12-01').has(c)).sort()).toEqual(['IS', 'LI', 'NO']);
    for (const group of Object.values(COUNTRY_GROUPS)) for (const m of group.members) expect(ISO_COUNTRIES.has(m.country), m.country).toBe(true);
  });
});

describe('the JSON-LD context', () => {
  it('maps every MPLI term, protects its terms and coerces decimals', () => {
    const context = mpliContextDocument()['@context'];
    expect(context['@protected']).toBe(true);
    for (const [local, iri] of Object.entries(mpli)) {
      const definition = context[local] as string | { '@id': string };
      expect(typeof definition === 'string' ? definition : definition['@id'], local).toBe(`mpli:${iri.slice(NS.mpli.length)}`);
    }
    expect(context.amount).toEqual({ '@id': 'schema:price', '@type': 'xsd:decimal' });
  });
});
