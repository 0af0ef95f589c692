/** How bad a problem is: violations make a manifest invalid; warnings and infos do not. */
export type Severity = 'violation' | 'warning' | 'info';

/**
 * One problem found in a manifest: which rule, where, what was found and why it matters.
 */
export interface Problem {
  readonly severity: Severity;
  /** A sentence for people. */
  readonly message: string;
  /** The file or URL the manifest came from. */
  readonly source?: string;
  /** Where the focus node is first mentioned in the source, when it could be found. */
  readonly line?: number;
  readonly column?: number;
  /** The node the rule was checked on (IRI or `_:label`), compacted with known prefixes. */
  readonly focusNode: string;
  /** The property path from the focus node to the value, such as `mpli:memory/qudt:unit`. */
  readonly path?: string;
  /** The offending value as it appears in Turtle; absent when the problem is a missing value. */
  readonly value?: string;
  /** The rule: the IRI (compacted) of the SHACL shape, or of a built-in check such as `mplish:KnownTerm`. */
  readonly rule: string;
  /** The SHACL constraint component that failed, such as `sh:MinCountConstraintComponent`. */
  readonly constraint?: string;
}

/** The outcome of validating one manifest. */
export interface ValidationReport {
  /** True when there is no violation (warnings and infos allowed). */
  readonly conforms: boolean;
  readonly problems: readonly Problem[];
  readonly source?: string;
}
