/** A moment as credentials write it: an XSD dateTimeStamp to the second, in UTC (`2026-12-01T12:00:00Z`). */
export function credentialDateTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
