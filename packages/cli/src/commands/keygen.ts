import { isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateSigningKey } from '@mpli/trust';
import { EXIT, UsageError, type CliIo } from '../cli-io';
import { writeKeyFile } from '../key-file';

export const KEYGEN_HELP = `Usage: mpli keygen --out <file> [--controller <did>] [--force]

Makes an Ed25519 signing key (Multikey) and writes it, secret included, to a file only you can
read (mode 0600). Prints the public key. Without --controller the key is a did:key: its DID is
derived from the key and needs no document anywhere. With --controller did:web:..., publish the
printed verification method in that DID's document.

Options:
  -o, --out <file>          Where to write the key file (required; never printed)
  --controller <did>        The DID the key belongs to (default: its own did:key)
  --force                   Replace an existing key file
  -h, --help                Show this help

Exit codes: 0 written; 2 usage error, or the file exists.
`;

export async function keygenCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: { out: { type: 'string', short: 'o' }, controller: { type: 'string' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) return (io.stdout(KEYGEN_HELP), EXIT.ok);
  if (!values.out) throw new UsageError('mpli keygen needs --out <file>: the secret key is written to a file, never printed');
  if (values.controller !== undefined && !/^did:[a-z0-9]+:.+/.test(values.controller)) throw new UsageError(`--controller needs a DID, not "${values.controller}"`);
  const key = await generateSigningKey(values.controller ? { controller: values.controller } : {});
  const path = isAbsolute(values.out) ? values.out : join(io.cwd, values.out);
  await writeKeyFile(path, key, { force: values.force === true });
  io.stdout(`${JSON.stringify({ file: values.out, ...key.toJSON() }, null, 2)}\n`);
  return EXIT.ok;
}
