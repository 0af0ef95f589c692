import type { CliIo } from '@mpli/cli';

/** A CliIo that records what a command prints. */
export function captureIo(cwd: string): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: (text) => void (out += text),
    stderr: (text) => void (err += text),
    cwd,
    color: false,
    out: () => out,
    err: () => err,
  };
}

/** The repository root, where examples/ lives. */
export const REPO_ROOT = new URL('../../../', import.meta.url).pathname;
