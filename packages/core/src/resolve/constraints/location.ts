import { countryGroupMembers, ISO_COUNTRIES, NS } from '@mpli/shapes';
import type { OfferingIndex } from '../../catalog/offering-index';
import { MpliError } from '../../errors/mpli-error';
import type { LocationConstraint } from '../../model/requirements-types';
import type { CompiledConstraint } from '../compiled-constraint';
import type { ResolveContext } from '../context';
import { FAILED, MET, NOT_EVIDENCED } from '../outcome';

const COUNTRY_PATH = [`${NS.mpli}location`, `${NS.gx}countryCode`];

/** The countries a location constraint allows on a date: its countries and groups, less the excluded. */
export function allowedCountries(constraint: LocationConstraint, asOf: string): Set<string> {
  const named = [...(constraint.countries ?? []), ...(constraint.groups ?? []).flatMap((group) => [...countryGroupMembers(group, constraint.asOf ?? asOf)])];
  const base = constraint.countries?.length || constraint.groups?.length ? named : [...ISO_COUNTRIES.keys()];
  const excluded = new Set(constraint.excludedCountries ?? []);
  return new Set(base.filter((country) => !excluded.has(country)));
}

function describe(constraint: LocationConstraint, allowed: Set<string>, asOf: string): string {
  const parts = [
    ...(constraint.countries ?? []),
    ...(constraint.groups ?? []).map((group) => `${group} (${countryGroupMembers(group, constraint.asOf ?? asOf).size} countries on ${constraint.asOf ?? asOf})`),
  ];
  const excluded = constraint.excludedCountries?.length ? ` except ${constraint.excludedCountries.join(', ')}` : '';
  return parts.length ? `in ${parts.join(' or ')}${excluded}` : `anywhere but ${[...(constraint.excludedCountries ?? [])].join(', ')} (${allowed.size} countries)`;
}

/**
 * A location constraint: at least one of the offering's locations is in an allowed country (the
 * order then picks that location). Country groups are taken as of the constraint's date, or the
 * day of matching. An offering that states no location is "not evidenced".
 */
export function compileLocation(constraint: LocationConstraint, context: ResolveContext): CompiledConstraint {
  for (const code of [...(constraint.countries ?? []), ...(constraint.excludedCountries ?? [])]) {
    if (!ISO_COUNTRIES.has(code)) throw new MpliError('INVALID_REQUIREMENTS', `Unknown country code "${code}" in a location constraint`, { details: { country: code } });
  }
  const allowed = allowedCountries(constraint, context.asOf);
  const expected = describe(constraint, allowed, context.asOf);
  const label = constraint.label ?? `located ${expected}`;
  if (allowed.size === 0) throw new MpliError('INVALID_REQUIREMENTS', `"${label}" allows no country at all, so nothing can match`, { details: { constraint: label } });
  return {
    constraint,
    label,
    path: 'mpli:location/gx:countryCode',
    expected,
    evaluate(index: OfferingIndex) {
      const column = index.keyColumn(COUNTRY_PATH, 'lexical', (term) => term.value);
      const mask = column.mask(allowed);
      const statuses = new Uint8Array(index.rows);
      for (let row = 0; row < index.rows; row += 1) statuses[row] = !column.has(row) ? NOT_EVIDENCED : column.any(row, mask) ? MET : FAILED;
      return statuses;
    },
    explain(index, row) {
      const countries = [...new Set(index.pathColumn(COUNTRY_PATH).of(row).map((t) => t.value))];
      const actual = countries.length ? countries.join(', ') : '(nothing)';
      if (!countries.length) return { status: 'notEvidenced', actual, reason: 'the offering states no location' };
      const inside = countries.filter((c) => allowed.has(c));
      return inside.length
        ? { status: 'met', actual, evidence: `runs in ${inside.join(', ')}` }
        : { status: 'failed', actual, reason: `${actual} ${countries.length === 1 ? 'is' : 'are'} not ${expected}` };
    },
    relax(index, rows) {
      const byCountry = new Map<string, Set<number>>();
      const column = index.pathColumn(COUNTRY_PATH);
      for (const row of rows) for (const t of column.of(row)) byCountry.set(t.value, (byCountry.get(t.value) ?? new Set()).add(row));
      const [country, hits] = [...byCountry].sort((a, b) => b[1].size - a[1].size)[0] ?? [];
      return country && hits ? { change: `also allow ${country} in "${label}"`, wouldAdd: hits.size } : undefined;
    },
  };
}
