import { verifyCredential, verifyPresentation } from '@mpli/trust';
import { HttpProblem, sendJson } from '../http/problem';
import { parseJsonBody, readRequestBody } from '../http/request-body';
import type { Handler } from './route-context';

/**
 * POST /verify: a credential (JSON-LD, or a vc+jwt as text) or a presentation (with `challenge`
 * and `domain` in the query) verified; the answer is the verification with every check named.
 */
export const verify: Handler = async (request, response, url, _params, context) => {
  const { text, mediaType } = await readRequestBody(request, context.maxBodyBytes, ['application/json', 'application/ld+json', 'application/vc', 'application/vp', 'application/vc+jwt']);
  if (mediaType === 'application/vc+jwt') return sendJson(response, 200, { kind: 'credential', ...(await verifyCredential(text.trim(), context.verify)) });
  const document = parseJsonBody(text);
  if (!document || typeof document !== 'object' || Array.isArray(document)) throw new HttpProblem(400, 'Bad Request', 'Send one credential or presentation');
  const types = ([] as unknown[]).concat((document as { type?: unknown }).type ?? []);
  if (types.includes('VerifiablePresentation')) {
    const challenge = url.searchParams.get('challenge');
    if (!challenge) throw new HttpProblem(400, 'Bad Request', 'A presentation is verified against the challenge you issued: add ?challenge=');
    const domain = url.searchParams.get('domain');
    return sendJson(response, 200, { kind: 'presentation', ...(await verifyPresentation(document as Record<string, unknown>, { ...context.verify, challenge, ...(domain ? { domain } : {}) })) });
  }
  sendJson(response, 200, { kind: 'credential', ...(await verifyCredential(document as Record<string, unknown>, context.verify)) });
};
