import { MpliError } from '@mpli/core';
import type { DidDocument, DidMethodResolver, VerificationMethod } from './did-document';
import { resolveDidKey } from './did-key';

/**
 * Resolves DIDs through a map of method name to resolver that apps extend: did:key is built in,
 * did:web is added with `didWebResolver()`, anything else with a function of your own.
 *
 * @example
 * const resolver = new DidResolver({ web: didWebResolver({ timeoutMs: 3000 }) });
 * const document = await resolver.resolve('did:web:cloud.example');
 */
export class DidResolver {
  private readonly methods: Map<string, DidMethodResolver>;

  constructor(methods: Readonly<Record<string, DidMethodResolver>> = {}) {
    this.methods = new Map([['key', resolveDidKey], ...Object.entries(methods)]);
  }

  /** Adds or replaces the resolver of a method; returns this. */
  use(method: string, resolver: DidMethodResolver): this {
    this.methods.set(method, resolver);
    return this;
  }

  /** The DID document of a DID or DID URL (the fragment is ignored). */
  async resolve(didUrl: string): Promise<DidDocument> {
    const did = didUrl.split('#')[0] ?? didUrl;
    const method = /^did:([a-z0-9]+):/.exec(did)?.[1];
    const resolver = method ? this.methods.get(method) : undefined;
    if (!resolver) throw new MpliError('DID_UNSUPPORTED', `No resolver for ${method ? `did:${method}` : did}; add one with DidResolver.use()`, { details: { did } });
    const document = await resolver(did);
    if (document.id !== did) throw new MpliError('DID_INVALID', `The document resolved for ${did} is about ${document.id}`, { details: { did } });
    return document;
  }

  /** The verification method a DID URL names, from its controller's document. */
  async verificationMethod(didUrl: string): Promise<VerificationMethod> {
    const document = await this.resolve(didUrl);
    const method = document.verificationMethod?.find((m) => m.id === didUrl || `${document.id}${m.id}` === didUrl);
    if (!method) throw new MpliError('DID_INVALID', `${document.id} lists no verification method ${didUrl}`, { details: { didUrl } });
    return method;
  }
}
