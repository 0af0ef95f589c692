import type { ParameterValue } from '@mpli/delivery-adapters';
import { UsageError } from '../cli-io';

/** A `--param` value: true/false and numbers as such, anything else as text. */
export function parameterValue(text: string): ParameterValue {
  if (text === 'true' || text === 'false') return text === 'true';
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
}

/** Order parameters from repeated `--param key=value`. */
export function parametersFrom(params: readonly string[] | undefined): Record<string, ParameterValue> {
  return Object.fromEntries((params ?? []).map((p) => {
    const at = p.indexOf('=');
    if (at < 1) throw new UsageError(`--param needs key=value, not "${p}"`);
    return [p.slice(0, at), parameterValue(p.slice(at + 1))];
  }));
}
