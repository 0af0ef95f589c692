import { NS } from '@mpli/shapes';
import { parseRdf } from '../rdf/parse';
import { formatFromMediaType } from '../rdf/formats';

/**
 * Reads a registry: the list of providers a federation or marketplace keeps. Two forms:
 * - JSON: `{ "providers": [ { "manifest": "https://cloud.example/.well-known/mpli", "name": "…" } ] }`;
 * - RDF (Turtle, JSON-LD, N-Triples): every object of `mpli:manifestLocation` or `mpli:peer`.
 * Returns the manifest URLs (absolute, resolved against the registry's URL).
 */
export async function readRegistry(text: string, url: string, contentType?: string): Promise<string[]> {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    const json = JSON.parse(text) as { providers?: unknown };
    if (Array.isArray(json.providers)) {
      return json.providers.flatMap((p: unknown) => {
        const manifest = typeof p === 'string' ? p : (p as { manifest?: unknown } | null)?.manifest;
        return typeof manifest === 'string' ? [new URL(manifest, url).toString()] : [];
      });
    }
  }
  const format = (contentType ? formatFromMediaType(contentType) : undefined) ?? (trimmed.startsWith('{') ? 'application/ld+json' : 'text/turtle');
  const { store } = await parseRdf(text, { format, source: url, baseIRI: url });
  const urls = new Set<string>();
  for (const predicate of [`${NS.mpli}manifestLocation`, `${NS.mpli}peer`]) {
    for (const quad of store.match(null, { termType: 'NamedNode', value: predicate } as never, null)) urls.add(quad.object.value);
  }
  return [...urls];
}
