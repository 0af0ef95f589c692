/**
 * `@mpli/shapes`: the MPLI vocabulary, its SHACL shapes, its JSON-LD context, and the reference
 * data behind them (units with exact conversion factors, ISO country and currency codes, dated
 * country groups). Data files plus a tiny loader and IRI constants; no RDF library needed.
 *
 * @packageDocumentation
 */
export { NS, MPLI, MPLISH, type KnownPrefix } from './namespaces';
export { mpli, type MpliTermName } from './generated/terms';
export { ISO_COUNTRIES } from './generated/iso-countries';
export { ISO_CURRENCIES } from './generated/iso-currencies';
export {
  UNITS,
  BASE_UNIT_SYMBOL,
  BILLING_PERIOD_SYMBOLS,
  unitBySymbol,
  unitByIri,
  unitByTerm,
  unitTerm,
  unitsOfKind,
  type UnitDefinition,
  type QuantityKind,
  type BillingPeriodSymbol,
} from './units';
export {
  COUNTRY_GROUPS,
  countryGroupMembers,
  countryGroupByIri,
  type CountryGroup,
  type CountryGroupMembership,
  type CountryGroupName,
} from './country-groups';
export {
  SHAPE_FILES,
  ONTOLOGY_FILE,
  CONTEXT_FILE,
  DATA_FILES,
  readPackageFile,
  packageFileUrl,
  shapesTurtle,
  ontologyTurtle,
  mpliContextDocument,
} from './files';
export { MPLI_CONTEXT_URL } from './context-url';
