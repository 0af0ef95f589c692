import { MpliError } from './mpli-error';

/** Where in a source text something is; lines and columns count from 1. */
export interface SourcePosition {
  /** The file path or URL the text came from, when known. */
  readonly source?: string;
  readonly line?: number;
  readonly column?: number;
}

/**
 * A syntax error in RDF input (Turtle, N-Triples, N-Quads, JSON or JSON-LD), with the file, line
 * and column where the parser stopped.
 */
export class ParseError extends MpliError {
  readonly source: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  /** The parser's own description of the problem, without the position. */
  readonly reason: string;

  constructor(reason: string, position: SourcePosition, options: { cause?: unknown } = {}) {
    super('PARSE_ERROR', `${formatPosition(position)}: ${reason}`, {
      ...options,
      details: { source: position.source, line: position.line, column: position.column },
    });
    this.name = 'ParseError';
    this.reason = reason;
    this.source = position.source;
    this.line = position.line;
    this.column = position.column;
  }
}

/** `file:line:column`, leaving out what is unknown. */
export function formatPosition(position: SourcePosition): string {
  const parts = [position.source ?? '<input>'];
  if (position.line !== undefined) parts.push(String(position.line));
  if (position.line !== undefined && position.column !== undefined) parts.push(String(position.column));
  return parts.join(':');
}
