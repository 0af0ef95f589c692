import { MpliError, ParseError, parseRdf, readRequirements, resolve, type RdfFormat } from '@mpli/core';
import { HttpProblem, sendJson } from '../http/problem';
import { readRequestBody } from '../http/request-body';
import type { Handler } from './route-context';

const REQUIREMENT_TYPES: readonly RdfFormat[] = ['text/turtle', 'application/ld+json', 'application/n-triples', 'application/n-quads'];

/**
 * POST /match: requirements (Turtle or JSON-LD) matched against the catalog, both ways. Query:
 * `asOf` (YYYY-MM-DD), `top` (matches per need), `explain=all`.
 */
export const match: Handler = async (request, response, url, _params, context) => {
  const { text, mediaType } = await readRequestBody(request, context.maxBodyBytes, REQUIREMENT_TYPES);
  const asOf = url.searchParams.get('asOf') ?? undefined;
  if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new HttpProblem(400, 'Bad Request', 'asOf is a date such as 2026-12-01');
  const top = url.searchParams.get('top') === null ? 10 : Number(url.searchParams.get('top'));
  if (!Number.isInteger(top) || top < 1 || top > 100) throw new HttpProblem(400, 'Bad Request', 'top is a whole number from 1 to 100');
  try {
    const { store } = await parseRdf(text, { format: mediaType, source: 'request body' });
    const requirements = readRequirements(store);
    const result = await resolve(requirements, context.catalog, { top, ...(asOf ? { asOf } : {}), ...(url.searchParams.get('explain') === 'all' ? { explain: 'all' as const } : {}) });
    sendJson(response, 200, result);
  } catch (error) {
    if (error instanceof ParseError) throw new HttpProblem(400, 'Bad Request', error.message, {}, { line: error.line, column: error.column });
    if (error instanceof MpliError) throw new HttpProblem(422, 'Unprocessable Content', error.message, {}, { code: error.code });
    throw error;
  }
};
