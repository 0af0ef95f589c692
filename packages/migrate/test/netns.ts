import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { MigrationError, type SendDiskOptions, type SendDiskResult } from '@mpli/migrate';

/** Runs a test script of this folder with tsx inside a network namespace. */
export function inNamespace(ns: string, script: string, args: string[]) {
  return spawn('ip', ['netns', 'exec', ns, process.execPath, '--import', 'tsx', '--conditions=mpli-source', fileURLToPath(new URL(script, import.meta.url)), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A receiver inside a namespace, listening on its address there. */
export async function receiverIn(ns: string, host: string, dir: string, token: string) {
  const child = inNamespace(ns, 'receiver-process.ts', [dir, host, token]);
  const line = await createInterface({ input: child.stdout })[Symbol.asyncIterator]().next();
  if (line.done) throw new Error(`the receiver in ${ns} did not start`);
  return { port: (JSON.parse(line.value as string) as { port: number }).port, stop: () => child.kill('SIGKILL') };
}

/** A `send` for runMigration that sends from a process inside the source's namespace. */
export function senderIn(ns: string) {
  return async (options: SendDiskOptions): Promise<SendDiskResult> => {
    const { onProgress, signal: _signal, dispatcher: _dispatcher, ...plain } = options;
    const child = inNamespace(ns, 'send-process.ts', [JSON.stringify(plain)]);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    let result: SendDiskResult | undefined;
    for await (const line of createInterface({ input: child.stdout })) {
      const message = JSON.parse(line) as { progress?: Parameters<NonNullable<typeof onProgress>>[0]; result?: SendDiskResult };
      if (message.progress) onProgress?.(message.progress);
      if (message.result) result = message.result;
    }
    if (!result) throw new MigrationError('TRANSFER_FAILED', `the sender in ${ns} failed: ${stderr.trim().split('\n').slice(-3).join(' ')}`);
    return result;
  };
}
