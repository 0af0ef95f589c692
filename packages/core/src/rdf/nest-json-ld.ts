type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const idOf = (node: JsonObject) => (typeof node.id === 'string' ? node.id : typeof node['@id'] === 'string' ? node['@id'] : undefined);
const isReference = (value: JsonObject) => Object.keys(value).length === 1 && idOf(value) !== undefined;

class BlankNodeCycle extends Error {}

/**
 * Nests blank nodes that are referenced exactly once into the node that references them, so a
 * compacted JSON-LD graph reads as a tree. Blank nodes referenced several times keep their ids.
 * The RDF meaning is unchanged; a cycle of blank nodes leaves the document as it was.
 */
export function nestBlankNodes(document: JsonObject): JsonObject {
  const graph = Array.isArray(document['@graph']) ? (document['@graph'] as unknown[]).filter(isObject) : [document];
  const { '@context': context } = document;
  const blanks = new Map<string, JsonObject>();
  for (const node of graph) {
    const id = idOf(node);
    if (id?.startsWith('_:')) blanks.set(id, node);
  }
  const counts = new Map<string, number>();
  const countRefs = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(countRefs);
    if (!isObject(value)) return;
    const id = idOf(value);
    if (id && isReference(value)) counts.set(id, (counts.get(id) ?? 0) + 1);
    Object.values(value).forEach(countRefs);
  };
  graph.forEach((node) => Object.entries(node).forEach(([key, value]) => key !== '@context' && countRefs(value)));
  const nestable = new Set([...blanks.keys()].filter((id) => counts.get(id) === 1));

  const replace = (value: unknown, stack: ReadonlySet<string>): unknown => {
    if (Array.isArray(value)) return value.map((item) => replace(item, stack));
    if (!isObject(value)) return value;
    const id = idOf(value);
    if (id && isReference(value) && nestable.has(id)) {
      if (stack.has(id)) throw new BlankNodeCycle();
      const { id: _id, '@id': _atId, ...content } = blanks.get(id) ?? {};
      return replace(content, new Set([...stack, id]));
    }
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, key === '@context' ? inner : replace(inner, stack)]));
  };

  try {
    const roots = graph.filter((node) => !nestable.has(idOf(node) ?? '')).map((node) => replace(node, new Set()) as JsonObject);
    if (roots.length === 1 && roots[0]) {
      const { '@context': _inner, ...single } = roots[0];
      return { '@context': context, ...single };
    }
    return { '@context': context, '@graph': roots };
  } catch (error) {
    if (error instanceof BlankNodeCycle) return document;
    throw error;
  }
}
