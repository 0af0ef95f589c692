import { readFileSync } from 'node:fs';
import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { MPLI_CONTEXT_URL } from '@mpli/shapes';
import { bundledContexts, createDocumentLoader, MpliError, parseRdf, ParseError } from '@mpli/core';
import { parseFailure } from './expect-failure';

const examples = new URL('../../../examples/manifests/', import.meta.url);

const failure = (text: string) => parseFailure(text, { format: 'application/ld+json', source: 'doc.jsonld' });

describe('parseRdf: JSON-LD', () => {
  it('reads a manifest through the bundled MPLI context', async () => {
    const text = readFileSync(new URL('rheinwerk-cloud.jsonld', examples), 'utf8');
    const { store, format } = await parseRdf(text, { source: 'rheinwerk-cloud.jsonld' });
    expect(format).toBe('application/ld+json');
    const prices = [...store.match(null, DataFactory.namedNode('https://schema.org/price'))].map((q) => q.object);
    expect(prices.map((p) => `${p.value}^^${(p as { datatype: { value: string } }).datatype.value}`)).toContain(
      '0.10^^http://www.w3.org/2001/XMLSchema#decimal',
    );
  });

  it('locates JSON syntax errors by line and column', async () => {
    const error = await failure('{\n  "@context": "https://w3id.org/mpli/context/v1",\n  "name": "x",\n  "vcpu": ,\n}');
    expect(error).toBeInstanceOf(ParseError);
    expect(error).toMatchObject({ source: 'doc.jsonld', line: 4, column: 11 });
  });

  it('refuses a remote context it has not bundled, without any network access', async () => {
    let asked: string | undefined;
    const loader = createDocumentLoader();
    const spy = async (url: string) => {
      asked = url;
      return loader(url);
    };
    const text = JSON.stringify({ '@context': 'https://evil.example/context.jsonld', name: 'x' });
    const error = await parseRdf(text, { format: 'application/ld+json', documentLoader: spy }).catch((e: unknown) => e);
    expect(asked).toBe('https://evil.example/context.jsonld');
    expect(error).toBeInstanceOf(MpliError);
    expect(error).toMatchObject({ code: 'REMOTE_CONTEXT_REFUSED', details: { url: 'https://evil.example/context.jsonld' } });
  });

  it('refuses a remote context nested inside an inline context', async () => {
    const text = JSON.stringify({ '@context': [MPLI_CONTEXT_URL, { '@import': 'https://evil.example/c' }], name: 'x' });
    await expect(failure(text)).resolves.toMatchObject({ code: 'REMOTE_CONTEXT_REFUSED' });
  });

  it('does not silently drop a key the context does not define', async () => {
    const text = `{\n  "@context": "${MPLI_CONTEXT_URL}",\n  "id": "https://x.example/m",\n  "type": "Manifest",\n  "publsher": "https://x.example/p"\n}`;
    const error = await failure(text);
    expect(error).toMatchObject({ code: 'PARSE_ERROR', line: 5, column: 3 });
    expect(error.message).toContain('"publsher" is not defined by the context');
  });

  it('does not let a document redefine a protected MPLI term', async () => {
    const text = JSON.stringify({ '@context': [MPLI_CONTEXT_URL, { name: 'https://evil.example/name' }], name: 'x' });
    await expect(failure(text)).resolves.toMatchObject({ code: 'PARSE_ERROR' });
  });

  it('lets an application bundle more contexts explicitly', async () => {
    const contexts = bundledContexts();
    contexts.set('https://partner.example/ctx', { '@context': { note: 'https://partner.example/note' } });
    const text = JSON.stringify({ '@context': 'https://partner.example/ctx', '@id': 'https://a.example/', note: 'hi' });
    const { store } = await parseRdf(text, { format: 'application/ld+json', documentLoader: createDocumentLoader({ contexts }) });
    expect(store.size).toBe(1);
  });
});
