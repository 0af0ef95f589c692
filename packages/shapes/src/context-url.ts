/**
 * The IRI that JSON-LD manifests name in `@context` to use MPLI's bundled context. MPLI never
 * fetches it: parsers map it to the copy shipped in this package.
 */
export const MPLI_CONTEXT_URL = 'https://w3id.org/mpli/context/v1';
