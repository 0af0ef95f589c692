import { NS } from '@mpli/shapes';
import { valuesAt } from '../credentials/credential-graph';
import type { ExaminedCredential } from './examined-credential';
import { validUntilOf } from './examined-credential';
import type { ChainLink } from './policy-outcome';
import type { TrustAnchor, TrustPolicy } from './trust-policy';

const ACCREDITATION = `${NS.mpli}AccreditationCredential`;

interface Accreditation {
  readonly id: string;
  readonly issuer: string;
  readonly scopes: ReadonlySet<string>;
  readonly validUntil: string | undefined;
}

/**
 * The accreditations among the credentials, by the party accredited: a body accredits an auditor
 * (or a notary, or a trust service provider) for schemes or credential types. An accreditation
 * for S lets its subject attest S and accredit others for S; chains are followed up to the
 * policy's maxChainLength. Accreditations that failed verification are kept apart to explain.
 */
export class AccreditationIndex {
  private readonly bySubject = new Map<string, Accreditation[]>();
  private readonly failedBySubject = new Map<string, { id: string; problems: readonly string[] }[]>();
  private readonly anchorsByDid: ReadonlyMap<string, TrustAnchor>;

  constructor(examined: readonly ExaminedCredential[], private readonly policy: TrustPolicy) {
    this.anchorsByDid = new Map(policy.anchors.filter((a) => a.did).map((a) => [a.did!, a]));
    for (const entry of examined) {
      if (!entry.graph?.types.includes(ACCREDITATION) || !entry.issuer) continue;
      for (const subject of entry.graph.subjects) {
        if (entry.problems.length) {
          this.failedBySubject.set(subject.value, [...(this.failedBySubject.get(subject.value) ?? []), { id: entry.id, problems: entry.problems }]);
          continue;
        }
        const scopes = new Set(valuesAt(entry.graph.dataset, subject, 'mpli:accreditedFor').map((term) => term.value));
        const accreditation = { id: entry.id, issuer: entry.issuer, scopes, validUntil: validUntilOf(entry.credential) };
        this.bySubject.set(subject.value, [...(this.bySubject.get(subject.value) ?? []), accreditation]);
      }
    }
  }

  /** Whether `id` is an accreditation credential (so it needs no rule of its own). */
  isAccreditation(entry: ExaminedCredential): boolean {
    return entry.graph?.types.includes(ACCREDITATION) ?? false;
  }

  /** The chain from `party` up to one of the anchors named, for `scope`; undefined when none. */
  chain(party: string, scope: string, anchorNames: readonly string[], depth = 0, visited = new Set<string>()): ChainLink[] | undefined {
    if (depth >= this.policy.maxChainLength || visited.has(party)) return undefined;
    visited.add(party);
    for (const accreditation of this.bySubject.get(party) ?? []) {
      if (!accreditation.scopes.has(scope)) continue;
      const link: ChainLink = {
        credential: accreditation.id,
        issuer: accreditation.issuer,
        subject: party,
        reason: `accredited by ${accreditation.issuer} for ${compact(scope)}${accreditation.validUntil ? ` until ${accreditation.validUntil}` : ''}`,
      };
      const anchor = this.anchorsByDid.get(accreditation.issuer);
      const rest = anchor && anchorNames.includes(anchor.name)
        ? [anchorLink(anchor)]
        : this.chain(accreditation.issuer, scope, anchorNames, depth + 1, visited);
      if (rest) return [link, ...rest];
    }
    return undefined;
  }

  /** Why no chain was found for `party`, for the failure message. */
  explainMissing(party: string, scope: string, anchorNames: readonly string[]): string {
    const failed = this.failedBySubject.get(party) ?? [];
    const others = (this.bySubject.get(party) ?? []).filter((a) => !a.scopes.has(scope));
    const notes = [
      ...failed.map((f) => `its accreditation ${f.id} does not verify (${f.problems.join('; ')})`),
      ...others.map((a) => `its accreditation ${a.id} covers ${[...a.scopes].map(compact).join(', ')}, not ${compact(scope)}`),
    ];
    return `${party} holds no accreditation for ${compact(scope)} leading to ${anchorNames.map((n) => `anchor "${n}"`).join(' or ')} within ${this.policy.maxChainLength} step(s)${notes.length ? `: ${notes.join('; ')}` : ''}`;
  }
}

/** The last link of every chain: an anchor, trusted because the policy says so. */
export function anchorLink(anchor: TrustAnchor): ChainLink {
  const id = anchor.did ?? `x509:${anchor.name}`;
  return { issuer: id, subject: id, reason: `anchor "${anchor.name}" of the policy${anchor.description ? ` (${anchor.description})` : ''}` };
}

/** `mpli:ISO27001` rather than the full IRI, in messages. */
export function compact(iri: string): string {
  for (const [prefix, namespace] of Object.entries(NS)) if (iri.startsWith(namespace)) return `${prefix}:${iri.slice(namespace.length)}`;
  return iri;
}
