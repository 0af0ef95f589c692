import { open } from 'node:fs/promises';
import type { Dispatcher } from 'undici';
import { MpliError } from '../errors/mpli-error';
import { formatFromFileName, type RdfFormat } from '../rdf/formats';
import { assertWithinLimit, DEFAULT_MAX_BYTES } from '../rdf/parse';
import { fetchText } from './fetch-text';

/** Options for {@link readInput}. */
export interface ReadInputOptions {
  /** Refuse inputs above this many bytes, before reading them whole. Default 10 MiB. */
  readonly maxBytes?: number;
  /** For URLs: the whole request's time limit in milliseconds. Default 10 s. */
  readonly timeoutMs?: number;
  /** For URLs: the undici dispatcher (inject an Agent or a MockAgent). */
  readonly dispatcher?: Dispatcher;
}

/** Text read from a file or URL, with the format its name or Content-Type implies. */
export interface InputText {
  readonly text: string;
  readonly source: string;
  readonly format: RdfFormat | undefined;
}

/**
 * Reads a manifest from a file path or an http(s) URL, refusing anything larger than `maxBytes`
 * before it is read whole (files by their size, URLs by Content-Length and while streaming).
 */
export async function readInput(locator: string, options: ReadInputOptions = {}): Promise<InputText> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (/^https?:\/\//i.test(locator)) {
    const fetched = await fetchText(locator, { maxBytes, timeoutMs: options.timeoutMs ?? 10_000, ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}) });
    return { text: fetched.text, source: locator, format: fetched.format ?? formatFromFileName(new URL(locator).pathname) };
  }
  return { text: await readFileLimited(locator, maxBytes), source: locator, format: formatFromFileName(locator) };
}

async function readFileLimited(path: string, maxBytes: number): Promise<string> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new MpliError('READ_FAILED', `Cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, {
      cause: error,
      details: { source: path },
    });
  }
  try {
    const { size } = await handle.stat();
    assertWithinLimit(size, maxBytes, path);
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}
