/**
 * `@mpli/core`: MPLI manifests as data. Parse and serialize Turtle, N-Triples, N-Quads and
 * JSON-LD (bundled contexts, no network); read them into a typed plain-object model and build
 * them from one; validate them against the MPLI SHACL shapes with clear, located problems.
 *
 * @packageDocumentation
 */
export { MpliError, type MpliErrorCode, type MpliErrorOptions } from './errors/mpli-error';
export { ParseError, formatPosition, type SourcePosition } from './errors/parse-error';

export { CompactDataset } from './dataset/compact-dataset';
export { QuadView } from './dataset/quad-view';
export { termKey } from './dataset/term-key';
export { RDF_FORMATS, formatFromFileName, formatFromMediaType, sniffFormat, requireFormat, type RdfFormat } from './rdf/formats';
export { parseRdf, DEFAULT_MAX_BYTES, type ParseOptions, type ParsedRdf } from './rdf/parse';
export type { PrefixMap } from './rdf/parse-n3';
export { serializeRdf, toJsonLd, type SerializeOptions } from './rdf/serialize';
export { createDocumentLoader, bundledContexts, type ContextMap } from './rdf/document-loader';
export { readInput, type ReadInputOptions, type InputText } from './io/read-input';
export { fetchText, type FetchTextOptions } from './io/fetch-text';
export { workerEntry } from './io/worker-entry';

export {
  convertQuantity, compareQuantities, toBaseUnits, parseQuantity, formatQuantity, formatInBaseUnit, quantityKind, requireUnit,
  type Quantity,
} from './quantity/quantity';
export {
  rational, parseDecimal, fromNumber, compare, multiply, divide, add, toNumber, toDecimalString, type Rational,
} from './quantity/rational';

export * from './model/vocabulary-names';
export type * from './model/manifest-types';
export type * from './model/party-types';
export type * from './model/requirements-types';
export type { Buildable, OfferingInput, ProviderInput, ManifestInput, RequirementsInput } from './model/input-types';
export { NodeReader, nodeId, subjectsOfType } from './model/node-reader';
export { readManifest, readProvider } from './model/read-manifest';
export { readOffering, offeringKindOf } from './model/read-offering';
export { readRequirements, readConstraint } from './model/read-requirements';
export { buildManifest, type BuildOptions } from './model/build-manifest';
export { buildRequirements } from './model/build-requirements';

export { validateDataset, type ValidateOptions } from './validation/validate';
export { validateRevision, type RevisionValidation } from './validation/validate-revision';
export { validateInput, type ValidatedInput } from './validation/validate-input';
export { mpliShapesGraph, mpliValidator } from './validation/shapes-graph';
export { KNOWN_TERM_RULE } from './validation/known-terms';
export { MANIFEST_PRESENT_RULE } from './validation/manifest-present';
export { compactIri, termText, KNOWN_PREFIXES, type Prefixes } from './validation/term-text';
export type { Problem, Severity, ValidationReport } from './validation/problem';

export { Catalog, type CatalogLimits } from './catalog/catalog';
export type { CatalogEntry } from './catalog/catalog-entry';
export type { CatalogStore } from './catalog/catalog-store';
export { MemoryCatalogStore } from './catalog/memory-catalog-store';
export { SparqlCatalogStore, type SparqlStoreOptions } from './catalog/sparql-catalog-store';
export { httpExchange, type Exchange, type ExchangeOptions } from './io/http-exchange';
export { OfferingIndex } from './catalog/offering-index';
export { resolve, type ResolveOptions } from './resolve/resolve';
export { compileRequirements, type CompiledNeed } from './resolve/compile-requirements';
export type { CompiledConstraint, RelaxationHint } from './resolve/compiled-constraint';
export type { EvidenceVerifier, EvidenceClaim, ProviderRef } from './resolve/context';
export { PRESENCE_IS_EVIDENCE } from './resolve/context';
export { checkRates, conversionFactor, type CurrencyRates } from './resolve/currency-rates';
export { checkPrerequisites, type RequiredAction } from './resolve/prerequisites';
export type { ConstraintStatus, ConstraintOutcome } from './resolve/outcome';
export type * from './resolve/result-types';
export { compileShapes, type NeedShapes } from './resolve/shapes/compile-shapes';
export type { ManifestVerifier, ManifestVerdict, ManifestDocument } from './trust/manifest-verifier';
export {
  createManifestPublisher, problem, MANIFEST_PATH, SIGNATURE_PATH, CREDENTIALS_PATH, API_CATALOG_PATH, SIGNATURE_REL, CREDENTIALS_REL,
  type ManifestPublisher, type PublisherOptions,
} from './publish/manifest-publisher';
export { SERVED_FORMATS, type ManifestSource } from './publish/manifest-representations';
export { apiCatalog, manifestService, withManifestService, API_CATALOG_MEDIA_TYPE, type LinkTarget } from './publish/api-catalog';
export { negotiate } from './publish/content-negotiation';
export { crawl, manifestUrlOf } from './discovery/crawler';
export { readRegistry } from './discovery/registry';
export { addressAllowed, guardedAgent, type AddressPolicy } from './discovery/address-policy';
export type { CrawlOptions, CrawlReport, CrawlState, CrawlEvent, KnownManifest } from './discovery/crawl-types';
