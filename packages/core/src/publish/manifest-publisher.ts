import type { IncomingMessage, ServerResponse } from 'node:http';
import { apiCatalog, API_CATALOG_MEDIA_TYPE, type LinkTarget } from './api-catalog';
import { notModified } from './conditional-request';
import { negotiate } from './content-negotiation';
import { buildVersion, etagOf, SERVED_FORMATS, type ManifestSource, type ManifestVersion, type Representation } from './manifest-representations';

/** Where a provider's MPLI documents live. */
export const MANIFEST_PATH = '/.well-known/mpli';
export const SIGNATURE_PATH = '/.well-known/mpli/signature';
export const CREDENTIALS_PATH = '/.well-known/mpli/credentials';
export const API_CATALOG_PATH = '/.well-known/api-catalog';
/** Link relations (RFC 8288 extension types) from a manifest to its signature and credentials. */
export const SIGNATURE_REL = 'https://w3id.org/mpli#signature';
export const CREDENTIALS_REL = 'https://w3id.org/mpli#credentials';

/** What a provider publishes. */
export interface PublisherOptions {
  readonly manifest: ManifestSource;
  /**
   * The public origin the documents are reached at, such as `https://scaldis.example` (or, when the
   * handler is mounted under a path, that URL prefix).
   */
  readonly baseUrl: string;
  /** The manifest's detached signature (a ManifestCredential, from @mpli/trust's signManifest). */
  readonly signature?: Record<string, unknown>;
  /** Credentials the provider shows (certifications, SLAs, identity), JSON-LD objects or vc+jwt strings. */
  readonly credentials?: readonly (Record<string, unknown> | string)[];
  /** Cache-Control max-age, seconds. Default 300. */
  readonly maxAgeSeconds?: number;
  /** The manifest's last modification. Default: its dcterms:modified. */
  readonly lastModified?: Date;
}

/** Serves a provider's manifest and companions; see {@link createManifestPublisher}. */
export interface ManifestPublisher {
  /** A node:http handler; with `next` (connect/Express style) it passes on paths it does not serve. */
  handle(request: IncomingMessage, response: ServerResponse, next?: () => void): void;
  /** Publishes a new version: built whole, then swapped in, so no request sees half of it. */
  update(changes: Partial<Pick<PublisherOptions, 'manifest' | 'signature' | 'credentials' | 'lastModified'>>): Promise<void>;
}

// A manifest may be read from any origin: it is public by design.
const CORS = {
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'ETag, Last-Modified, Link, Content-Type, Vary',
};
const OFFERED = [...SERVED_FORMATS, 'application/json'];

/**
 * A provider's publishing endpoint, usable with plain `node:http` or as connect/Express middleware:
 * - `GET|HEAD /.well-known/mpli`: the manifest as Turtle, JSON-LD or N-Quads by content
 *   negotiation (406 otherwise), with a strong ETag per representation, Last-Modified, 304 on
 *   If-None-Match / If-Modified-Since, Cache-Control, CORS, and Link headers to its signature,
 *   its credentials and the API catalog;
 * - `/.well-known/mpli/signature` and `/.well-known/mpli/credentials`: those documents;
 * - `/.well-known/api-catalog`: an RFC 9727 linkset announcing the manifest.
 *
 * @example
 * const publisher = await createManifestPublisher({ manifest: { text: turtle, format: 'text/turtle' }, baseUrl: 'https://scaldis.example', signature });
 * createServer((req, res) => publisher.handle(req, res)).listen(8080);
 */
export async function createManifestPublisher(options: PublisherOptions): Promise<ManifestPublisher> {
  const base = options.baseUrl.replace(/\/+$/, '');
  if (!/^https?:\/\/[^/?#]+(\/[^?#]*)?$/.test(base)) throw new TypeError(`baseUrl must be an http(s) origin such as https://cloud.example, not ${options.baseUrl}`);
  let state = await buildState(options);

  return {
    handle(request, response, next) {
      const path = new URL(request.url ?? '/', 'http://publisher').pathname.replace(/\/+$/, '') || '/';
      const route = ROUTES.get(path);
      if (!route) return next ? next() : problem(response, 404, 'Not Found', `Nothing is published at ${path}`);
      if (request.method === 'OPTIONS') return preflight(response);
      if (request.method !== 'GET' && request.method !== 'HEAD') return problem(response, 405, 'Method Not Allowed', `${path} answers GET, HEAD and OPTIONS`, { allow: 'GET, HEAD, OPTIONS' });
      route(request, response, state, base);
    },
    async update(changes) {
      state = await buildState({ ...options, ...state.options, ...changes });
    },
  };
}

interface State {
  readonly options: PublisherOptions;
  readonly version: ManifestVersion;
  readonly signature?: Representation;
  readonly credentials?: Representation;
}

async function buildState(options: PublisherOptions): Promise<State> {
  const json = (value: unknown, contentType: string): Representation => {
    const body = Buffer.from(`${JSON.stringify(value, null, 2)}\n`);
    return { contentType, body, etag: etagOf(body) };
  };
  return {
    options,
    version: await buildVersion(options.manifest, options.lastModified),
    ...(options.signature ? { signature: json(options.signature, 'application/vc') } : {}),
    ...(options.credentials ? { credentials: json(options.credentials, 'application/json') } : {}),
  };
}

type Route = (request: IncomingMessage, response: ServerResponse, state: State, base: string) => void;

const ROUTES = new Map<string, Route>([
  [MANIFEST_PATH, serveManifest],
  [SIGNATURE_PATH, (request, response, state) => serveDocument(request, response, state, state.signature, 'no signature is published')],
  [CREDENTIALS_PATH, (request, response, state) => serveDocument(request, response, state, state.credentials, 'no credentials are published')],
  [API_CATALOG_PATH, serveCatalog],
]);

function serveManifest(request: IncomingMessage, response: ServerResponse, state: State, base: string): void {
  const chosen = negotiate(request.headers.accept, OFFERED);
  if (!chosen) return problem(response, 406, 'Not Acceptable', `The manifest is served as ${SERVED_FORMATS.join(', ')}`);
  const representation = state.version.representations.get(chosen === 'application/json' ? 'application/ld+json' : chosen)!;
  send(request, response, representation, state.version.lastModified, { vary: 'Accept', link: links(state, base) }, state.options.maxAgeSeconds);
}

function serveDocument(request: IncomingMessage, response: ServerResponse, state: State, representation: Representation | undefined, missing: string): void {
  if (!representation) return problem(response, 404, 'Not Found', missing);
  send(request, response, representation, state.version.lastModified, {}, state.options.maxAgeSeconds);
}

function serveCatalog(request: IncomingMessage, response: ServerResponse, state: State, base: string): void {
  const related: Record<string, LinkTarget[]> = {};
  if (state.signature) related[SIGNATURE_REL] = [{ href: `${base}${SIGNATURE_PATH}`, type: 'application/vc' }];
  if (state.credentials) related[CREDENTIALS_REL] = [{ href: `${base}${CREDENTIALS_PATH}`, type: 'application/json' }];
  const body = Buffer.from(`${JSON.stringify(apiCatalog(base, { path: MANIFEST_PATH, formats: SERVED_FORMATS, links: related }), null, 2)}\n`);
  send(request, response, { contentType: API_CATALOG_MEDIA_TYPE, body, etag: etagOf(body) }, state.version.lastModified, { link: `<${base}${API_CATALOG_PATH}>; rel="api-catalog"` }, state.options.maxAgeSeconds);
}

function links(state: State, base: string): string {
  return [
    ...(state.signature ? [`<${base}${SIGNATURE_PATH}>; rel="${SIGNATURE_REL}"; type="application/vc"`] : []),
    ...(state.credentials ? [`<${base}${CREDENTIALS_PATH}>; rel="${CREDENTIALS_REL}"; type="application/json"`] : []),
    `<${base}${API_CATALOG_PATH}>; rel="api-catalog"`,
  ].join(', ');
}

function send(request: IncomingMessage, response: ServerResponse, representation: Representation, lastModified: Date, extra: Record<string, string>, maxAgeSeconds = 300): void {
  const headers = {
    ...CORS, ...extra,
    etag: representation.etag,
    'last-modified': lastModified.toUTCString(),
    'cache-control': `public, max-age=${maxAgeSeconds}`,
  };
  if (notModified(request.headers, representation.etag, lastModified)) {
    response.writeHead(304, headers);
    return void response.end();
  }
  response.writeHead(200, { ...headers, 'content-type': representation.contentType, 'content-length': String(representation.body.length) });
  response.end(request.method === 'HEAD' ? undefined : representation.body);
}

function preflight(response: ServerResponse): void {
  response.writeHead(204, { ...CORS, 'access-control-allow-methods': 'GET, HEAD, OPTIONS', 'access-control-allow-headers': 'Accept, If-None-Match, If-Modified-Since', 'access-control-max-age': '86400' });
  response.end();
}

/** An RFC 9457 problem+json answer. */
export function problem(response: ServerResponse, status: number, title: string, detail: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { ...CORS, ...headers, 'content-type': 'application/problem+json' });
  response.end(`${JSON.stringify({ type: 'about:blank', title, status, detail })}\n`);
}
