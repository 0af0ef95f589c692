import { randomUUID } from 'node:crypto';
import type { ConstraintReport, OfferingMatch, OfferingRejection, ResolveResult } from '@mpli/core';
import { tmfId } from './tmf-ids';
import type { Ref, RelatedParty } from './tmf-types';

/** TMF679 v4 `ProductOfferingQualificationItem`, as MPLI fills it. */
export interface QualificationItem {
  readonly id: string;
  readonly state: 'done';
  readonly qualificationItemResult: 'qualified' | 'unqualified';
  readonly productOffering: Ref & { readonly '@referredType': 'ProductOffering' };
  readonly eligibilityUnavailabilityReason?: readonly { readonly code: string; readonly label: string }[];
  readonly note?: readonly { readonly id: string; readonly text: string }[];
}

/** TMF679 v4 `ProductOfferingQualification`, the answer to a qualification request. */
export interface ProductOfferingQualification {
  readonly id: string;
  readonly href: string;
  readonly '@type': 'ProductOfferingQualification';
  readonly state: 'done';
  readonly qualificationResult: 'green' | 'yellow' | 'red';
  readonly productOfferingQualificationDate: string;
  readonly effectiveQualificationDate: string;
  readonly expirationDate: string;
  readonly provideUnavailabilityReason: true;
  readonly relatedParty?: readonly RelatedParty[];
  readonly productOfferingQualificationItem: readonly QualificationItem[];
}

/** Options for {@link matchToTmf679}. */
export interface QualificationOptions {
  readonly id?: string;
  /** The consumer asking, as the `Buyer` party. */
  readonly consumer?: { readonly id: string; readonly name?: string };
  readonly now?: Date;
  /** How long the answer holds. Default 30 days. */
  readonly validDays?: number;
  /** The TMF id of an MPLI offering. Default: the id {@link manifestToTmf} gives it. */
  readonly offeringId?: (iri: string) => string;
}

/**
 * A match result as a TMF679 product offering qualification: each ranked match `qualified`; a
 * match whose provider asks something of the consumer first, and each near miss, `unqualified`
 * with every reason (the constraint, what the offering states, the hint); the whole `green` when
 * every need has a qualified offering, `yellow` when some do, `red` when none.
 *
 * @example
 * const answer = matchToTmf679(await resolve(requirements, catalog), { consumer: { id: 'did:web:hospital.example' } });
 */
export function matchToTmf679(result: ResolveResult, options: QualificationOptions = {}): ProductOfferingQualification {
  const now = options.now ?? new Date();
  const offeringId = options.offeringId ?? ((iri: string) => tmfId('product-offering', iri));
  const items: QualificationItem[] = [];
  const ref = (offering: { id: string; name: string }) => ({ id: offeringId(offering.id), href: offeringId(offering.id), name: offering.name, '@referredType': 'ProductOffering' as const });
  let qualifiedNeeds = 0;
  for (const need of result.needs) {
    const title = need.need.title ?? need.need.kind;
    if (need.matches.some((m) => m.status === 'match')) qualifiedNeeds += 1;
    for (const match of need.matches) items.push(matchItem(String(items.length + 1), match, ref(match.offering), title));
    for (const miss of need.nearMisses) items.push(missItem(String(items.length + 1), miss, ref(miss.offering), title));
  }
  const id = options.id ?? `urn:ngsi-ld:product-offering-qualification:${randomUUID()}`;
  return {
    id, href: id, '@type': 'ProductOfferingQualification', state: 'done',
    qualificationResult: qualifiedNeeds === result.needs.length && qualifiedNeeds > 0 ? 'green' : qualifiedNeeds > 0 ? 'yellow' : 'red',
    productOfferingQualificationDate: now.toISOString(), effectiveQualificationDate: now.toISOString(),
    expirationDate: new Date(now.getTime() + (options.validDays ?? 30) * 86_400_000).toISOString(), provideUnavailabilityReason: true,
    ...(options.consumer ? { relatedParty: [{ id: options.consumer.id, ...(options.consumer.name ? { name: options.consumer.name } : {}), role: 'Buyer', '@referredType': 'Organization' }] } : {}),
    productOfferingQualificationItem: items,
  };
}

function matchItem(id: string, match: OfferingMatch, productOffering: QualificationItem['productOffering'], need: string): QualificationItem {
  const note = [{ id: '1', text: `${need}: rank ${match.rank}, score ${match.score.toFixed(2)}${match.price ? `, ${match.price}` : ''}` }];
  if (match.status === 'match') return { id, state: 'done', qualificationItemResult: 'qualified', productOffering, note };
  return { id, state: 'done', qualificationItemResult: 'unqualified', productOffering, note, eligibilityUnavailabilityReason: match.actions.map((a) => ({ code: 'prerequisite', label: a.action })) };
}

function missItem(id: string, miss: OfferingRejection, productOffering: QualificationItem['productOffering'], need: string): QualificationItem {
  const failed = miss.constraints.filter((c) => c.importance === 'mustHave' && c.status !== 'met');
  return {
    id, state: 'done', qualificationItemResult: 'unqualified', productOffering, note: [{ id: '1', text: `${need}: near miss, ${miss.misses} must-have(s) not met` }],
    eligibilityUnavailabilityReason: failed.map((c) => ({ code: c.status, label: reasonLabel(c) })),
  };
}

const reasonLabel = (c: ConstraintReport) => `${c.label}: expected ${c.expected}, found ${c.actual}${c.reason ? ` (${c.reason})` : ''}${c.hint ? `; ${c.hint}` : ''}`;
