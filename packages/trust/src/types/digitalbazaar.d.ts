// Minimal typings for the Digital Bazaar packages @mpli/trust uses; they ship none.
declare module '@digitalbazaar/credentials-context' {
  export const contexts: Map<string, unknown>;
}
declare module '@digitalbazaar/data-integrity-context' {
  const context: { contexts: Map<string, unknown>; CONTEXT_URL: string; CONTEXT: unknown };
  export default context;
}
declare module '@digitalbazaar/multikey-context' {
  const context: { CONTEXT_URL: string; CONTEXT: unknown };
  export default context;
}
declare module 'did-context' {
  const context: { CONTEXT_URL: string; CONTEXT: unknown };
  export default context;
}
declare module 'ed25519-signature-2020-context' {
  const context: { CONTEXT_URL: string; CONTEXT: unknown };
  export default context;
}
declare module '@digitalbazaar/ed25519-multikey' {
  export interface Signer {
    id: string;
    algorithm: string;
    sign(options: { data: Uint8Array }): Promise<Uint8Array>;
  }
  export interface Verifier {
    id: string;
    algorithm: string;
    verify(options: { data: Uint8Array; signature: Uint8Array }): Promise<boolean>;
  }
  export interface KeyPair {
    id?: string;
    controller?: string;
    publicKeyMultibase: string;
    secretKeyMultibase?: string;
    signer(): Signer;
    verifier(): Verifier;
    export(options: { publicKey?: boolean; secretKey?: boolean; includeContext?: boolean }): Promise<Record<string, unknown>>;
  }
  export function generate(options?: { id?: string; controller?: string; seed?: Uint8Array }): Promise<KeyPair>;
  export function from(key: Record<string, unknown>): Promise<KeyPair>;
}
declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: { signer?: unknown; cryptosuite: unknown; date?: Date | string });
  }
}
declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: { name: string };
}
declare module '@digitalbazaar/ed25519-signature-2020' {
  export class Ed25519Signature2020 {
    constructor(options?: { key?: unknown; signer?: unknown });
  }
}
declare module '@digitalbazaar/vc' {
  export interface VerifyResult {
    verified: boolean;
    error?: { name?: string; message?: string; errors?: { name?: string; message?: string }[] };
    results?: { proof: unknown; verified: boolean; error?: { name?: string; message?: string } }[];
  }
  export function issue(options: { credential: Record<string, unknown>; suite: unknown; documentLoader: unknown; now?: Date | string }): Promise<Record<string, unknown>>;
  export function verifyCredential(options: { credential: Record<string, unknown>; suite: unknown | unknown[]; documentLoader: unknown; now?: Date | string; checkStatus?: unknown; purpose?: unknown }): Promise<VerifyResult>;
  export function createPresentation(options: { verifiableCredential?: unknown; holder?: string; id?: string; version?: number }): Record<string, unknown>;
  export function signPresentation(options: { presentation: Record<string, unknown>; suite: unknown; challenge: string; domain?: string; documentLoader: unknown }): Promise<Record<string, unknown>>;
  export function verify(options: { presentation: Record<string, unknown>; suite: unknown | unknown[]; challenge?: string; domain?: string; documentLoader: unknown; now?: Date | string; checkStatus?: unknown }): Promise<VerifyResult & { presentationResult?: VerifyResult; credentialResults?: VerifyResult[] }>;
}
declare module 'jsonld-signatures' {
  interface ProofResult { verified: boolean; error?: { name?: string; message?: string; errors?: { name?: string; message?: string }[] }; results?: { proof: unknown; verified: boolean; error?: { name?: string; message?: string } }[] }
  interface PurposeClass<O> { new (options: O): unknown }
  const jsigs: {
    purposes: {
      AuthenticationProofPurpose: PurposeClass<{ challenge: string; domain?: string; controller?: unknown; date?: Date; maxTimestampDelta?: number }>;
      AssertionProofPurpose: PurposeClass<{ controller?: unknown; date?: Date; maxTimestampDelta?: number } | undefined>;
    };
    sign(document: Record<string, unknown>, options: { suite: unknown; purpose: unknown; documentLoader: unknown }): Promise<Record<string, unknown>>;
    verify(document: Record<string, unknown>, options: { suite: unknown; purpose: unknown; documentLoader: unknown }): Promise<ProofResult>;
  };
  export default jsigs;
}
declare module '@digitalbazaar/ed25519-verification-key-2020' {
  export class Ed25519VerificationKey2020 {
    id: string;
    controller: string;
    static generate(options?: { seed?: Uint8Array; id?: string; controller?: string }): Promise<Ed25519VerificationKey2020>;
    fingerprint(): string;
  }
}
declare module '@digitalbazaar/citizenship-context' {
  export const contexts: Map<string, unknown>;
}
declare module '@digitalbazaar/vc-bitstring-status-list' {
  export class BitstringStatusList {
    readonly length: number;
    setStatus(index: number, status: boolean): void;
    getStatus(index: number): boolean;
    encode(): Promise<string>;
  }
  export function createList(options: { length: number }): Promise<BitstringStatusList>;
  export function decodeList(options: { encodedList: string }): Promise<BitstringStatusList>;
  export function createCredential(options: { id: string; list: BitstringStatusList; statusPurpose: string; context?: string[] }): Promise<Record<string, unknown>>;
}
declare module 'rdf-canonize' {
  export function canonize(input: string, options: { algorithm: 'RDFC-1.0'; inputFormat: 'application/n-quads'; format: 'application/n-quads'; maxWorkFactor?: number; signal?: AbortSignal }): Promise<string>;
}
declare module 'base58-universal' {
  export function decode(input: string): Uint8Array;
  export function encode(input: Uint8Array): string;
}
