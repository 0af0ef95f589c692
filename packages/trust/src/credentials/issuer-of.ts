/** The id of a credential's issuer, whether written as a string or as an object. */
export function issuerOf(credential: Record<string, unknown>): string | undefined {
  const issuer = credential.issuer;
  if (typeof issuer === 'string') return issuer;
  return issuer && typeof issuer === 'object' && typeof (issuer as { id?: unknown }).id === 'string' ? (issuer as { id: string }).id : undefined;
}
