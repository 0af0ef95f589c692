import type { CertificationScheme } from '@mpli/core';

/**
 * The names DOME's marketplace gives certifications in `Compliance:<name>` characteristics, by
 * MPLI scheme. DOME's own list (BAE frontend) spells BSI C5 as "BSI-C5".
 */
export const DOME_COMPLIANCE_NAMES: Readonly<Record<CertificationScheme, string>> = {
  ISO27001: 'ISO/IEC 27001', ISO27017: 'ISO/IEC 27017', ISO27018: 'ISO/IEC 27018', ISO22301: 'ISO 22301',
  SOC2: 'SOC 2', BSIC5: 'BSI-C5', SecNumCloud: 'SecNumCloud', ENS: 'ENS', EUCS: 'EUCS',
};

const squash = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/**
 * The MPLI scheme a DOME compliance characteristic names: `Compliance:ISO/IEC 27001`,
 * `ISO 22301:2019`, `BSI C5` (prefix, spacing, punctuation and a `:year` suffix do not matter).
 */
export function schemeOfComplianceName(name: string): CertificationScheme | undefined {
  const bare = squash(name.replace(/^compliance:/i, '').replace(/:\d{4}$/, ''));
  for (const [scheme, domeName] of Object.entries(DOME_COMPLIANCE_NAMES) as [CertificationScheme, string][]) {
    if (bare === squash(domeName) || bare === squash(scheme) || bare === squash(domeName).replace(/^isoiec/, 'iso')) return scheme;
  }
  return undefined;
}
