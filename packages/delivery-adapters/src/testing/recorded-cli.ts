import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One run of a command-line tool, as a recording keeps it. */
export interface CliExchange {
  /** The arguments, exactly (secrets never go in arguments: adapters pass them by environment). */
  readonly args: readonly string[];
  readonly stdout: string;
  readonly stderr?: string;
  readonly code: number;
  /** Milliseconds to wait before answering (to test timeouts and cancel). */
  readonly delayMs?: number;
}

/**
 * Writes an executable stand-in for a tool that replays recorded runs: given arguments, it
 * prints the first unused recording with those arguments and exits with its code; unknown
 * arguments exit 127 with a message. Pass its path as the adapter's binary (such as
 * `terraformAdapter({ binary })`) to test how an adapter reads a tool's output, including
 * failures that are hard to cause with the real tool.
 *
 * @example
 * const terraform = await replayCli(dir, 'terraform', [{ args: ['version'], stdout: 'Terraform v1.11.4\n', code: 0 }]);
 */
export async function replayCli(dir: string, name: string, runs: readonly CliExchange[]): Promise<string> {
  await mkdir(dir, { recursive: true });
  const script = join(dir, name);
  const state = join(dir, `.${name}-replayed`);
  const source = `#!${process.execPath}
// Replays recorded runs of ${name}, written by @mpli/delivery-adapters/testing (replayCli).
const fs = require('node:fs');
const runs = ${JSON.stringify(runs)};
const args = process.argv.slice(2);
let used = [];
try { used = JSON.parse(fs.readFileSync(${JSON.stringify(state)}, 'utf8')); } catch {}
const index = runs.findIndex((run, i) => !used.includes(i) && JSON.stringify(run.args) === JSON.stringify(args));
if (index < 0) { process.stderr.write('no recorded run of ${name} with arguments ' + JSON.stringify(args) + '\\n'); process.exit(127); }
fs.writeFileSync(${JSON.stringify(state)}, JSON.stringify([...used, index]));
const run = runs[index];
setTimeout(() => { process.stdout.write(run.stdout); process.stderr.write(run.stderr || ''); process.exitCode = run.code; }, run.delayMs || 0);
`;
  await writeFile(`${script}.cjs`, source);
  await writeFile(script, `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(`${script}.cjs`)} "$@"\n`);
  await chmod(script, 0o755);
  return script;
}
