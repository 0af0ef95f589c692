/**
 * `@mpli/server`: the one MPLI REST endpoint over the libraries, described by OpenAPI 3.1.
 *
 * @packageDocumentation
 */
export { createMpliServer, ROUTES, type ServerOptions } from './server';
export { OPENAPI_DOCUMENT } from './openapi/document';
export type { Operation } from './routes/operations';
export type { OfferingSummary, ProviderSummary } from './routes/catalog-views';
