/** What replaces a secret in anything an adapter lets out. */
export const REDACTED = '[redacted]';

/**
 * Makes a function that blanks every given secret out of a string. Adapters pass every event,
 * plan, error message and tool output through it: a tool may echo a password in an error line,
 * and that line must not reach a log. Secrets shorter than 4 characters are blanked too, but
 * only where they stand alone between non-word characters, so that "on" does not eat "done".
 */
export function redactor(secrets: Iterable<string>): (text: string) => string {
  const values = [...new Set([...secrets].filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
  if (values.length === 0) return (text) => text;
  const escaped = values.map((s) => {
    const pattern = s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return s.length < 4 ? `(?<!\\w)${pattern}(?!\\w)` : pattern;
  });
  const regex = new RegExp(escaped.join('|'), 'g');
  return (text) => text.replace(regex, REDACTED);
}

/** Applies a string redactor to every string inside a JSON-like value. */
export function redactDeep<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, redact)])) as T;
  return value;
}
