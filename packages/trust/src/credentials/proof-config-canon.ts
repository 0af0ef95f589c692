import jsonld, { type DocumentLoader } from 'jsonld';

/**
 * The RDFC-1.0 canonical N-Quads of a Data Integrity proof configuration, fast. Canonicalizing the
 * proof configuration costs twice the credential's own (it expands the whole VC context for six
 * triples), yet across credentials only its values change. So the canonical form is computed once
 * per shape (context, keys, fixed values) with placeholder values, then the real values are put
 * in and the lines re-sorted. That is exact when the configuration is one blank node with plain
 * values: each value lands in one line, verbatim. Anything else (nested values, characters that
 * N-Quads escapes, relative IRIs) returns undefined, and the caller canonicalizes the general way.
 */
export class ProofConfigCanonicalizer {
  private readonly templates = new Map<string, Promise<string[] | undefined>>();

  constructor(private readonly documentLoader: DocumentLoader, private readonly maxTemplates = 256) {}

  async canonicalize(context: unknown, config: Readonly<Record<string, unknown>>): Promise<string | undefined> {
    const variable: [string, string][] = [];
    const fixed: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(config)) {
      if (typeof value !== 'string') return undefined;
      if (IRI_VALUED.has(key)) {
        if (!ABSOLUTE_IRI.test(value)) return undefined;
        variable.push([key, value]);
      } else if (LITERAL_VALUED.has(key)) {
        if (!PLAIN_LITERAL.test(value)) return undefined;
        variable.push([key, value]);
      } else fixed[key] = value;
    }
    const shape = JSON.stringify([context, fixed, variable.map(([key]) => key).sort()]);
    let template = this.templates.get(shape);
    if (!template) {
      if (this.templates.size >= this.maxTemplates) this.templates.delete(this.templates.keys().next().value as string);
      template = this.buildTemplate(context, fixed, variable.map(([key]) => key));
      this.templates.set(shape, template);
      // A context that cannot be processed is not remembered: the error is the caller's to report.
      template.catch(() => this.templates.delete(shape));
    }
    const lines = await template;
    if (!lines) return undefined;
    const values = new Map(variable);
    const filled = lines.map((line) => line.replace(TOKEN, (_, kind: string, key: string) => (kind === 'iri' ? `<${values.get(key)!}>` : `"${values.get(key)!}"`)));
    return `${filled.sort().join('\n')}\n`;
  }

  private async buildTemplate(context: unknown, fixed: Record<string, unknown>, keys: readonly string[]): Promise<string[] | undefined> {
    const probe: Record<string, unknown> = { '@context': context, ...fixed };
    for (const key of keys) probe[key] = IRI_VALUED.has(key) ? `urn:mpli-token:${key}` : `mpli-token-${key}`;
    const canonical = await jsonld.canonize(probe, { algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader: this.documentLoader, safe: true, base: null });
    const lines = canonical.split('\n').filter(Boolean).map((line) => line
      .replace(/<urn:mpli-token:([A-Za-z]+)>/g, '\uE000iri:$1\uE000')
      .replace(/"mpli-token-([A-Za-z]+)"/g, '\uE000literal:$1\uE000'));
    // One blank node, each placeholder exactly once, each on a line of its own: else no template.
    const blankNodes = new Set(canonical.match(/_:[A-Za-z0-9]+/g) ?? []);
    const placed = keys.every((key) => lines.filter((line) => line.includes(`:${key}\uE000`)).length === 1 && (canonical.match(new RegExp(`mpli-token[-:]${key}\\b`, 'g')) ?? []).length === 1);
    return blankNodes.size === 1 && placed ? lines : undefined;
  }
}

const IRI_VALUED = new Set(['verificationMethod', 'id']);
const LITERAL_VALUED = new Set(['created', 'expires', 'challenge', 'domain', 'nonce']);
// IRIREF characters N-Quads writes verbatim, after a scheme: no controls, spaces or delimiters.
// eslint-disable-next-line no-control-regex -- control characters are exactly what must be excluded
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\u0000-\u0020<>"{}|\\^`]*$/;
// Printable ASCII without the two characters N-Quads escapes in literals.
const PLAIN_LITERAL = /^[\u0020-\u0021\u0023-\u005B\u005D-\u007E]*$/;
const TOKEN = /\uE000(iri|literal):([A-Za-z]+)\uE000/g;
