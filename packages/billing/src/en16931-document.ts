import { XMLParser } from 'fast-xml-parser';
import { parseDecimal, type Rational } from '@mpli/core';

const UBL_INVOICE = 'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2';
// Elements that may repeat, kept as arrays whether there is one or several.
const REPEATED = new Set(['InvoiceLine', 'TaxTotal', 'TaxSubtotal', 'Note', 'PartyTaxScheme', 'AllowanceCharge', 'ClassifiedTaxCategory']);

/** A parsed XML element: its text, attributes (`@name`) and children, by local name. */
export type XmlNode = { readonly [name: string]: XmlNode | XmlNode[] | string | undefined } | string;

/** The UBL invoice element, or undefined when the document is not a UBL 2.1 Invoice. */
export function parseUblInvoice(xml: string): XmlNode | undefined {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, parseTagValue: false, parseAttributeValue: false, trimValues: true, isArray: (name) => REPEATED.has(name), processEntities: true });
  // The parser drops namespace declarations with the prefixes: the root's is read from its start tag.
  const root = /<(?:([\w.-]+):)?Invoice\b([^>]*)>/.exec(xml);
  const namespace = root ? new RegExp(`\\sxmlns${root[1] ? `:${root[1]}` : ''}\\s*=\\s*["']([^"']*)["']`).exec(root[2]!)?.[1] : undefined;
  if (namespace !== UBL_INVOICE) return undefined;
  const invoice = (parser.parse(xml) as Record<string, unknown>).Invoice;
  return invoice && typeof invoice === 'object' ? (invoice as XmlNode) : undefined;
}

/** The child (the first, when repeated) at a path of local names. */
export function at(node: XmlNode | undefined, ...path: string[]): XmlNode | undefined {
  let current: XmlNode | XmlNode[] | string | undefined = node;
  for (const name of path) {
    if (current === undefined || typeof current === 'string') return undefined;
    const next: XmlNode | XmlNode[] | string | undefined = Array.isArray(current) ? (current[0] as Record<string, XmlNode>)?.[name] : (current as Record<string, XmlNode>)[name];
    current = Array.isArray(next) ? next[0] : next;
  }
  return current as XmlNode | undefined;
}

/** Every child of that name (repeated elements). */
export function all(node: XmlNode | undefined, name: string): XmlNode[] {
  if (node === undefined || typeof node === 'string') return [];
  const value = (node as Record<string, XmlNode | XmlNode[]>)[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** An element's text; an empty element has none. */
export function textOf(node: XmlNode | undefined): string | undefined {
  const value = typeof node === 'string' ? node : node === undefined ? undefined : (node as Record<string, unknown>)['#text'];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** An attribute of an element. */
export const attribute = (node: XmlNode | undefined, name: string): string | undefined =>
  node !== undefined && typeof node !== 'string' ? ((node as Record<string, unknown>)[`@${name}`] as string | undefined) : undefined;

/** An element's decimal value, exactly, or undefined when absent or not a decimal. */
export function decimalOf(node: XmlNode | undefined): Rational | undefined {
  const value = textOf(node);
  return value !== undefined && /^[+-]?\d+(\.\d+)?$/.test(value) ? parseDecimal(value) : undefined;
}

/** Digits after the point in an element's decimal text (0 when absent). */
export const decimalsOf = (node: XmlNode | undefined): number => /\.(\d+)$/.exec(textOf(node) ?? '')?.[1]?.length ?? 0;
