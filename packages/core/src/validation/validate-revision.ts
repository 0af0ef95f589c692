import type { DatasetCore, Quad, Term } from '@rdfjs/types';
import { NS } from '@mpli/shapes';
import type { CompiledShape } from 'shacl-engine';
import { termKey } from '../dataset/term-key';
import { changedSubjects, contentKeys } from './content-keys';
import { flattenResults } from './flatten-results';
import type { Problem, ValidationReport } from './problem';
import { shapeDependencies } from './shape-dependencies';
import { mpliValidator } from './shapes-graph';
import { KNOWN_PREFIXES } from './term-text';
import { finishReport, validateDataset, type ValidateOptions } from './validate';

const RDF_TYPE = `${NS.rdf}type`;

/** What {@link validateRevision} did: the report, and how much it had to look at. */
export interface RevisionValidation {
  readonly report: ValidationReport;
  /** `incremental` when only the focus nodes a change can affect were validated. */
  readonly mode: 'incremental' | 'full';
  /** (focus node, shape) pairs validated. */
  readonly checks: number;
}

/**
 * Validates a new version of a document that replaces a version known to conform, looking only
 * at what the change can affect: the focus nodes from which a changed node can be reached.
 *
 * Why that is enough: with MPLI's shapes (class and node targets, forward paths only, no SPARQL),
 * whether a node conforms to a shape depends only on the quads reachable from it through the
 * predicates whose values the shapes look into (see `shapeDependencies`). A node that reaches no
 * changed node that way sees exactly the quads it saw before, when it conformed. Blank nodes
 * are compared by content (see `contentKeys`), so re-parsing does not count as a change. When the
 * shapes use anything else, or most of the document changed, it validates in full.
 *
 * `previous` must be a version that had no violation; the report lists the problems of the
 * affected focus nodes (the rest had none). The known-term and manifest checks run as in
 * {@link validateDataset}.
 */
export async function validateRevision(previous: DatasetCore, next: DatasetCore, options: ValidateOptions = {}): Promise<RevisionValidation> {
  const dependencies = shapeDependencies();
  if (!dependencies.local) return full(next, options);
  const before = contentKeys(previous);
  const after = contentKeys(next);
  const changed = changedSubjects(before, after);
  const { found: affected, subjects } = reachingNodes(next, changed, after.keyOf, dependencies.predicates);
  // Past half the nodes, the bookkeeping costs more than it saves.
  if (affected.size * 2 > subjects) return full(next, options);

  const validator = mpliValidator();
  const problems: Problem[] = [];
  let checks = 0;
  for (const shape of validator.shapes.values()) {
    const focus = targetsAmong(shape, affected, next);
    if (focus.length === 0) continue;
    checks += focus.length;
    const report = await validator.validate({ dataset: next, terms: focus }, [{ terms: [shape.ptr.term as Term] }]);
    problems.push(...flattenResults(report.results, { ...KNOWN_PREFIXES, ...options.prefixes }, options.source));
  }
  return { report: finishReport(problems, next, options), mode: 'incremental', checks };
}

async function full(next: DatasetCore, options: ValidateOptions): Promise<RevisionValidation> {
  return { report: await validateDataset(next, options), mode: 'full', checks: Number.NaN };
}

/**
 * The nodes of `dataset` from which a node with a changed key can be reached through predicates
 * that verdicts depend on (those nodes included).
 */
function reachingNodes(dataset: DatasetCore, changed: ReadonlySet<string>, keyOf: (term: Term) => string, through: ReadonlySet<string>): { found: Map<string, Term>; subjects: number } {
  const incoming = new Map<string, Term[]>();
  const found = new Map<string, Term>();
  const subjects = new Set<string>();
  const queue: Term[] = [];
  for (const quad of dataset.match()) {
    if (quad.object.termType !== 'Literal' && through.has(quad.predicate.value)) {
      const key = termKey(quad.object);
      const list = incoming.get(key);
      if (list) list.push(quad.subject);
      else incoming.set(key, [quad.subject]);
    }
    subjects.add(termKey(quad.subject));
    // A changed node may be left with no quads of its own (all removed), only pointed at.
    for (const node of quad.object.termType === 'Literal' ? [quad.subject] : [quad.subject, quad.object]) {
      const key = termKey(node);
      if (!found.has(key) && changed.has(keyOf(node))) {
        found.set(key, node);
        queue.push(node);
      }
    }
  }
  for (let node = queue.pop(); node; node = queue.pop()) {
    for (const parent of incoming.get(termKey(node)) ?? []) {
      const key = termKey(parent);
      if (!found.has(key)) {
        found.set(key, parent);
        queue.push(parent);
      }
    }
  }
  return { found, subjects: subjects.size };
}

/** The affected nodes this shape targets (by class, with subclasses, or by name). */
function targetsAmong(shape: CompiledShape, affected: ReadonlyMap<string, Term>, dataset: DatasetCore): Term[] {
  const { targetClass, targetNode } = shape.targetResolver;
  const named = new Set(targetNode.map(termKey));
  const focus: Term[] = [];
  for (const [key, node] of affected) {
    if (named.has(key)) focus.push(node);
    else if (targetClass.size > 0 && [...dataset.match(node as Quad['subject'], { termType: 'NamedNode', value: RDF_TYPE } as never)].some((q) => targetClass.has(q.object))) focus.push(node);
  }
  return focus;
}
