import { HttpProblem } from '../http/problem';

/** The page size and start a query asks for; the cursor is opaque to clients. */
export function pageOf(query: URLSearchParams): { limit: number; offset: number } {
  const limit = query.get('limit') === null ? 50 : Number(query.get('limit'));
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new HttpProblem(400, 'Bad Request', 'limit is a whole number from 1 to 500');
  const cursor = query.get('cursor');
  if (cursor === null) return { limit, offset: 0 };
  const offset = Number(Buffer.from(cursor, 'base64url').toString('utf8').replace(/^o:/, ''));
  if (!Number.isInteger(offset) || offset < 0 || !Buffer.from(cursor, 'base64url').toString('utf8').startsWith('o:')) throw new HttpProblem(400, 'Bad Request', 'cursor is not one this server gave');
  return { limit, offset };
}

/** One page of a list, with the cursor of the next page when there is one. */
export function page<T>(items: readonly T[], limit: number, offset: number): { items: T[]; total: number; next?: string } {
  const slice = items.slice(offset, offset + limit);
  const more = offset + limit < items.length;
  return { items: slice, total: items.length, ...(more ? { next: Buffer.from(`o:${offset + limit}`).toString('base64url') } : {}) };
}
