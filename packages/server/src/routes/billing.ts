import { buildStatement, isMonth, statementToCsv, type BillingLedger } from '@mpli/billing';
import { MpliError } from '@mpli/core';
import { HttpProblem, sendJson } from '../http/problem';
import { parseJsonBody, readRequestBody } from '../http/request-body';
import type { Handler, RouteContext } from './route-context';

function ledgerOf(context: RouteContext): BillingLedger {
  if (!context.billing) throw new HttpProblem(404, 'Not Found', 'This server keeps no billing: it was started without a billing ledger');
  return context.billing;
}

/**
 * POST /invoices and POST /usage-records (authenticated): a provider hands in an invoice or a
 * usage record credential for a consumer. It is kept; an invoice is checked at once against what
 * the ledger knows (201 with the verdict: accepted, or its flags). A statement checks again.
 */
export const addBillingCredential = (expected: 'InvoiceCredential' | 'UsageRecordCredential'): Handler => async (request, response, _url, _params, context) => {
  await context.requireAuth(request);
  const ledger = ledgerOf(context);
  const { text } = await readRequestBody(request, context.maxBodyBytes, ['application/json', 'application/ld+json', 'application/vc']);
  const credential = parseJsonBody(text) as Record<string, unknown>;
  const types = ([] as unknown[]).concat(credential?.type ?? []);
  if (!types.includes(expected)) throw new HttpProblem(422, 'Unprocessable Content', `The body is of type ${types.join(', ') || '(none)'}, not ${expected}`);
  try {
    ledger.add(credential);
  } catch (error) {
    if (error instanceof MpliError) throw new HttpProblem(422, 'Unprocessable Content', error.message);
    throw error;
  }
  if (expected === 'UsageRecordCredential') return sendJson(response, 201, { kept: credential.id });
  const check = (await ledger.checkOne(credential, context.verify))!;
  sendJson(response, 201, { kept: credential.id, accepted: check.accepted, flags: check.flags });
};

/**
 * GET /statements?period=YYYY-MM (authenticated): a consumer's one statement for the month.
 * A presentation's holder gets its own; a bearer token (the marketplace operator) names the
 * consumer with `consumer=`. JSON, or CSV with `Accept: text/csv`.
 */
export const getStatement: Handler = async (request, response, url, _params, context) => {
  const holder = await context.requireAuth(request);
  const ledger = ledgerOf(context);
  const period = url.searchParams.get('period') ?? '';
  if (!isMonth(period)) throw new HttpProblem(400, 'Bad Request', `period must be a month, YYYY-MM, not "${period}"`);
  const asked = url.searchParams.get('consumer') ?? undefined;
  if (holder && asked && asked !== holder) throw new HttpProblem(403, 'Forbidden', `${holder} may see its own statement, not ${asked}'s`);
  const consumer = holder ?? asked;
  if (!consumer) throw new HttpProblem(400, 'Bad Request', 'Name the consumer: consumer=<DID>');
  const statement = buildStatement(await ledger.check(consumer, context.verify), { consumer, period });
  if (/\btext\/csv\b/.test(request.headers.accept ?? '')) {
    response.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'cache-control': 'no-store' });
    response.end(statementToCsv(statement));
    return;
  }
  sendJson(response, 200, statement, { 'cache-control': 'no-store' });
};
