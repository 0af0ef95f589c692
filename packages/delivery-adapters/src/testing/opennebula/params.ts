import type { XmlRpcValue } from '../../opennebula/xmlrpc';
import { RpcFault } from './model';

const KINDS = { s: ['string', 'string'], i: ['number', 'integer'], b: ['boolean', 'boolean'] } as const;

/**
 * Checks a call's parameters the way xmlrpc-c's param list does in oned: `spec` lists the types
 * (`s` string, `i` integer, `b` boolean); those after `|` are optional. A missing one is fault
 * -501 "Not enough parameters"; a wrong one "Parameter that is supposed to be <type> is not".
 */
export function readParams(params: readonly XmlRpcValue[], spec: string): (string | number | boolean | undefined)[] {
  const [required = '', optional = ''] = spec.split('|');
  if (params.length < required.length) throw new RpcFault(-501, 'Not enough parameters');
  return [...required, ...optional].map((kind, i) => {
    const value = params[i];
    if (value === undefined) return undefined;
    const [jsType, name] = KINDS[kind as keyof typeof KINDS];
    if (typeof value !== jsType || (kind === 'i' && !Number.isInteger(value))) throw new RpcFault(-501, `Parameter that is supposed to be ${name} is not`);
    return value as string | number | boolean;
  });
}
