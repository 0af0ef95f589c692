import type { IncomingHttpHeaders } from 'node:http';

/**
 * Whether a GET or HEAD may be answered 304 Not Modified (RFC 9110 §13.1): If-None-Match wins when
 * present (weak comparison, `*` matching anything); otherwise If-Modified-Since against the
 * representation's last modification, to the second.
 */
export function notModified(headers: IncomingHttpHeaders, etag: string, lastModified: Date | undefined): boolean {
  const ifNoneMatch = headers['if-none-match'];
  if (ifNoneMatch !== undefined) {
    const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
    return ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => opaque(tag) === opaque(etag));
  }
  const since = headers['if-modified-since'];
  if (since === undefined || !lastModified) return false;
  const date = Date.parse(since);
  return !Number.isNaN(date) && Math.floor(lastModified.getTime() / 1000) <= Math.floor(date / 1000);
}
