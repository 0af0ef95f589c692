import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { CredentialsCallback, DeliveryAdapter } from './contract';
import { DeliveryError } from './delivery-error';

/**
 * A provider's delivery set-up, as a JSON file: the adapters it runs (by name, with their
 * options; paths relative to the file) and where each adapter's secrets come from. Secrets are
 * never written in the file: each is `env:NAME` (an environment variable) or `file:PATH`.
 */
export interface DeliveryConfig {
  readonly adapters: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly credentials?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

type Factory = (options: Record<string, unknown>, credentials: CredentialsCallback, resolvePath: (p: string) => string) => Promise<DeliveryAdapter>;

const paths = (map: unknown, resolvePath: (p: string) => string, key = 'path') =>
  Object.fromEntries(Object.entries((map ?? {}) as Record<string, unknown>).map(([name, v]) => [name, typeof v === 'string' ? resolvePath(v) : { ...(v as object), [key]: resolvePath((v as Record<string, string>)[key]!) }]));

/** Each adapter imported only when a configuration names it (heavy ones stay unloaded). */
const FACTORIES: Readonly<Record<string, Factory>> = {
  terraform: async (o, credentials, r) => {
    const { terraformAdapter } = await import('./terraform/index');
    const templates = Object.fromEntries(Object.entries((o.templates ?? {}) as Record<string, string>).map(([name, file]) => [name, JSON.parse(readFileSync(r(file), 'utf8')) as Record<string, unknown>]));
    return terraformAdapter({ stateDir: r(String(o.stateDir)), templates, credentials, ...(o.binary ? { binary: String(o.binary) } : {}), ...(o.timeoutMs ? { timeoutMs: Number(o.timeoutMs) } : {}) });
  },
  ansible: async (o, credentials, r) => {
    const { ansibleAdapter } = await import('./ansible/index');
    return ansibleAdapter({ workDir: r(String(o.workDir)), playbooks: paths(o.playbooks, r) as Record<string, string>, credentials, ...(o.inventory ? { inventory: String(o.inventory) } : {}) });
  },
  libvirt: async (o, _credentials, r) => {
    const { libvirtAdapter } = await import('./libvirt/index');
    const address = o.socket ? { socket: String(o.socket) } : { host: String(o.host ?? '127.0.0.1'), port: Number(o.port ?? 16509) };
    return libvirtAdapter({ address, uri: String(o.uri), pool: String(o.pool), images: paths(o.images, r) as never, ...(o.consoleDir ? { consoleDir: r(String(o.consoleDir)) } : {}), ...(o.domainType ? { domainType: o.domainType as 'qemu' } : {}), ...(o.shutdownTimeoutMs !== undefined ? { shutdownTimeoutMs: Number(o.shutdownTimeoutMs) } : {}) });
  },
  openstack: async (o, credentials, r) => {
    const { openstackAdapter } = await import('./openstack/index');
    return openstackAdapter({ authUrl: String(o.authUrl), credentials, images: paths(o.images, r) as never, ...(o.auth ? { auth: o.auth as never } : {}), ...(o.region ? { region: String(o.region) } : {}), ...(o.useImport ? { useImport: true } : {}) });
  },
  opennebula: async (o, credentials, r) => {
    const { opennebulaAdapter } = await import('./opennebula/index');
    return opennebulaAdapter({ endpoint: String(o.endpoint), username: String(o.username), credentials, images: paths(o.images, r) as never, ...(o.datastoreId !== undefined ? { datastoreId: Number(o.datastoreId) } : {}) });
  },
  mpli: async (o, credentials) => {
    const { mpliAdapter } = await import('./mpli/index');
    return mpliAdapter({ endpoint: String(o.endpoint), prefix: String(o.prefix), credentials });
  },
};

/** The adapter names a configuration may use. */
export const CONFIGURABLE_ADAPTERS = Object.keys(FACTORIES);

/** Reads one secret reference: `env:NAME` or `file:PATH`. */
function secret(reference: string, resolvePath: (p: string) => string, where: string): string {
  if (reference.startsWith('env:')) {
    const value = process.env[reference.slice(4)];
    if (value === undefined) throw new DeliveryError('UNAUTHORIZED', `${where}: the environment variable ${reference.slice(4)} is not set`);
    return value;
  }
  if (reference.startsWith('file:')) return readFileSync(resolvePath(reference.slice(5)), 'utf8').trim();
  throw new DeliveryError('BAD_ORDER', `${where}: a secret is "env:NAME" or "file:PATH", never the secret itself`);
}

/**
 * Makes the adapters a configuration names. `baseDir` anchors its relative paths (the file's
 * folder). Secrets are read when an adapter asks, not before.
 *
 * @example
 * const adapters = await adaptersFromConfig(JSON.parse(readFileSync('mpli-delivery.json', 'utf8')), '/etc/mpli');
 */
export async function adaptersFromConfig(config: DeliveryConfig, baseDir: string): Promise<DeliveryAdapter[]> {
  if (!config || typeof config.adapters !== 'object') throw new DeliveryError('BAD_ORDER', 'A delivery configuration needs "adapters": { "<name>": { options } }');
  const resolvePath = (p: string) => (isAbsolute(p) ? p : resolve(baseDir, p));
  const adapters: DeliveryAdapter[] = [];
  for (const [name, options] of Object.entries(config.adapters)) {
    const factory = FACTORIES[name];
    if (!factory) throw new DeliveryError('BAD_ORDER', `Unknown adapter "${name}" in the delivery configuration (known: ${CONFIGURABLE_ADAPTERS.join(', ')})`);
    const references = config.credentials?.[name] ?? {};
    for (const [key, reference] of Object.entries(references)) if (!/^(env|file):/.test(reference)) secret(reference, resolvePath, `credentials.${name}.${key}`);
    const credentials: CredentialsCallback = async () => Object.fromEntries(Object.entries(references).map(([key, reference]) => [key, secret(reference, resolvePath, `credentials.${name}.${key}`)]));
    adapters.push(await factory(options as Record<string, unknown>, credentials, resolvePath));
  }
  return adapters;
}
