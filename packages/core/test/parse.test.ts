import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { CompactDataset, parseRdf, ParseError } from '@mpli/core';
import { parseFailure as failWith } from './expect-failure';

const parseFailure = (text: string, options: Parameters<typeof parseRdf>[1] = {}) => failWith(text, { source: 'test.ttl', ...options });

describe('parseRdf: Turtle, N-Triples, N-Quads', () => {
  it('parses Turtle and reports its prefixes', async () => {
    const { store, prefixes, format } = await parseRdf('@prefix ex: <http://ex.org/> .\nex:a ex:b ex:c, ex:d .\n');
    expect(format).toBe('text/turtle');
    expect(store.size).toBe(2);
    expect(prefixes).toEqual({ ex: 'http://ex.org/' });
  });

  it('parses N-Triples and N-Quads in their own strict formats', async () => {
    const nt = '<http://a> <http://b> "x" .\n<http://a> <http://b> <http://c> .\n';
    expect((await parseRdf(nt, { format: 'application/n-triples' })).store.size).toBe(2);
    const nq = '<http://a> <http://b> <http://c> <http://g> .\n';
    expect((await parseRdf(nq, { format: 'application/n-quads' })).store.match(null, null, null, DataFactory.namedNode('http://g')).size).toBe(1);
    const error = await parseFailure('<http://a> <http://b> .\n', { format: 'application/n-triples', source: 'x.nt' });
    expect(error).toMatchObject({ code: 'PARSE_ERROR', source: 'x.nt', line: 1, column: 23 });
  });

  it('gives line and column when the parser rejects a token', async () => {
    const error = await parseFailure('@prefix ex: <http://ex.org/> .\nex:a ex:b ex:c .\nex:a   ex:b ex:c ex:d .\n');
    expect(error).toBeInstanceOf(ParseError);
    expect(error).toMatchObject({ source: 'test.ttl', line: 3, column: 18 });
    expect(error.message).toMatch(/^test\.ttl:3:18: Expected punctuation/);
  });

  it('gives line and column when the lexer rejects raw text', async () => {
    const error = await parseFailure('@prefix ex: <http://ex.org/> .\n\nex:a ex:b "unterminated ;\n');
    expect(error).toMatchObject({ line: 3, column: 11 });
  });

  it('names an undefined prefix with its position', async () => {
    const error = await parseFailure('@prefix ex: <http://ex.org/> .\nex:a ex:b foo:bar .\n');
    expect(error).toMatchObject({ line: 2, column: 11 });
    expect((error as ParseError).reason).toContain('Undefined prefix "foo:"');
  });

  it('is strict Turtle, not the lenient N3 superset', async () => {
    await expect(parseRdf('@prefix ex: <http://ex.org/> .\nex:a ex:b ex:c ex:d .\n')).rejects.toThrow(ParseError);
    await expect(parseRdf('@prefix ex: <http://ex.org/> .\n{ ex:a ex:b ex:c } => { ex:a ex:b ex:d } .\n')).rejects.toThrow(ParseError);
  });

  it('refuses input above the size limit before parsing it', async () => {
    const garbage = 'this is not turtle at all '.repeat(100);
    const error = await parseFailure(garbage, { maxBytes: 1000 });
    expect(error.code).toBe('INPUT_TOO_LARGE');
    expect(error.details).toMatchObject({ bytes: garbage.length, maxBytes: 1000 });
  });

  it('counts the limit in UTF-8 bytes, not characters', async () => {
    const text = `<http://a> <http://b> "${'é'.repeat(600)}" .\n`;
    expect(text.length).toBeLessThan(1000);
    await expect(parseRdf(text, { maxBytes: 1000 })).rejects.toMatchObject({ code: 'INPUT_TOO_LARGE' });
  });

  it('leaves the caller\'s store untouched when the text does not parse', async () => {
    const store = new CompactDataset();
    const text = '@prefix ex: <http://ex.org/> .\nex:a ex:b ex:c .\nex:d ex:e ex:f .\nex:g ex:h .\n';
    await expect(parseRdf(text, { store })).rejects.toThrow(ParseError);
    expect(store.size).toBe(0);
    await parseRdf('<http://a> <http://b> <http://c> .', { store });
    expect(store.size).toBe(1);
  });

  it('refuses an unsupported format by name', async () => {
    await expect(parseRdf('x', { format: 'application/rdf+xml' })).rejects.toMatchObject({ code: 'UNSUPPORTED_FORMAT' });
  });
});
