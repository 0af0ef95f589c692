import { createHash } from 'node:crypto';

/**
 * A stable NGSI-LD URN, as DOME names TM Forum resources (`urn:ngsi-ld:product-offering:<uuid>`),
 * derived from the MPLI IRI it stands for: exporting the same manifest again gives the same ids,
 * so a catalog can be updated rather than duplicated.
 */
export function tmfId(kind: 'service-specification' | 'product-specification' | 'product-offering-price' | 'product-offering', iri: string): string {
  const hex = createHash('sha256').update(`${kind} ${iri}`).digest('hex');
  // A version-5-style UUID layout (name-based), from SHA-256 rather than SHA-1.
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `urn:ngsi-ld:${kind}:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
