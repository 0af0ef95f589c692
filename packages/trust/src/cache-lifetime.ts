/**
 * How long a response may be reused, from its Cache-Control header, in milliseconds: 0 for
 * no-store or no-cache, max-age when given, undefined when the header says nothing.
 */
export function cacheLifetimeMs(header: string | string[] | undefined): number | undefined {
  const value = ([] as string[]).concat(header ?? []).join(',');
  if (/no-store|no-cache/i.test(value)) return 0;
  const seconds = /max-age=(\d+)/i.exec(value)?.[1];
  return seconds === undefined ? undefined : Number(seconds) * 1000;
}
