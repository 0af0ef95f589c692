// Minimal typings for shacl-engine 1.x (it ships none): the Validator and the result objects
// MPLI turns into its own problem reports.
declare module 'shacl-engine' {
  import type { DataFactory, DatasetCore, DatasetCoreFactory, Literal, Term } from '@rdfjs/types';

  export interface PathStep {
    quantifier: 'one' | 'zeroOrMore' | 'oneOrMore' | 'zeroOrOne';
    start: 'subject' | 'object';
    end: 'subject' | 'object';
    predicates: Term[];
  }

  export interface TermPointer {
    term: Term | undefined;
    terms: Term[];
  }

  export interface ShapeInfo {
    ptr: TermPointer;
    message: Literal[];
  }

  export interface ValidationResult {
    focusNode: TermPointer;
    path: PathStep[] | null | undefined;
    value: TermPointer | undefined;
    severity: Term;
    constraintComponent: Term;
    shape: ShapeInfo;
    message: Literal[];
    args: Record<string, unknown>;
    results: ValidationResult[];
  }

  export interface ValidationReport {
    conforms: boolean;
    results: ValidationResult[];
  }

  export interface ValidatorOptions {
    factory: DataFactory & DatasetCoreFactory;
    details?: boolean;
    debug?: boolean;
    coverage?: boolean;
    trace?: boolean;
  }

  /** How a shape picks its focus nodes (compiled from its sh:target* declarations). */
  export interface TargetResolver {
    /** The sh:targetClass classes (and implicit class targets) with their subclasses. */
    targetClass: { has(term: Term): boolean; size: number };
    targetNode: Term[];
    targetObjectsOf: Term[];
    targetSubjectsOf: Term[];
    /** SHACL-AF sh:target declarations. */
    targets: unknown[];
  }

  export interface CompiledShape {
    ptr: TermPointer;
    targetResolver: TargetResolver;
  }

  export class Validator {
    constructor(shapes: DatasetCore, options: ValidatorOptions);
    /** Every compiled shape, by its term (a @rdfjs/term-map). */
    shapes: { values(): IterableIterator<CompiledShape> };
    validate(data: { dataset: DatasetCore; terms?: Iterable<Term> }, shapes?: { terms: Term[] }[]): Promise<ValidationReport>;
  }
}
