import type { Offering } from '@mpli/core';
import { verifyAgreement, type VerifyOptions } from '@mpli/trust';
import { HttpProblem } from '../http/problem';

/**
 * Checks the agreement an order is placed under, as the provider receiving it: it verifies (both
 * parties' signatures, in force today), it is the consumer's, and it binds this provider to this
 * offering, or names this provider as a successor (a migrated workload, under the same terms).
 * Throws a 422 or 403 problem saying which.
 */
export async function checkOrderAgreement(agreement: unknown, order: { offering: Offering; providerDid?: string; consumer?: string }, verify: VerifyOptions): Promise<void> {
  if (!agreement || typeof agreement !== 'object' || Array.isArray(agreement)) throw new HttpProblem(400, 'Bad Request', '"agreement" must be an agreement credential (a JSON object)');
  const result = await verifyAgreement(agreement as Record<string, unknown>, { ...(verify.now ? { now: verify.now } : {}), ...(verify.contexts ? { contexts: verify.contexts } : {}), ...(verify.didResolver ? { didResolver: verify.didResolver } : {}) });
  if (!result.verified || !result.terms) throw new HttpProblem(422, 'Unprocessable Content', `The agreement does not verify: ${result.errors.join('; ')}`);
  const terms = result.terms;
  if (order.consumer && terms.consumer !== order.consumer) throw new HttpProblem(403, 'Forbidden', `The agreement is ${terms.consumer}'s, not ${order.consumer}'s`);
  const own = order.providerDid;
  if (!own) throw new HttpProblem(422, 'Unprocessable Content', "This provider's manifest declares no DID, so no agreement can name it");
  const direct = terms.provider === own && terms.offering === order.offering.id;
  if (!direct && !terms.successors.includes(own)) {
    throw new HttpProblem(422, 'Unprocessable Content', `The agreement binds ${terms.provider} to ${terms.offering}; it neither covers ${order.offering.id} here nor names ${own} as a successor provider`);
  }
}
