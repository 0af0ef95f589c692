import type { Term } from '@rdfjs/types';
import type { PathStep, ValidationResult } from 'shacl-engine';
import { NS } from '@mpli/shapes';
import type { Problem, Severity } from './problem';
import { compactIri, termText, type Prefixes } from './term-text';

const SH = NS.sh;
const NODE_CONSTRAINT = `${SH}NodeConstraintComponent`;
const NODE_KIND_CONSTRAINT = `${SH}NodeKindConstraintComponent`;
// Constraints that complain about a missing value: shacl-engine fills `value` with the focus node
// for them, which would only confuse a reader.
const NO_VALUE = new Set([`${SH}MinCountConstraintComponent`, `${SH}QualifiedMinCountConstraintComponent`]);

const SEVERITY: Readonly<Record<string, Severity>> = {
  [`${SH}Violation`]: 'violation',
  [`${SH}Warning`]: 'warning',
  [`${SH}Info`]: 'info',
};

interface Frame {
  readonly focus: Term | undefined;
  readonly path: readonly string[];
}

function pathSteps(steps: PathStep[] | null | undefined, prefixes: Prefixes): string[] {
  return (steps ?? []).map((step) => {
    const names = step.predicates.map((p) => compactIri(p.value, prefixes));
    const base = names.length > 1 ? `(${names.join('|')})` : (names[0] ?? '?');
    const inverse = step.start === 'object' ? `^${base}` : base;
    return step.quantifier === 'one' ? inverse : `${inverse}${{ zeroOrMore: '*', oneOrMore: '+', zeroOrOne: '?' }[step.quantifier]}`;
  });
}

/**
 * Turns shacl-engine's nested results into flat problems. A result of sh:node whose shape has no
 * message of its own is replaced by the nested results, reported on the outer focus node with the
 * paths joined (`mpli:memory/qudt:unit`), so the most specific message wins. When a nested node
 * has the wrong node kind (a bare number where a quantity node belongs) only that is reported:
 * the structure of a wrong kind of node is meaningless.
 */
export function flattenResults(results: readonly ValidationResult[], prefixes: Prefixes, source?: string): Problem[] {
  return results.flatMap((result) => flatten(result, { focus: undefined, path: [] }, prefixes, source));
}

function flatten(result: ValidationResult, frame: Frame, prefixes: Prefixes, source?: string): Problem[] {
  const path = [...frame.path, ...pathSteps(result.path, prefixes)];
  const focus = frame.focus ?? result.focusNode.term;
  const nested = result.results;
  if (result.constraintComponent.value === NODE_CONSTRAINT && nested.length > 0 && result.shape.message.length === 0) {
    const wrongKind = nested.filter((r) => r.constraintComponent.value === NODE_KIND_CONSTRAINT && !r.path?.length);
    return (wrongKind.length > 0 ? wrongKind : nested).flatMap((r) => flatten(r, { focus, path }, prefixes, source));
  }
  const value = result.value?.term;
  const shape = result.shape.ptr.term;
  return [
    {
      severity: SEVERITY[result.severity.value] ?? 'violation',
      message: result.message.map((m) => m.value).join(' ') || 'Constraint not met',
      ...(source ? { source } : {}),
      focusNode: focus ? termText(focus, prefixes) : '?',
      ...(path.length ? { path: path.join('/') } : {}),
      // A blank node's label means nothing to a reader (the path already says where it is).
      ...(value && value.termType !== 'BlankNode' && !NO_VALUE.has(result.constraintComponent.value) ? { value: termText(value, prefixes) } : {}),
      rule: shape ? termText(shape, prefixes) : '?',
      constraint: compactIri(result.constraintComponent.value, prefixes),
    },
  ];
}
