import { lineAndColumn } from '../rdf/json-error-position';
import type { Prefixes } from './term-text';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Where a node (as a report names it: `ex:vm1`, `<https://...>`) is described in the source text:
 * first where it stands as a subject at the start of a Turtle line or as a JSON-LD `"id"`, else
 * its first mention anywhere. Blank nodes have no position.
 */
export function locateNode(text: string, node: string, prefixes: Prefixes): { line: number; column: number } | undefined {
  if (node.startsWith('_:')) return undefined;
  const iri = node.startsWith('<') ? node.slice(1, -1) : expand(node, prefixes);
  const names = [node.startsWith('<') ? escape(node) : `${escape(node)}(?![\\w-])`];
  if (iri) names.push(escape(`<${iri}>`));
  const tiers = [
    names.map((name) => new RegExp(`^[ \\t]*${name}`, 'm')),
    iri ? [new RegExp(`"@?id"\\s*:\\s*${escape(JSON.stringify(iri))}`)] : [],
    [...names.map((name) => new RegExp(`(?<![\\w:/#-])${name}`)), ...(iri ? [new RegExp(escape(JSON.stringify(iri)))] : [])],
  ];
  for (const patterns of tiers) {
    const offsets = patterns.map((pattern) => pattern.exec(text)).filter((match) => match !== null)
      .map((match) => match.index + (match[0].length - match[0].trimStart().length));
    if (offsets.length > 0) return lineAndColumn(text, Math.min(...offsets));
  }
  return undefined;
}

function expand(compact: string, prefixes: Prefixes): string | undefined {
  const colon = compact.indexOf(':');
  const namespace = colon > 0 ? prefixes[compact.slice(0, colon)] : undefined;
  return namespace === undefined ? undefined : `${namespace}${compact.slice(colon + 1)}`;
}
