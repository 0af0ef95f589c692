import type { Check } from './verification-result';

/**
 * The validity window check: `validFrom` / `validUntil` (VC 2.0) or `issuanceDate` /
 * `expirationDate` (VC 1.1) against `now`.
 */
export function checkValidity(credential: Record<string, unknown>, now: Date): Check {
  const from = (credential.validFrom ?? credential.issuanceDate) as string | undefined;
  const until = (credential.validUntil ?? credential.expirationDate) as string | undefined;
  const at = now.toISOString();
  if (from !== undefined && Number.isNaN(Date.parse(from))) return { name: 'validity', ok: false, message: `validFrom "${from}" is not a date-time` };
  if (until !== undefined && Number.isNaN(Date.parse(until))) return { name: 'validity', ok: false, message: `validUntil "${until}" is not a date-time` };
  if (from !== undefined && Date.parse(from) > now.getTime()) return { name: 'validity', ok: false, message: `not valid before ${from} (checked at ${at})` };
  if (until !== undefined && Date.parse(until) < now.getTime()) return { name: 'validity', ok: false, message: `expired on ${until} (checked at ${at})` };
  return { name: 'validity', ok: true, message: `valid at ${at}${until ? ` until ${until}` : ''}` };
}
