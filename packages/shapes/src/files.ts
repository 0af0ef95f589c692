import { readFileSync } from 'node:fs';

// Data files live beside `src/` and `dist/` in the package, so one relative URL works both from
// the TypeScript sources (tests) and from the built bundle (installed package).
const packageRoot = new URL('../', import.meta.url);

/** The SHACL files that make up MPLI's shapes graph, in load order. */
export const SHAPE_FILES = [
  'shapes/quantities.ttl',
  'shapes/codes.ttl',
  'shapes/offerings.ttl',
  'shapes/offering-kinds.ttl',
  'shapes/provider.ttl',
  'shapes/requirements.ttl',
  'shapes/credentials.ttl',
] as const;

/** The ontology file. */
export const ONTOLOGY_FILE = 'vocab/mpli.ttl';

/** The bundled JSON-LD context file. */
export const CONTEXT_FILE = 'context/mpli.context.jsonld';

/** Reference data files: units with exact factors, and dated country groups. */
export const DATA_FILES = ['data/units.ttl', 'data/country-groups.ttl'] as const;

const cache = new Map<string, string>();

/**
 * Reads one of the package's data files (a path such as `shapes/offerings.ttl`) as text.
 * Files are read once and cached.
 */
export function readPackageFile(path: string): string {
  let text = cache.get(path);
  if (text === undefined) {
    text = readFileSync(new URL(path, packageRoot), 'utf8');
    cache.set(path, text);
  }
  return text;
}

/** The absolute file URL of one of the package's data files. */
export function packageFileUrl(path: string): URL {
  return new URL(path, packageRoot);
}

/** Every SHACL shapes file, as `[path, Turtle text]`. */
export function shapesTurtle(): [string, string][] {
  return SHAPE_FILES.map((path) => [path, readPackageFile(path)]);
}

/** The ontology, as Turtle text. */
export function ontologyTurtle(): string {
  return readPackageFile(ONTOLOGY_FILE);
}

/** The MPLI JSON-LD context document (the object with `@context`), parsed. */
export function mpliContextDocument(): { '@context': Record<string, unknown> } {
  return JSON.parse(readPackageFile(CONTEXT_FILE)) as { '@context': Record<string, unknown> };
}
