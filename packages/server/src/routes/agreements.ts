import { compare, parseDecimal, type Price } from '@mpli/core';
import { countersignAgreement, readAgreementTerms, verifyAgreement, type AgreementTerms } from '@mpli/trust';
import { HttpProblem, sendJson } from '../http/problem';
import { parseJsonBody, readRequestBody } from '../http/request-body';
import { findOffering, type FoundOffering } from './find-offering';
import type { Handler, RouteContext } from './route-context';

// Amounts compared exactly as decimals ("49" and "49.00" agree), never as floating point.
const sameAmount = (a: string, b: string) => { const [x, y] = [parseDecimal(a), parseDecimal(b)]; return x !== undefined && y !== undefined && compare(x, y) === 0; };
const samePrice = (a: Price, b: Price) => sameAmount(a.amount, b.amount) && a.currency === b.currency && a.model === b.model && a.per === b.per && JSON.stringify(a.perQuantity ?? null) === JSON.stringify(b.perQuantity ?? null);

function agreementsOf(context: RouteContext) {
  if (!context.agreements) throw new HttpProblem(404, 'Not Found', 'This server countersigns no agreements: it was started without the provider\'s signing key');
  return context.agreements;
}

/** Why the provider would not sign these terms for this offering, or nothing. */
function refusal(terms: AgreementTerms, found: FoundOffering, signer: string): string | undefined {
  if (found.providerDid !== signer || terms.provider !== signer) return `The agreement names the provider ${terms.provider}; this server signs for ${signer}, whose manifest ${found.providerDid === signer ? 'lists' : 'does not list'} the offering`;
  if (!found.offering.prices.some((p) => samePrice(p, terms.price))) return `The price ${terms.price.amount} ${terms.price.currency}${terms.price.per ? `/${terms.price.per}` : ''} (${terms.price.model}) is not one of the offering's prices`;
  if (found.terms.length && !found.terms.some((t) => t.url === terms.terms.url && t.hash === terms.terms.hash)) return `The terms ${terms.terms.url} (${terms.terms.hash.slice(0, 12)}…) are not the provider's (${found.terms.map((t) => t.url).join(', ')})`;
  return undefined;
}

/**
 * POST /agreements (authenticated), provider side: a consumer's proposal (a ServiceAgreementCredential
 * it signed) for one of this provider's offerings. The server checks the consumer's signature and
 * that the terms follow from the manifest (the offering, one of its prices, its terms and
 * conditions), then countersigns with the provider's key, which stays in this process. 201 with
 * the agreement, kept for GET /agreements/{id}.
 */
export const proposeAgreementRoute: Handler = async (request, response, _url, _params, context) => {
  const holder = await context.requireAuth(request);
  const { key, store } = agreementsOf(context);
  const { text } = await readRequestBody(request, context.maxBodyBytes, ['application/json', 'application/ld+json']);
  const proposal = parseJsonBody(text) as Record<string, unknown>;
  let terms: AgreementTerms;
  try {
    terms = readAgreementTerms(proposal);
  } catch (error) {
    throw new HttpProblem(400, 'Bad Request', (error as Error).message);
  }
  if (holder && holder !== terms.consumer) throw new HttpProblem(403, 'Forbidden', `The proposal is ${terms.consumer}'s, not ${holder}'s`);
  const found = findOffering(context.delivery?.catalog ?? context.catalog, terms.offering);
  if (!found) throw new HttpProblem(404, 'Not Found', `This provider has no offering ${terms.offering}`);
  const why = refusal(terms, found, key.controller);
  if (why) throw new HttpProblem(422, 'Unprocessable Content', why);
  const checked = await verifyAgreement(proposal, { ...context.verify, proposal: true, now: maxDate(context.verify.now ?? new Date(), new Date(terms.validFrom)) });
  if (!checked.verified) throw new HttpProblem(422, 'Unprocessable Content', `The proposal does not verify: ${checked.errors.join('; ')}`);
  const agreement = await countersignAgreement(proposal, key, { ...(context.verify.didResolver ? { didResolver: context.verify.didResolver } : {}), ...(context.verify.now ? { now: context.verify.now } : {}) });
  store.set(terms.id, agreement);
  context.billing?.add(agreement);
  sendJson(response, 201, agreement, { location: `/agreements/${encodeURIComponent(terms.id)}` });
};

/** GET /agreements/{id} (authenticated): an agreement this server countersigned. */
export const getAgreement: Handler = async (request, response, _url, params, context) => {
  await context.requireAuth(request);
  const agreement = agreementsOf(context).store.get(params.id ?? '');
  if (!agreement) throw new HttpProblem(404, 'Not Found', `No agreement ${params.id ?? ''} here`);
  sendJson(response, 200, agreement);
};

const maxDate = (a: Date, b: Date) => (a > b ? a : b);
