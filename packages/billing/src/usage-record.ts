import { randomUUID } from 'node:crypto';
import { MpliError } from '@mpli/core';
import { MPLI_CONTEXT_URL } from '@mpli/shapes';
import { issueCredential, type IssueOptions, type SigningKey } from '@mpli/trust';
import type { Usage } from './charge';
import { hasType, invalid, many, object, optionalText, termOfUnit, text, unitOfTerm } from './fields';

/** One metered quantity: what was used of an offering. */
export interface UsageLine extends Usage {
  readonly offering?: string;
  readonly description?: string;
}

/** What a provider metered of a consumer's use under one agreement, over a period. */
export interface UsageRecord {
  /** The record's IRI (`urn:uuid:…`), which invoice lines name. */
  readonly id: string;
  /** The agreement's IRI. */
  readonly agreement: string;
  /** The provider's DID: the issuer. */
  readonly provider: string;
  readonly consumer: string;
  /** The period metered: start inclusive, end exclusive (ISO 8601 date-times). */
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly lines: readonly UsageLine[];
}

export type UsageRecordInput = Omit<UsageRecord, 'id'> & { readonly id?: string };

const VC_V2 = 'https://www.w3.org/ns/credentials/v2';

/** Lines in the JSON of the MPLI context: decimals as strings, units as terms. */
export const usageJson = (line: Usage, field: string) => ({
  duration: line.duration, durationUnit: termOfUnit(line.durationUnit, `${field}.durationUnit`),
  ...(line.size !== undefined ? { size: line.size, sizeUnit: termOfUnit(line.sizeUnit ?? '', `${field}.sizeUnit`) } : {}),
});

/** Reads the usage fields of a line. */
export function readUsage(node: Record<string, unknown>, field: string): Usage {
  const duration = text(node.duration, `${field}.duration`);
  if (!/^\d+(\.\d+)?$/.test(duration)) throw invalid(`${field}.duration`, `must be a non-negative decimal string, not "${duration}"`);
  return {
    duration, durationUnit: unitOfTerm(node.durationUnit, `${field}.durationUnit`),
    ...(node.size !== undefined ? { size: text(node.size, `${field}.size`), sizeUnit: unitOfTerm(node.sizeUnit, `${field}.sizeUnit`) } : {}),
  };
}

/** The unsigned usage record credential (VC 2.0, MPLI context), issued by the provider. */
export function usageRecordCredential(input: UsageRecordInput): Record<string, unknown> {
  const id = input.id ?? `urn:uuid:${randomUUID()}`;
  if (!(Date.parse(input.periodStart) < Date.parse(input.periodEnd))) throw new MpliError('INVALID_INPUT', `The usage period ${input.periodStart} – ${input.periodEnd} is not a period: the start must come before the end`);
  if (input.lines.length === 0) throw new MpliError('INVALID_INPUT', 'A usage record needs at least one line');
  return {
    '@context': [VC_V2, MPLI_CONTEXT_URL],
    id: `${id}#credential`,
    type: ['VerifiableCredential', 'UsageRecordCredential'],
    issuer: input.provider,
    validFrom: input.periodEnd,
    credentialSubject: {
      id, type: 'UsageRecord', agreement: input.agreement, providedBy: input.provider, consumer: input.consumer,
      periodStart: input.periodStart, periodEnd: input.periodEnd,
      usageLine: input.lines.map((line, i) => ({
        type: 'UsageLine', ...(line.offering ? { offering: line.offering } : {}), ...(line.description ? { description: line.description } : {}), ...usageJson(line, `lines[${i}]`),
      })),
    },
  };
}

/** Signs a usage record with the provider's key (kept in the signer). */
export async function issueUsageRecord(input: UsageRecordInput, provider: SigningKey, options: IssueOptions = {}): Promise<Record<string, unknown>> {
  return issueCredential(usageRecordCredential(input), provider, options);
}

/** The usage record a credential states. Throws `INVALID_INPUT`, naming the field, when it is not one. */
export function readUsageRecord(credential: Record<string, unknown>): UsageRecord {
  if (!hasType(credential, 'UsageRecordCredential')) throw invalid('type', 'is not a UsageRecordCredential');
  const s = object(credential.credentialSubject, 'credentialSubject');
  return {
    id: text(s.id, 'credentialSubject.id'), agreement: text(s.agreement, 'credentialSubject.agreement'),
    provider: text(s.providedBy, 'credentialSubject.providedBy'), consumer: text(s.consumer, 'credentialSubject.consumer'),
    periodStart: text(s.periodStart, 'credentialSubject.periodStart'), periodEnd: text(s.periodEnd, 'credentialSubject.periodEnd'),
    lines: many(s.usageLine).map((value, i) => {
      const node = object(value, `usageLine[${i}]`);
      const offering = optionalText(node.offering, `usageLine[${i}].offering`);
      const description = optionalText(node.description, `usageLine[${i}].description`);
      return { ...readUsage(node, `usageLine[${i}]`), ...(offering ? { offering } : {}), ...(description ? { description } : {}) };
    }),
  };
}
