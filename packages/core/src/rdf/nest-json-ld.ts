type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const isReference = (value: JsonObject) => Object.keys(value).length === 1 && typeof value['@id'] === 'string';
const XSD_STRING = 'http://www.w3.org/2001/XMLSchema#string';

class BlankNodeCycle extends Error {}

/**
 * Works on expanded JSON-LD (the node objects jsonld.fromRDF returns): drops the explicit
 * xsd:string type jsonld.js adds to plain strings, and nests blank nodes that are referenced
 * exactly once into the node that references them, so the compacted document reads as a tree.
 * Blank nodes referenced several times stay top-level. The RDF meaning is unchanged; a cycle of
 * blank nodes leaves the nodes unnested.
 */
export function nestBlankNodes(nodes: readonly JsonObject[]): JsonObject[] {
  const plain = nodes.map((node) => stripStringType(node) as JsonObject);
  const blanks = new Map<string, JsonObject>();
  for (const node of plain) {
    const id = node['@id'];
    if (typeof id === 'string' && id.startsWith('_:')) blanks.set(id, node);
  }
  const counts = new Map<string, number>();
  const countRefs = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(countRefs);
    if (!isObject(value)) return;
    if (isReference(value)) counts.set(value['@id'] as string, (counts.get(value['@id'] as string) ?? 0) + 1);
    Object.values(value).forEach(countRefs);
  };
  plain.forEach(countRefs);
  const nestable = new Set([...blanks.keys()].filter((id) => counts.get(id) === 1));

  const replace = (value: unknown, stack: ReadonlySet<string>): unknown => {
    if (Array.isArray(value)) return value.map((item) => replace(item, stack));
    if (!isObject(value)) return value;
    const id = value['@id'];
    if (typeof id === 'string' && isReference(value) && nestable.has(id)) {
      if (stack.has(id)) throw new BlankNodeCycle();
      const { '@id': _id, ...content } = blanks.get(id) ?? {};
      return replace(content, new Set([...stack, id]));
    }
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, replace(inner, stack)]));
  };

  try {
    return plain.filter((node) => !nestable.has(node['@id'] as string)).map((node) => replace(node, new Set()) as JsonObject);
  } catch (error) {
    if (error instanceof BlankNodeCycle) return plain;
    throw error;
  }
}

function stripStringType(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripStringType);
  if (!isObject(value)) return value;
  if ('@value' in value && value['@type'] === XSD_STRING) {
    const { '@type': _type, ...rest } = value;
    return rest;
  }
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, stripStringType(inner)]));
}
