import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

/** Writes `text` to a new file `name` in a fresh temporary folder; returns its path. */
export function scratchFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'mpli-cli-'));
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}
