import { describe, expect, it } from 'vitest';
import { parseRdf, readManifest, readRequirements, serializeRdf, RDF_FORMATS } from '@mpli/core';
import { canonical, parseExample, PROVIDER_EXAMPLES, REQUIREMENTS_EXAMPLES } from './examples';

describe('serializeRdf', () => {
  for (const name of PROVIDER_EXAMPLES) {
    it.each(RDF_FORMATS)(`round-trips ${name} through %s without losing a triple`, async (format) => {
      const { store } = await parseExample(name);
      const text = await serializeRdf(store, format);
      const again = await parseRdf(text, { format });
      expect(again.store.size).toBe(store.size);
      expect(canonical(readManifest(again.store))).toEqual(canonical(readManifest(store)));
    });
  }

  it.each(REQUIREMENTS_EXAMPLES)('round-trips requirements %s through JSON-LD', async (name) => {
    const { store } = await parseExample(name);
    const again = await parseRdf(await serializeRdf(store, 'application/ld+json'), { format: 'application/ld+json' });
    expect(again.store.size).toBe(store.size);
    expect(readRequirements(again.store).needs.length).toBe(readRequirements(store).needs.length);
  });

  it('writes readable Turtle: prefixes, nested blank nodes, lists', async () => {
    const { store } = await parseExample('requirements-hospital.ttl');
    const turtle = await serializeRdf(store, 'text/turtle');
    expect(turtle).toContain('@prefix mpli: <https://w3id.org/mpli#>.');
    expect(turtle).toMatch(/mpli:path \(mpli:sla mpli:availability\)/);
    expect(turtle).not.toMatch(/_:\w+ /);
  });

  it('writes compact JSON-LD with the MPLI context, decimals as strings, blank nodes nested', async () => {
    const { store } = await parseExample('scaldis-cloud.ttl');
    const json = JSON.parse(await serializeRdf(store, 'application/ld+json')) as Record<string, unknown>;
    expect(json['@context']).toBe('https://w3id.org/mpli/context/v1');
    const text = JSON.stringify(json);
    expect(text).toContain('"amount":"0.021"');
    expect(text).toContain('"vcpu":2');
    expect(text).not.toContain('"_:');
  });
});
