/**
 * Reads Gaia-X credential subjects as their JSON is written in the wild: `gx:vCPUs` or `vCPUs`,
 * `schema:name` or `name`, `vcard:street-address` or `streetAddress` (the 2511 context maps both),
 * a value or a list of values, a node or a reference by `id`.
 */
export type Node = Readonly<Record<string, unknown>>;

const PREFIXES = /^(gx|schema|vcard|qudt|cred):/;
const ALIASES: Record<string, string> = { 'street-address': 'streetAddress', 'postal-code': 'postalCode' };

/** The node's keys without their prefixes (`gx:vCPUs` → `vCPUs`). */
export function plain(node: unknown): Node {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return {};
  return Object.fromEntries(Object.entries(node).map(([key, value]) => {
    const bare = key.replace(PREFIXES, '');
    return [ALIASES[bare] ?? bare, value];
  }));
}

/** Every value of a key, as a list. */
export const all = (node: Node, key: string): unknown[] => ([] as unknown[]).concat(node[key] ?? []);
/** The first value of a key as a plain node. */
export const child = (node: Node, key: string): Node => plain(all(node, key)[0]);
/** The first value of a key as a string (a literal, or a node's `@value`). */
export function text(node: Node, key: string): string | undefined {
  const value = all(node, key)[0];
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  const literal = plain(value)['@value'];
  return typeof literal === 'string' || typeof literal === 'number' ? String(literal) : undefined;
}
/** The node's types without prefixes (`gx:VirtualMachineServiceOffering` → `VirtualMachineServiceOffering`). */
export const typesOf = (node: Node): string[] => [...all(node, 'type'), ...all(node, '@type')].map((t) => String(t).replace(PREFIXES, '').replace(/^https:\/\/w3id\.org\/gaia-x\/[^#]+#/, ''));
