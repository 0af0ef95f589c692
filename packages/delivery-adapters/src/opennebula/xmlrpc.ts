import { XMLParser } from 'fast-xml-parser';

/** A value XML-RPC carries. Integers are i4 (OpenNebula's ids and flags), bigints i8; other numbers are doubles. */
export type XmlRpcValue = string | number | bigint | boolean | XmlRpcValue[] | { readonly [member: string]: XmlRpcValue };

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function encodeValue(value: XmlRpcValue): string {
  if (typeof value === 'string') return `<value><string>${escapeXml(value)}</string></value>`;
  if (typeof value === 'boolean') return `<value><boolean>${value ? 1 : 0}</boolean></value>`;
  // The xmlrpc-c <i8> extension (OpenNebula sends one in every failure reply).
  if (typeof value === 'bigint') return `<value><i8>${value}</i8></value>`;
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31) return `<value><i4>${value}</i4></value>`;
    if (!Number.isFinite(value)) throw new Error(`XML-RPC cannot carry ${value}`);
    return `<value><double>${value}</double></value>`;
  }
  if (Array.isArray(value)) return `<value><array><data>${value.map(encodeValue).join('')}</data></array></value>`;
  const members = Object.entries(value).map(([name, v]) => `<member><name>${escapeXml(name)}</name>${encodeValue(v)}</member>`);
  return `<value><struct>${members.join('')}</struct></value>`;
}

/** An XML-RPC `methodCall` document. */
export function encodeCall(method: string, params: readonly XmlRpcValue[]): string {
  return `<?xml version="1.0"?><methodCall><methodName>${escapeXml(method)}</methodName><params>${params.map((p) => `<param>${encodeValue(p)}</param>`).join('')}</params></methodCall>`;
}

/** An XML-RPC `methodResponse` holding one value. */
export function encodeResponse(value: XmlRpcValue): string {
  return `<?xml version="1.0"?><methodResponse><params><param>${encodeValue(value)}</param></params></methodResponse>`;
}

/** An XML-RPC fault. */
export function encodeFault(code: number, message: string): string {
  return `<?xml version="1.0"?><methodResponse><fault>${encodeValue({ faultCode: code, faultString: message })}</fault></methodResponse>`;
}

// Ordered parsing keeps arrays and members in document order; entities are decoded, nothing else
// (no DTDs: XML-RPC has none, and entity expansion is refused).
type Node = Record<string, Node[] | string> & { '#text'?: string };
const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: true, parseTagValue: false, trimValues: false, processEntities: true, htmlEntities: false });

const children = (node: Node, tag: string): Node[] => (node[tag] as Node[] | undefined) ?? [];
const elements = (nodes: Node[]) => nodes.filter((n) => !('#text' in n) || Object.keys(n).length > 1);
const textOf = (nodes: Node[]): string => nodes.map((n) => (typeof n['#text'] === 'string' ? n['#text'] : '')).join('');
const tagOf = (node: Node): string => Object.keys(node).find((k) => k !== ':@')!;

function decodeValue(valueChildren: Node[]): XmlRpcValue {
  const typed = elements(valueChildren)[0];
  if (!typed) return textOf(valueChildren);
  const tag = tagOf(typed);
  const inner = typed[tag] as Node[];
  switch (tag) {
    case 'string':
      return textOf(inner);
    case 'i4':
    case 'int':
    case 'i8': {
      const n = Number(textOf(inner).trim());
      if (!Number.isInteger(n)) throw new Error(`XML-RPC: <${tag}> holds "${textOf(inner)}"`);
      return n;
    }
    case 'double':
      return Number(textOf(inner).trim());
    case 'boolean':
      return textOf(inner).trim() === '1';
    case 'array':
      return elements(children(elements(inner)[0] ?? {}, 'data')).map((v) => decodeValue(v.value as Node[]));
    case 'struct': {
      const out: Record<string, XmlRpcValue> = {};
      for (const member of elements(inner)) {
        const parts = member.member as Node[];
        const name = textOf(children(parts.find((p) => 'name' in p) ?? {}, 'name'));
        out[name] = decodeValue(children(parts.find((p) => 'value' in p) ?? {}, 'value'));
      }
      return out;
    }
    default:
      throw new Error(`XML-RPC: unsupported value type <${tag}>`);
  }
}

function root(xml: string, tag: string): Node[] {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new Error('XML-RPC: a DOCTYPE is not allowed');
  const doc = parser.parse(xml) as Node[];
  const top = doc.find((n) => tag in n);
  if (!top) throw new Error(`XML-RPC: no <${tag}> element`);
  return top[tag] as Node[];
}

/** Reads a `methodResponse`: its value, or throws its fault. */
export function decodeResponse(xml: string): XmlRpcValue {
  const body = root(xml, 'methodResponse');
  const fault = body.find((n) => 'fault' in n);
  if (fault) {
    const value = decodeValue(children(elements(fault.fault as Node[])[0] ?? {}, 'value')) as { faultCode?: number; faultString?: string };
    throw Object.assign(new Error(`XML-RPC fault ${value.faultCode}: ${value.faultString}`), { faultCode: value.faultCode });
  }
  const param = elements(children(body.find((n) => 'params' in n) ?? {}, 'params'))[0];
  if (!param) throw new Error('XML-RPC: a response without a value');
  return decodeValue(children(elements(param.param as Node[])[0] ?? {}, 'value'));
}

/** Reads a `methodCall`: its method name and parameters. */
export function decodeCall(xml: string): { method: string; params: XmlRpcValue[] } {
  const body = root(xml, 'methodCall');
  const method = textOf(children(body.find((n) => 'methodName' in n) ?? {}, 'methodName')).trim();
  const params = elements(children(body.find((n) => 'params' in n) ?? {}, 'params')).map((p) => decodeValue(children(elements(p.param as Node[])[0] ?? {}, 'value')));
  return { method, params };
}
