import { spawn } from 'node:child_process';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { DeliveryError } from './delivery-error';

/** How to run a command-line tool. */
export interface ToolRun {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd?: string;
  /** Added to a minimal environment (PATH, HOME, LANG). Secrets go here, never in `args`. */
  readonly env?: Readonly<Record<string, string>>;
  /** Default 10 minutes. */
  readonly timeoutMs?: number;
  /** Aborting sends SIGINT (tools like terraform stop cleanly on it), then SIGKILL after 10 s. */
  readonly signal?: AbortSignal;
  /** Each line of standard output, as it comes. */
  readonly onLine?: (line: string) => void;
  /** The Debian package that provides the tool, named when it is missing. */
  readonly debianPackage?: string;
  /** How to install the tool when Debian has no package for it (a URL or a sentence). */
  readonly installHint?: string;
  /** Blanks secrets out of the error message. */
  readonly redact?: (text: string) => string;
  /** Exit codes that count as success. Default [0]. */
  readonly okCodes?: readonly number[];
}

/** How a tool run ended (for an exit code in `okCodes`). */
export interface ToolOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const MAX_CAPTURE = 4 * 1024 * 1024;

/**
 * Runs a tool as a child process (never through a shell) and resolves when it exits with an
 * accepted code. Throws a `DeliveryError`: TOOL_MISSING (naming the Debian package), TIMEOUT,
 * CANCELLED, or TOOL_FAILED with the end of its standard error, secrets blanked.
 */
export function runTool(run: ToolRun): Promise<ToolOutcome> {
  const redact = run.redact ?? ((text: string) => text);
  // Messages name the tool, not where it is installed.
  const tool = basename(run.command);
  return new Promise((resolve, reject) => {
    if (run.signal?.aborted) return reject(new DeliveryError('CANCELLED', `${tool} was not started: the operation was cancelled`));
    const child = spawn(run.command, [...run.args], {
      cwd: run.cwd,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', LANG: 'C.UTF-8', ...run.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let ending: 'timeout' | 'cancelled' | undefined;
    const stop = (why: 'timeout' | 'cancelled') => {
      ending ??= why;
      child.kill('SIGINT');
      setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
    };
    const timer = setTimeout(() => stop('timeout'), run.timeoutMs ?? 600_000);
    const onAbort = () => stop('cancelled');
    run.signal?.addEventListener('abort', onAbort, { once: true });
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (stdout.length < MAX_CAPTURE) stdout += `${line}\n`;
      run.onLine?.(line);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < MAX_CAPTURE) stderr += chunk.toString('utf8');
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (error.code === 'ENOENT') {
        const install = run.debianPackage ? ` Install it: apt-get install ${run.debianPackage}` : run.installHint ? ` ${run.installHint}` : '';
        reject(new DeliveryError('TOOL_MISSING', `${tool} is not installed (not found on PATH).${install}`, run.debianPackage));
      } else reject(new DeliveryError('TOOL_FAILED', redact(`${tool} could not start: ${error.message}`)));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      run.signal?.removeEventListener('abort', onAbort);
      const exit = code ?? -1;
      if (ending === 'timeout') return reject(new DeliveryError('TIMEOUT', `${tool} ${run.args[0] ?? ''} did not finish within ${run.timeoutMs ?? 600_000} ms`));
      if (ending === 'cancelled') return reject(new DeliveryError('CANCELLED', `${tool} ${run.args[0] ?? ''} was stopped: the operation was cancelled`));
      if ((run.okCodes ?? [0]).includes(exit)) return resolve({ code: exit, stdout, stderr });
      const tail = stderr.trim().split('\n').slice(-12).join('\n');
      reject(new DeliveryError('TOOL_FAILED', redact(`${tool} ${run.args[0] ?? ''} failed (${signal ? `signal ${signal}` : `exit ${exit}`}): ${tail || stdout.trim().split('\n').slice(-5).join('\n')}`)));
    });
  });
}
