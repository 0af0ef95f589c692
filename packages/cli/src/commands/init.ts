import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { EXIT, UsageError, type CliIo } from '../cli-io';
import { packageFile } from '../package-files';

export const INIT_HELP = `Usage: mpli init <provider|requirements> [options]

Writes a commented example manifest that validates, to start from.

Options:
  -o, --out <file>    Where to write (default provider.ttl or requirements.ttl); "-" for stdout
  -f, --force         Overwrite an existing file
  -h, --help          Show this help
`;

const TEMPLATES = { provider: 'provider.ttl', requirements: 'requirements.ttl' } as const;

/** The text of a starter template shipped with the CLI. */
export function templateText(kind: keyof typeof TEMPLATES): Promise<string> {
  return readFile(packageFile(`templates/${TEMPLATES[kind]}`), 'utf8');
}

/** `mpli init`: returns the exit code. */
export async function initCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { out: { type: 'string', short: 'o' }, force: { type: 'boolean', short: 'f' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return (io.stdout(INIT_HELP), EXIT.ok);
  const kind = positionals[0];
  if (positionals.length !== 1 || (kind !== 'provider' && kind !== 'requirements')) {
    throw new UsageError('mpli init needs one argument: provider or requirements');
  }
  const text = await templateText(kind);
  const out = values.out ?? TEMPLATES[kind];
  if (out === '-') return (io.stdout(text), EXIT.ok);
  const path = isAbsolute(out) ? out : join(io.cwd, out);
  if (existsSync(path) && !values.force) throw new UsageError(`${out} exists; use --force to overwrite it`);
  await writeFile(path, text, { flag: values.force ? 'w' : 'wx' });
  io.stdout(`Wrote ${out}. Edit it, then run: mpli validate ${out}\n`);
  return EXIT.ok;
}
