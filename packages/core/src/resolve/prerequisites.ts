import { countryGroupMembers } from '@mpli/shapes';
import type { Prerequisite, PriceLimit } from '../model/manifest-types';
import type { Provider } from '../model/party-types';
import type { Consumer } from '../model/requirements-types';
import { EIDAS_LEVELS } from '../model/vocabulary-names';
import { compactIri } from '../validation/term-text';
import { conversionFactor, type CurrencyRates } from './currency-rates';
import { compare, divide, multiply, parseDecimal } from '../quantity/rational';
import { basisOf } from './normalize-price';
import { PRESENCE_IS_EVIDENCE, type EvidenceVerifier } from './context';

/** Something the consumer must do or obtain before the provider does business with it. */
export interface RequiredAction {
  readonly prerequisite: Prerequisite['kind'];
  /** For people: "obtain a legal identity credential at eIDAS substantial or higher". */
  readonly action: string;
}

const rank = (level: string | undefined) => (level ? EIDAS_LEVELS.indexOf(level as (typeof EIDAS_LEVELS)[number]) : -1);

// Whether the most the consumer will commit to, in the minimum's currency and period, reaches it.
function commitmentCovers(max: PriceLimit | undefined, min: PriceLimit, rates: CurrencyRates | undefined): boolean {
  const minAmount = parseDecimal(min.amount);
  const maxAmount = max ? parseDecimal(max.amount) : undefined;
  const fx = max ? conversionFactor(rates, max.currency, min.currency) : undefined;
  if (!max || !minAmount || !maxAmount || !fx) return false;
  const converted = multiply(multiply(maxAmount, fx), divide(basisOf(min).periodSeconds, basisOf(max).periodSeconds));
  return compare(converted, minAmount) >= 0;
}

interface CheckContext {
  readonly evidence: EvidenceVerifier;
  readonly consumer: Consumer;
  readonly provider: Provider | undefined;
  readonly asOf: string;
  readonly rates: CurrencyRates | undefined;
}

type Check<K extends Prerequisite['kind']> = (prerequisite: Extract<Prerequisite, { kind: K }>, context: CheckContext) => string | undefined;

// With a verifier wired in, a declared credential counts only when it names its id and the
// verifier (a trust policy's outcome) backs it; by default, declaring it is enough.
function backed(held: Consumer['credentials'][number], credentialType: string, context: CheckContext): boolean {
  if (context.evidence === PRESENCE_IS_EVIDENCE) return true;
  return held.credentialId !== undefined && context.evidence.isEvidenced(held.credentialId, { kind: 'identity', credentialType, ...(context.consumer.id ? { holder: context.consumer.id } : {}) });
}

function credentialAction(prerequisite: Extract<Prerequisite, { kind: 'legalIdentity' | 'credential' }>, context: CheckContext): string | undefined {
  const { consumer, provider } = context;
  const accepted = prerequisite.acceptedIssuers ?? [];
  const anchors = (provider?.trustAnchors ?? []).filter((a) => a.trustedFor.length === 0 || a.trustedFor.includes(prerequisite.credentialType)).map((a) => a.identifier);
  const level = prerequisite.kind === 'legalIdentity' ? prerequisite.minimumEidasLevel : undefined;
  const qualified = prerequisite.kind === 'legalIdentity' && prerequisite.qualifiedIssuer === true;
  const fits = consumer.credentials.some((c) =>
    c.credentialType === prerequisite.credentialType &&
    (accepted.length === 0 || (c.issuer !== undefined && accepted.includes(c.issuer))) &&
    (!level || rank(c.eidasLevel) >= rank(level)) &&
    (!qualified || (c.issuer !== undefined && anchors.includes(c.issuer))) &&
    backed(c, prerequisite.credentialType, context));
  if (fits) return undefined;
  const parts = [
    `obtain a ${compactIri(prerequisite.credentialType)}`,
    level ? `at ${level} or higher` : '',
    accepted.length ? `from ${accepted.join(' or ')}` : '',
    qualified ? `from a qualified trust service provider the provider trusts${anchors.length ? ` (${anchors.join(', ')})` : ''}` : '',
  ];
  return parts.filter(Boolean).join(' ');
}

// One check per kind of prerequisite: the action still needed, or undefined when it is met.
const CHECKS: { [K in Prerequisite['kind']]: Check<K> } = {
  legalIdentity: credentialAction,
  credential: credentialAction,
  establishment: (prerequisite, { consumer, asOf }) => {
    const allowed = new Set([...(prerequisite.countries ?? []), ...(prerequisite.groups ?? []).flatMap((g) => [...countryGroupMembers(g, asOf)])]);
    const country = consumer.headquarters?.country;
    if (country && allowed.has(country)) return undefined;
    const where = [...(prerequisite.countries ?? []), ...(prerequisite.groups ?? [])].join(' or ');
    return `be established in ${where}${country ? ` (your headquarters are in ${country})` : ' (your headquarters country is not stated)'}`;
  },
  vatNumber: (_prerequisite, { consumer }) => (consumer.registrationNumbers.some((n) => n.type === 'vatID') ? undefined : 'state a VAT identification number'),
  termsAcceptance: (prerequisite, { consumer }) =>
    consumer.acceptedTerms.some((t) => t.hash === prerequisite.terms.hash) ? undefined : `accept the terms at ${prerequisite.terms.url} (SHA-256 ${prerequisite.terms.hash.slice(0, 12)}…)`,
  minimumCommitment: (prerequisite, { consumer, rates }) =>
    commitmentCovers(consumer.maximumCommitment, prerequisite.commitment, rates) ? undefined : `commit to at least ${prerequisite.commitment.amount} ${prerequisite.commitment.currency} per ${prerequisite.commitment.per}`,
};

/**
 * Checks a provider's prerequisites against what the consumer states (its establishment, VAT
 * number, credentials, accepted terms, commitment): the other direction of a match. Returns the
 * actions still needed; an empty list means the consumer meets them all. Credentials are taken
 * as the consumer declares them unless an evidence verifier is given: then a credential counts
 * only when the verifier (built by @mpli/trust from verified credentials and a policy) backs it.
 */
export function checkPrerequisites(prerequisites: readonly Prerequisite[], consumer: Consumer, provider: Provider | undefined, options: { asOf: string; rates: CurrencyRates | undefined; evidence?: EvidenceVerifier }): RequiredAction[] {
  const context: CheckContext = { evidence: options.evidence ?? PRESENCE_IS_EVIDENCE, consumer, provider, asOf: options.asOf, rates: options.rates };
  return prerequisites.flatMap((prerequisite) => {
    const action = (CHECKS[prerequisite.kind] as Check<typeof prerequisite.kind>)(prerequisite as never, context);
    return action ? [{ prerequisite: prerequisite.kind, action }] : [];
  });
}
