/**
 * The most specific reason behind an error: jsonld.js wraps a document loader's refusal ("context
 * … is not bundled") in a generic "Dereferencing a URL did not result in a valid JSON-LD object"
 * and keeps the original in `details.cause`. MPLI's own errors already say what happened, so the
 * search stops at the first one.
 */
export function errorReason(error: unknown): string {
  let current = error as { name?: string; message?: string; details?: { cause?: unknown }; cause?: unknown } | undefined;
  for (let depth = 0; depth < 5 && current && current.name !== 'MpliError'; depth += 1) {
    const inner = (current.details?.cause ?? current.cause) as typeof current;
    if (!inner || typeof inner !== 'object') break;
    current = inner;
  }
  return current?.message ?? String(error);
}
