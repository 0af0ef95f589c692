import { setTimeout as sleep } from 'node:timers/promises';
import { DeliveryError } from '../delivery-error';
import { httpCall, OpenStackError, readJson, type HttpCall } from './http';

/** How to authenticate with Keystone v3. */
export type KeystoneCredentials =
  | { readonly kind: 'password'; readonly username: string; readonly password: string; readonly userDomain?: string; readonly project: string; readonly projectDomain?: string }
  | { readonly kind: 'application-credential'; readonly id: string; readonly secret: string };

interface CatalogEntry {
  type: string;
  endpoints: { interface: string; region?: string; url: string }[];
}

interface TokenBody {
  token: { expires_at: string; catalog?: CatalogEntry[]; project?: { id: string } };
}

/** Answers that say "try again": the service failed for a moment. */
const TRANSIENT = new Set([500, 502, 503, 504]);
/** Times an idempotent request answered with a transient error is tried again. */
export const TRANSIENT_RETRIES = 3;
const TRANSIENT_PAUSE_MS = 250;

/** Renew a token this long before it expires. */
const RENEW_BEFORE_MS = 5 * 60 * 1000;

/**
 * A Keystone v3 session: a token (password or application credential), the service catalog, and
 * calls to any service that renew the token before it expires and once more after a 401.
 */
export class KeystoneSession {
  private token: string | undefined;
  private expires = 0;
  private catalog: CatalogEntry[] = [];

  constructor(
    private readonly authUrl: string,
    private readonly credentials: () => Promise<KeystoneCredentials>,
    private readonly options: {
      region?: string;
      interface?: 'public' | 'internal' | 'admin';
      timeoutMs?: number;
      /** Service URLs to use instead of the catalog's, by type (`image`, `compute`): a relay or a proxy in front of the cloud. */
      endpointOverrides?: Readonly<Record<string, string>>;
    } = {},
  ) {}

  /** Issues a new token (POST /v3/auth/tokens). */
  async authenticate(): Promise<void> {
    const credentials = await this.credentials();
    const identity =
      credentials.kind === 'password'
        ? { methods: ['password'], password: { user: { name: credentials.username, domain: { name: credentials.userDomain ?? 'Default' }, password: credentials.password } } }
        : { methods: ['application_credential'], application_credential: { id: credentials.id, secret: credentials.secret } };
    const scope = credentials.kind === 'password' ? { scope: { project: { name: credentials.project, domain: { name: credentials.projectDomain ?? 'Default' } } } } : {};
    const response = await httpCall('keystone', `${this.authUrl.replace(/\/$/, '')}/auth/tokens`, { method: 'POST', json: { auth: { identity, ...scope } }, timeoutMs: this.options.timeoutMs ?? 30_000 });
    const body = await readJson<TokenBody>('keystone', response, 'authentication');
    const token = response.headers['x-subject-token'];
    if (typeof token !== 'string') throw new DeliveryError('TOOL_FAILED', 'keystone: no X-Subject-Token in its answer');
    this.token = token;
    this.expires = Date.parse(body.token.expires_at);
    this.catalog = body.token.catalog ?? [];
  }

  /** The URL of a service of the catalog (`compute`, `image`, `network`), or undefined. */
  async endpoint(type: string): Promise<string | undefined> {
    await this.ensureToken();
    const override = this.options.endpointOverrides?.[type];
    if (override) return override.replace(/\/$/, '');
    const wanted = this.options.interface ?? 'public';
    const entry = this.catalog.find((e) => e.type === type);
    const endpoint = entry?.endpoints.find((e) => e.interface === wanted && (!this.options.region || e.region === this.options.region));
    return endpoint?.url.replace(/\/$/, '');
  }

  /**
   * Calls a service of the catalog with the token; a 401 renews the token and tries once more. An
   * idempotent request (GET, HEAD, PUT or DELETE without a streamed body) answered with 500, 502,
   * 503 or 504 is tried again after a pause, up to {@link TRANSIENT_RETRIES} times: services such
   * as Nova answer 500 for a moment when their database is busy, and the same request then works.
   */
  async call(service: string, path: string, call: HttpCall = {}) {
    const base = await this.endpoint(service);
    if (!base) throw new DeliveryError('TOOL_FAILED', `the OpenStack catalog has no ${service} service`);
    const replayable = call.body === undefined && ['GET', 'HEAD', 'PUT', 'DELETE'].includes(call.method ?? 'GET');
    let renewed = false;
    for (let transient = 0; ; ) {
      await this.ensureToken();
      const response = await httpCall(service, `${base}${path}`, { ...call, headers: { ...call.headers, 'x-auth-token': this.token! }, timeoutMs: call.timeoutMs ?? this.options.timeoutMs ?? 60_000 });
      if (response.statusCode === 401 && !renewed && call.body === undefined) {
        renewed = true;
        await response.body.dump();
        this.token = undefined;
      } else if (TRANSIENT.has(response.statusCode) && replayable && transient < TRANSIENT_RETRIES && !call.signal?.aborted) {
        await response.body.dump();
        await sleep(TRANSIENT_PAUSE_MS * 2 ** transient++, undefined, call.signal ? { signal: call.signal } : {}).catch(() => undefined);
      } else {
        return response;
      }
    }
  }

  private async ensureToken(): Promise<void> {
    if (this.token && this.expires - Date.now() > RENEW_BEFORE_MS) return;
    try {
      await this.authenticate();
    } catch (error) {
      if (error instanceof OpenStackError && error.status === 401) throw new OpenStackError(401, 'keystone', 'keystone: the credentials were refused (HTTP 401)');
      throw error;
    }
  }
}
