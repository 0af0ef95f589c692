import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { MpliError } from '@mpli/core';
import { exportSecret, importSigningKey, type ExportedSigningKey, type SigningKey } from '@mpli/trust';
import { UsageError } from './cli-io';

/**
 * Writes a key file readable by its owner only (mode 0600), atomically: the secret goes to a new
 * temporary file created with that mode, which is then renamed into place. Never overwrites an
 * existing file unless told to.
 */
export async function writeKeyFile(path: string, key: SigningKey, options: { force: boolean }): Promise<void> {
  const exists = await stat(path).then(() => true, () => false);
  if (exists && !options.force) throw new UsageError(`${path} exists; use --force to replace it`);
  const temporary = join(dirname(path), `.${randomBytes(6).toString('hex')}.key.tmp`);
  const handle = await open(temporary, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600);
  try {
    await handle.writeFile(`${JSON.stringify(await exportSecret(key), null, 2)}\n`);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await handle.close();
  await rename(temporary, path);
}

/**
 * Reads a key file. Refuses one that others can read (as ssh does), and never echoes its content
 * in an error.
 */
export async function readKeyFile(path: string): Promise<SigningKey> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw new UsageError(`cannot read the key file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  if ((info.mode & 0o077) !== 0) throw new UsageError(`the key file ${path} is readable by others (mode ${(info.mode & 0o777).toString(8)}); run chmod 600 ${path}`);
  const handle = await open(path, 'r');
  let parsed: ExportedSigningKey;
  try {
    parsed = JSON.parse(await handle.readFile('utf8')) as ExportedSigningKey;
  } catch {
    throw new UsageError(`the key file ${path} is not JSON`);
  } finally {
    await handle.close();
  }
  try {
    return await importSigningKey(parsed);
  } catch (error) {
    if (error instanceof MpliError) throw new UsageError(`the key file ${path}: ${(error as Error).message}`);
    throw error;
  }
}
