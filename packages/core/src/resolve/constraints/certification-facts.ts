import type { Term } from '@rdfjs/types';
import { NS } from '@mpli/shapes';
import type { OfferingIndex } from '../../catalog/offering-index';
import { mpliName, NodeReader } from '../../model/node-reader';
import { ASSURANCE_LEVELS, CERTIFICATION_SCHEMES, type AssuranceLevel } from '../../model/vocabulary-names';

const OWN = [`${NS.mpli}certification`];
const PROVIDERS = [`${NS.gx}providedBy`, `${NS.mpli}certification`];
const LEVELS = Object.keys(ASSURANCE_LEVELS) as AssuranceLevel[];

/** One certification an offering can rely on: its own, or its provider's. */
export interface CertificationFact {
  readonly scheme: string | undefined;
  readonly level: AssuranceLevel | undefined;
  readonly validUntil: string | undefined;
  readonly evidence: string | undefined;
}

/** A row's certifications (its own and its provider's), read once per index. */
export function facts(index: OfferingIndex, row: number): readonly CertificationFact[] {
  return index.derived('certification-facts', readAllFacts)[row] ?? [];
}

function readAllFacts(index: OfferingIndex): CertificationFact[][] {
  return Array.from({ length: index.rows }, (_, row) => readFacts(index, row));
}

function readFacts(index: OfferingIndex, row: number): CertificationFact[] {
  const dataset = index.entry(row).dataset;
  const nodes: Term[] = [...index.pathColumn(OWN).of(row), ...index.pathColumn(PROVIDERS).of(row)];
  return nodes.map((term) => {
    const node = new NodeReader(dataset, term);
    return {
      scheme: mpliName(node.string(`${NS.mpli}scheme`), CERTIFICATION_SCHEMES),
      level: mpliName(node.string(`${NS.mpli}assuranceLevel`), LEVELS),
      validUntil: node.string(`${NS.schema}validThrough`),
      evidence: node.string(`${NS.mpli}evidencedBy`),
    };
  });
}


/** Every row's certifications, read once per index. */
export function certificationFacts(index: OfferingIndex): readonly (readonly CertificationFact[])[] {
  return index.derived('certification-facts', readAllFacts);
}
