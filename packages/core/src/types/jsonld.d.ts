// Minimal typings for the parts of jsonld.js (v9) that MPLI uses; the package ships none.
declare module 'jsonld' {
  export interface RemoteDocument {
    contextUrl: string | null;
    documentUrl: string;
    document: unknown;
  }
  export type DocumentLoader = (url: string) => Promise<RemoteDocument>;
  export interface JsonLdTerm {
    termType: 'NamedNode' | 'BlankNode' | 'Literal' | 'DefaultGraph';
    value: string;
    datatype?: { termType: 'NamedNode'; value: string };
    language?: string;
  }
  export interface JsonLdQuad {
    subject: JsonLdTerm;
    predicate: JsonLdTerm;
    object: JsonLdTerm;
    graph: JsonLdTerm;
  }
  export interface JsonLdOptions {
    documentLoader?: DocumentLoader;
    base?: string | null;
    safe?: boolean;
    useNativeTypes?: boolean;
    format?: string;
    algorithm?: 'RDFC-1.0';
  }
  const jsonld: {
    toRDF(input: unknown, options?: JsonLdOptions): Promise<JsonLdQuad[]>;
    canonize(input: unknown, options?: JsonLdOptions): Promise<string>;
    fromRDF(input: string | object, options?: JsonLdOptions): Promise<Record<string, unknown>[]>;
    compact(input: unknown, context: unknown, options?: JsonLdOptions): Promise<Record<string, unknown>>;
  };
  export default jsonld;
}
