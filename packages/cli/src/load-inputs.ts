import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { MpliError, ParseError, validateInput, type ValidatedInput } from '@mpli/core';

const RDF_EXTENSIONS = /\.(ttl|turtle|nt|nq|jsonld|json)$/i;

/** A manifest file or URL that was read, or why it could not be. */
export type LoadedInput =
  | { readonly source: string; readonly ok: true; readonly validated: ValidatedInput }
  | { readonly source: string; readonly ok: false; readonly error: { readonly code: string; readonly message: string; readonly line?: number; readonly column?: number } };

/** Expands folders (recursively) into their RDF files, sorted; files and URLs pass through. */
export function expandLocators(locators: readonly string[], cwd: string): string[] {
  const out: string[] = [];
  for (const locator of locators) {
    const path = /^https?:\/\//i.test(locator) || locator.startsWith('/') ? locator : join(cwd, locator);
    if (!/^https?:/i.test(locator) && safeIsDirectory(path)) {
      const walk = (dir: string, shown: string) => {
        for (const name of readdirSync(dir).sort()) {
          const full = join(dir, name);
          if (safeIsDirectory(full)) walk(full, join(shown, name));
          else if (RDF_EXTENSIONS.test(name)) out.push(join(shown, name));
        }
      };
      walk(path, locator);
    } else {
      out.push(locator);
    }
  }
  return out;
}

function safeIsDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Reads, parses and validates one input; input errors become values, anything else throws. */
export async function loadInput(locator: string, options: { cwd: string; maxBytes: number; timeoutMs: number }): Promise<LoadedInput> {
  const path = /^https?:\/\//i.test(locator) || locator.startsWith('/') ? locator : join(options.cwd, locator);
  try {
    return { source: locator, ok: true, validated: await validateInput(path, { maxBytes: options.maxBytes, timeoutMs: options.timeoutMs }) };
  } catch (error) {
    if (!(error instanceof MpliError)) throw error;
    const position = error instanceof ParseError ? { ...(error.line ? { line: error.line } : {}), ...(error.column ? { column: error.column } : {}) } : {};
    const message = error instanceof ParseError ? error.reason : error.message.replace(path, locator);
    return { source: locator, ok: false, error: { code: error.code, message, ...position } };
  }
}
