import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { CompactDataset } from '@mpli/core';

const { namedNode: iri, literal, blankNode, quad, defaultGraph } = DataFactory;
const ex = (local: string) => iri(`https://ex.example/${local}`);
const XSD_INTEGER = iri('http://www.w3.org/2001/XMLSchema#integer');

function sample(): CompactDataset {
  return new CompactDataset([
    quad(ex('a'), ex('p'), ex('b')),
    quad(ex('a'), ex('p'), literal('b')),
    quad(ex('a'), ex('q'), literal('1', XSD_INTEGER)),
    quad(ex('b'), ex('p'), ex('b')),
    quad(ex('a'), ex('p'), ex('b'), ex('g')),
    quad(blankNode('x'), ex('p'), literal('hi', 'en')),
  ]);
}

describe('CompactDataset', () => {
  it('stores distinct quads once, telling IRIs, literals, languages and graphs apart', () => {
    const dataset = sample();
    expect(dataset.size).toBe(6);
    dataset.add(quad(ex('a'), ex('p'), ex('b')));
    dataset.add(quad(blankNode('x'), ex('p'), literal('hi', 'en')));
    expect(dataset.size).toBe(6);
    expect(dataset.has(quad(blankNode('x'), ex('p'), literal('hi', 'fr')))).toBe(false);
    expect(dataset.has(quad(ex('a'), ex('q'), literal('1')))).toBe(false);
    expect(dataset.has(quad(ex('a'), ex('q'), literal('1', XSD_INTEGER)))).toBe(true);
  });

  it('matches every pattern of bound and unbound positions', () => {
    const dataset = sample();
    expect(dataset.match(ex('a')).size).toBe(4);
    expect(dataset.match(ex('a'), ex('p')).size).toBe(3);
    expect(dataset.match(null, ex('p'), ex('b')).size).toBe(3);
    expect(dataset.match(null, null, ex('b'), defaultGraph()).size).toBe(2);
    expect(dataset.match(null, null, null, ex('g')).size).toBe(1);
    expect(dataset.match(null, ex('p')).size).toBe(5);
    expect(dataset.match().size).toBe(6);
    expect(dataset.match(ex('nobody')).size).toBe(0);
    expect(dataset.match(ex('a')).match(null, ex('q')).size).toBe(1);
  });

  it('gives back the very term objects it was given', () => {
    const object = literal('kept');
    const dataset = new CompactDataset([quad(ex('s'), ex('p'), object)]);
    expect(dataset.objects(ex('s'), ex('p'))[0]).toBe(object);
    expect(dataset.subjects(ex('p'), literal('kept'))).toEqual([ex('s')]);
    const [only] = dataset;
    expect(only?.object).toBe(object);
  });

  it('deletes, re-adds and keeps its indexes right across changes', () => {
    const dataset = sample();
    dataset.match(ex('a'));
    dataset.delete(quad(ex('a'), ex('p'), ex('b')));
    expect(dataset.size).toBe(5);
    expect(dataset.has(quad(ex('a'), ex('p'), ex('b')))).toBe(false);
    expect(dataset.match(ex('a'), ex('p')).size).toBe(2);
    dataset.delete(quad(ex('a'), ex('p'), ex('b')));
    expect(dataset.size).toBe(5);
    dataset.add(quad(ex('a'), ex('p'), ex('b')));
    expect(dataset.size).toBe(6);
    expect(dataset.match(ex('a'), ex('p')).size).toBe(3);
  });

  it('holds many quads with few collisions and finds each of them', () => {
    const dataset = new CompactDataset();
    for (let i = 0; i < 50_000; i += 1) dataset.add(quad(ex(`s${i % 5000}`), ex(`p${i % 7}`), literal(String(i))));
    expect(dataset.size).toBe(50_000);
    for (let i = 0; i < 50_000; i += 997) expect(dataset.has(quad(ex(`s${i % 5000}`), ex(`p${i % 7}`), literal(String(i))))).toBe(true);
    expect(dataset.match(ex('s42')).size).toBe(10);
  });

  it('returns read-only match views', () => {
    const view = sample().match(ex('a'));
    expect(() => view.add()).toThrow(TypeError);
    expect(view.has(quad(ex('a'), ex('q'), literal('1', XSD_INTEGER)))).toBe(true);
    expect(view.has(quad(ex('b'), ex('p'), ex('b')))).toBe(false);
  });
});

describe('termKey', () => {
  it('gives terms from any RDF/JS factory the key n3 gives them', async () => {
    const { termKey } = await import('@mpli/core');
    const plain = (value: string, datatype: string, language = '') =>
      ({ termType: 'Literal', value, language, datatype: { termType: 'NamedNode', value: datatype, equals: () => false }, equals: () => false }) as never;
    expect(termKey(plain('x', 'http://www.w3.org/2001/XMLSchema#string'))).toBe(termKey(literal('x')));
    expect(termKey(plain('x', 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString', 'en'))).toBe(termKey(literal('x', 'en')));
    expect(termKey(plain('1', XSD_INTEGER.value))).toBe(termKey(literal('1', XSD_INTEGER)));
    expect(termKey(blankNode('b'))).toBe('_:b');
  });
});
