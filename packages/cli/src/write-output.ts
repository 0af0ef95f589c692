import { writeFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import type { CliIo } from './cli-io';

/** Writes a JSON document to `--out` (whole, or not at all) or to stdout. */
export async function writeJson(document: unknown, out: string | undefined, io: CliIo): Promise<void> {
  const text = `${JSON.stringify(document, null, 2)}\n`;
  if (!out) return io.stdout(text);
  await writeFile(isAbsolute(out) ? out : join(io.cwd, out), text, { flag: 'w' });
  io.stderr(`wrote ${out}\n`);
}
