import { readFileSync } from 'node:fs';
import { parseRdf, type ParsedRdf } from '@mpli/core';

/** The example manifests shipped in examples/manifests/, shared by several tests. */
export const EXAMPLE_DIR = new URL('../../../examples/manifests/', import.meta.url);

export const PROVIDER_EXAMPLES = ['scaldis-cloud.ttl', 'rheinwerk-cloud.jsonld', 'nuage-souverain.ttl'] as const;
export const REQUIREMENTS_EXAMPLES = ['requirements-hospital.ttl', 'requirements-ai-startup.jsonld'] as const;

export function exampleText(name: string): string {
  return readFileSync(new URL(name, EXAMPLE_DIR), 'utf8');
}

export function parseExample(name: string): Promise<ParsedRdf> {
  return parseRdf(exampleText(name), { source: name });
}

/**
 * A deep copy with every array sorted by its items' JSON, for comparing models whose lists are
 * sets in RDF (a multi-valued property has no order).
 */
export function canonical<T>(value: T): T {
  if (Array.isArray(value)) {
    return value.map(canonical).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)) as T;
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, canonical(inner)])) as T;
  }
  return value;
}
