/**
 * `@mpli/interop`: MPLI where Europe's marketplaces and trust frameworks already are. Provider
 * manifests as TM Forum TMF620/TMF633 catalogs for DOME access nodes and back, match results as
 * TMF679 product offering qualifications, and Gaia-X 25.11 LegalPerson and service offering
 * credentials read into manifests and written from them.
 *
 * @packageDocumentation
 */
export { manifestToTmf, COMMERCIAL_FIELDS, type TmfExportOptions } from './dome/export-catalog';
export { tmfToManifest, type TmfImportOptions, type TmfImport } from './dome/import-catalog';
export { matchToTmf679, type ProductOfferingQualification, type QualificationItem, type QualificationOptions } from './dome/qualification';
export { priceToTmf, priceFromTmf } from './dome/prices';
export { DOME_COMPLIANCE_NAMES, schemeOfComplianceName } from './dome/compliance-names';
export { tmfId } from './dome/tmf-ids';
export type * from './dome/tmf-types';
export { gaiaXToManifest, type GaiaXImportOptions, type GaiaXImport } from './gaia-x/gaia-x-import';
export { providerToGaiaX, offeringToGaiaX, manifestToGaiaX, GAIA_X_CONTEXTS, type GaiaXExportOptions } from './gaia-x/gaia-x-export';
