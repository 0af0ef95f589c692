/** Where the CLI reads and writes, injected so tests run commands in-process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The working directory relative paths resolve against. */
  readonly cwd: string;
  /** Whether stdout is a terminal that understands colours. */
  readonly color: boolean;
  /** Stops long-running commands (mpli serve); the process's SIGINT and SIGTERM do too. */
  readonly signal?: AbortSignal;
}

/** The real process's streams. */
export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  };
}

/** Exit codes shared by every command. */
export const EXIT = {
  ok: 0,
  /** A manifest breaks a shape (validate), or a check failed. */
  invalid: 1,
  /** Unreadable input, a syntax error, or a usage error. */
  badInput: 2,
  /** mpli match: no offering matches. */
  noMatch: 3,
} as const;

/** A usage error: the command line itself is wrong. Exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
