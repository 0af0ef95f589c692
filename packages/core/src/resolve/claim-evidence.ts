import { NS } from '@mpli/shapes';
import type { OfferingIndex } from '../catalog/offering-index';
import { providerRef, type ResolveContext } from './context';

/**
 * Whether a row's SLA claim is evidenced: it names a credential (mpli:evidencedBy) that the
 * context's verifier accepts. An offering without an SLA has no claim to evidence.
 */
export function slaEvidence(index: OfferingIndex, row: number, context: ResolveContext): { evidenced: boolean; credential?: string } {
  const sla = index.node(row).node(`${NS.mpli}sla`);
  const credential = sla?.string(`${NS.mpli}evidencedBy`);
  if (!credential) return { evidenced: false };
  return { evidenced: context.evidence.isEvidenced(credential, { kind: 'sla', offering: index.term(row).value, ...providerRef(index.provider(row)) }), credential };
}

/** Paths that read an SLA claim: values found there count only when the SLA is evidenced. */
export function readsSlaClaim(path: readonly string[]): boolean {
  return path[0] === `${NS.mpli}sla`;
}
