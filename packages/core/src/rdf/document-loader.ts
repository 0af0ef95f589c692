import { MPLI_CONTEXT_URL, mpliContextDocument } from '@mpli/shapes';
import type { DocumentLoader } from 'jsonld';
import { MpliError } from '../errors/mpli-error';

/** JSON-LD context documents by URL, each the whole document (an object with `@context`). */
export type ContextMap = ReadonlyMap<string, unknown>;

/** The contexts core bundles: the MPLI context. Other packages add theirs (credentials, ...). */
export function bundledContexts(): Map<string, unknown> {
  return new Map<string, unknown>([[MPLI_CONTEXT_URL, mpliContextDocument()]]);
}

/**
 * A JSON-LD document loader that never touches the network: it answers from `contexts` and
 * refuses every other URL with `REMOTE_CONTEXT_REFUSED`. Remote contexts are an injection and
 * privacy risk (a context can change what a signed document means), so none is ever fetched.
 *
 * @example
 * const loader = createDocumentLoader({ contexts: new Map([...bundledContexts(), [myUrl, myContext]]) });
 */
export function createDocumentLoader(options: { contexts?: ContextMap } = {}): DocumentLoader {
  const contexts = options.contexts ?? bundledContexts();
  return async (url: string) => {
    const document = contexts.get(url);
    if (document === undefined) {
      throw new MpliError(
        'REMOTE_CONTEXT_REFUSED',
        `JSON-LD context ${url} is not bundled; MPLI never fetches contexts. Bundled: ${[...contexts.keys()].join(', ')}`,
        { details: { url } },
      );
    }
    return { contextUrl: null, documentUrl: url, document };
  };
}
