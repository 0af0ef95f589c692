import { NS } from './namespaces';

/** One country's dated membership of a country group. Dates are ISO 8601 calendar dates. */
export interface CountryGroupMembership {
  readonly country: string;
  /** First day of membership. */
  readonly since: string;
  /** Last day of membership, when it ended. */
  readonly until?: string;
}

/** A named, dated group of countries such as the EU. */
export interface CountryGroup {
  readonly iri: string;
  readonly label: string;
  readonly members: readonly CountryGroupMembership[];
}

/** The names of the country groups MPLI knows. */
export type CountryGroupName = 'EU' | 'EEA';

const m = (countries: string, since: string, until?: string): CountryGroupMembership[] =>
  countries.split(' ').map((country) => (until ? { country, since, until } : { country, since }));

// Sovereign member states only; outermost regions with ISO codes of their own (GF, GP, MQ, RE, YT,
// MF) and Åland (AX) are part of the EU but are not listed, so a location there must name FR or FI.
const EU_MEMBERS = [
  ...m('BE DE FR IT LU NL', '1958-01-01'),
  ...m('DK IE', '1973-01-01'),
  ...m('GB', '1973-01-01', '2020-01-31'),
  ...m('GR', '1981-01-01'),
  ...m('ES PT', '1986-01-01'),
  ...m('AT FI SE', '1995-01-01'),
  ...m('CY CZ EE HU LV LT MT PL SK SI', '2004-05-01'),
  ...m('BG RO', '2007-01-01'),
  ...m('HR', '2013-07-01'),
];

// The EEA Agreement applied from 1994-01-01 to the then EC members and to AT, FI, SE, IS and NO;
// to LI from 1995-05-01; to later EU members from the (provisional) application of each EEA
// enlargement agreement.
const EEA_MEMBERS = [
  ...m('BE DE FR IT LU NL DK IE GR ES PT AT FI SE IS NO', '1994-01-01'),
  ...m('GB', '1994-01-01', '2020-01-31'),
  ...m('LI', '1995-05-01'),
  ...m('CY CZ EE HU LV LT MT PL SK SI', '2004-05-01'),
  ...m('BG RO', '2007-08-01'),
  ...m('HR', '2014-04-12'),
];

/** The country groups, with dated memberships. */
export const COUNTRY_GROUPS: Readonly<Record<CountryGroupName, CountryGroup>> = {
  EU: { iri: `${NS.mpli}EU`, label: 'European Union', members: EU_MEMBERS },
  EEA: { iri: `${NS.mpli}EEA`, label: 'European Economic Area', members: EEA_MEMBERS },
};

/**
 * The members of a group on a date.
 *
 * @example
 * countryGroupMembers('EU', '2019-06-01').has('GB') // true
 * countryGroupMembers('EU', '2026-06-01').has('GB') // false
 */
export function countryGroupMembers(group: CountryGroupName, onDate: string): Set<string> {
  const members = new Set<string>();
  for (const membership of COUNTRY_GROUPS[group].members) {
    if (membership.since <= onDate && (membership.until === undefined || onDate <= membership.until)) {
      members.add(membership.country);
    }
  }
  return members;
}

/** The group whose IRI this is, or undefined. */
export function countryGroupByIri(iri: string): CountryGroupName | undefined {
  return (Object.keys(COUNTRY_GROUPS) as CountryGroupName[]).find((name) => COUNTRY_GROUPS[name].iri === iri);
}
