import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { formatFromFileName, type RdfFormat } from '@mpli/core';
import { UsageError } from './cli-io';

/** What a file given to `mpli sign` or `mpli verify` holds. */
export type Document =
  | { readonly kind: 'credential'; readonly source: string; readonly value: Record<string, unknown> | string }
  | { readonly kind: 'presentation'; readonly source: string; readonly value: Record<string, unknown> }
  | { readonly kind: 'manifest'; readonly source: string; readonly text: string; readonly format: RdfFormat };

const MAX_BYTES = 10 * 1024 * 1024;

/**
 * Reads a file and tells what it is: a vc+jwt (text starting `eyJ`), a JSON credential or
 * enveloped credential, a JSON presentation, or else an RDF manifest (by its file name).
 */
export async function readDocument(locator: string, cwd: string): Promise<Document> {
  const path = isAbsolute(locator) ? locator : join(cwd, locator);
  let text: string;
  try {
    const bytes = await readFile(path);
    if (bytes.length > MAX_BYTES) throw new UsageError(`${locator} is larger than ${MAX_BYTES} bytes`);
    text = bytes.toString('utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${locator}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const trimmed = text.trim();
  if (/^eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*$/.test(trimmed)) return { kind: 'credential', source: locator, value: trimmed };
  if (trimmed.startsWith('{')) {
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(trimmed) as Record<string, unknown>;
    } catch (error) {
      throw new UsageError(`${locator} is not valid JSON: ${(error as Error).message}`);
    }
    const types = ([] as unknown[]).concat(json.type ?? []);
    if (types.includes('VerifiablePresentation')) return { kind: 'presentation', source: locator, value: json };
    if (types.includes('VerifiableCredential') || types.includes('EnvelopedVerifiableCredential')) return { kind: 'credential', source: locator, value: json };
  }
  const format = formatFromFileName(locator) ?? (trimmed.startsWith('{') ? 'application/ld+json' : 'text/turtle');
  return { kind: 'manifest', source: locator, text, format };
}
