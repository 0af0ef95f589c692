import { DeliveryError } from '../delivery-error';
import { expectOk, readJson } from './http';
import type { KeystoneSession } from './keystone';

/** The compute API microversion the adapter speaks: `networks: "none"` (2.37), createImage's `image_id` (2.45). */
export const NOVA_MICROVERSION = '2.45';
const VERSION_HEADERS = { 'openstack-api-version': `compute ${NOVA_MICROVERSION}` };

export interface NovaServer {
  readonly id: string;
  readonly name: string;
  readonly status: string;
  readonly metadata?: Record<string, string>;
  readonly fault?: { message?: string };
  readonly [field: string]: unknown;
}

export interface NovaFlavor {
  readonly id: string;
  readonly name: string;
  readonly vcpus: number;
  /** MiB. */
  readonly ram: number;
  /** GiB. */
  readonly disk: number;
}

/**
 * Nova left a build behind: the server is `BUILD` (vm_state `building`) with no task running, so
 * nothing will ever finish it. Seen when nova-compute's report to the conductor fails (a database
 * busy at that moment): the compute reverts the task and gives up, and the server waits forever.
 */
export class LostBuildError extends DeliveryError {
  constructor(readonly serverId: string) {
    super('TOOL_FAILED', `nova: the build of server ${serverId} was lost (BUILD, with no task running)`);
  }
}

/** Nova (compute v2.1): servers and flavors. */
export class NovaClient {
  constructor(private readonly session: KeystoneSession) {}

  private call(path: string, init: Parameters<KeystoneSession['call']>[2] = {}) {
    return this.session.call('compute', path, { ...init, headers: { ...VERSION_HEADERS, ...init.headers } });
  }

  async flavorId(name: string): Promise<string> {
    const response = await this.call('/flavors');
    const { flavors } = await readJson<{ flavors: { id: string; name: string }[] }>('nova', response, 'listing flavors');
    const flavor = flavors.find((f) => f.name === name || f.id === name);
    if (!flavor) throw new DeliveryError('BAD_ORDER', `Malformed order: nova has no flavor "${name}" (it has ${flavors.map((f) => f.name).join(', ')}).`);
    return flavor.id;
  }

  /** A flavor's size (`GET /flavors/{id}`). */
  async flavor(id: string): Promise<NovaFlavor> {
    const response = await this.call(`/flavors/${id}`);
    return (await readJson<{ flavor: NovaFlavor }>('nova', response, `reading flavor ${id}`)).flavor;
  }

  /** The smallest flavor with at least these vCPUs and this memory (for an imported VM). */
  async flavorFitting(vcpus: number, ramMiB: number): Promise<string> {
    const response = await this.call('/flavors/detail');
    const { flavors } = await readJson<{ flavors: NovaFlavor[] }>('nova', response, 'listing flavors');
    const fitting = flavors.filter((f) => f.vcpus >= vcpus && f.ram >= ramMiB).sort((a, b) => a.vcpus - b.vcpus || a.ram - b.ram || a.disk - b.disk);
    if (!fitting[0]) throw new DeliveryError('BAD_ORDER', `nova has no flavor with ${vcpus} vCPU(s) and ${ramMiB} MiB (it has ${flavors.map((f) => `${f.name}: ${f.vcpus}/${f.ram}`).join(', ')})`);
    return fitting[0].id;
  }

  async create(server: { name: string; imageRef: string; flavorRef: string; metadata: Record<string, string>; networks?: unknown }): Promise<string> {
    const response = await this.call('/servers', { method: 'POST', json: { server: { ...server, networks: server.networks ?? 'none' } } });
    return (await readJson<{ server: { id: string } }>('nova', response, `creating server ${server.name}`)).server.id;
  }

  async get(id: string): Promise<NovaServer | undefined> {
    const response = await this.call(`/servers/${id}`);
    if (response.statusCode === 404) return void (await response.body.dump());
    return (await readJson<{ server: NovaServer }>('nova', response, `reading server ${id}`)).server;
  }

  /** Servers with this exact name (Nova's name filter is a regular expression). */
  async findByName(name: string): Promise<NovaServer[]> {
    const pattern = `^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
    const response = await this.call(`/servers/detail?name=${encodeURIComponent(pattern)}`);
    return (await readJson<{ servers: NovaServer[] }>('nova', response, 'listing servers')).servers.filter((s) => s.name === name);
  }

  async action(id: string, action: Record<string, unknown>): Promise<unknown> {
    const response = await this.call(`/servers/${id}/action`, { method: 'POST', json: action });
    return readJson('nova', response, `${Object.keys(action)[0]} on server ${id}`);
  }

  /** Stops a server (`os-stop`) and waits until it is SHUTOFF. */
  async stop(id: string, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<void> {
    await this.actionWithoutBody(id, { 'os-stop': null });
    await this.waitFor(id, ['SHUTOFF'], options);
  }

  /** Starts a stopped server (`os-start`) and waits until it is ACTIVE. */
  async start(id: string, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<void> {
    await this.actionWithoutBody(id, { 'os-start': null });
    await this.waitFor(id, ['ACTIVE'], options);
  }

  /**
   * Snapshots a server into a new Glance image (`createImage`; since 2.45 its id comes back in the
   * body). The image is `queued` or `saving` at first: wait for it with Glance.
   */
  async createImage(id: string, name: string, metadata: Record<string, string> = {}): Promise<string> {
    const response = await this.call(`/servers/${id}/action`, { method: 'POST', json: { createImage: { name, metadata } } });
    return (await readJson<{ image_id: string }>('nova', response, `createImage on server ${id}`)).image_id;
  }

  /** Waits until Nova has no task running on the server (`OS-EXT-STS:task_state` null): a snapshot has been handed to Glance. */
  async waitTaskDone(id: string, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<NovaServer> {
    const until = Date.now() + (options.timeoutMs ?? 300_000);
    for (;;) {
      const server = await this.get(id);
      if (!server) throw new DeliveryError('TOOL_FAILED', `nova: server ${id} is gone`);
      const task = server['OS-EXT-STS:task_state'];
      if (task === null || task === undefined) return server;
      if (options.signal?.aborted) throw new DeliveryError('CANCELLED', 'cancelled');
      if (Date.now() > until) throw new DeliveryError('TIMEOUT', `nova: server ${id} still busy (${String(task)}) after ${options.timeoutMs ?? 300_000} ms`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  private async actionWithoutBody(id: string, action: Record<string, unknown>): Promise<void> {
    const response = await this.call(`/servers/${id}/action`, { method: 'POST', json: action });
    await expectOk('nova', response, `${Object.keys(action)[0]} on server ${id}`);
  }

  async delete(id: string): Promise<void> {
    const response = await this.call(`/servers/${id}`, { method: 'DELETE' });
    if (response.statusCode === 404) return void (await response.body.dump());
    await expectOk('nova', response, `deleting server ${id}`);
  }

  /** Polls until the server reaches one of `wanted` (ERROR fails with Nova's fault message). */
  async waitFor(id: string, wanted: readonly string[], options: { timeoutMs?: number; signal?: AbortSignal; pollMs?: number } = {}): Promise<NovaServer> {
    const until = Date.now() + (options.timeoutMs ?? 300_000);
    let idleBuilds = 0;
    for (;;) {
      const server = await this.get(id);
      if (!server) throw new DeliveryError('TOOL_FAILED', `nova: server ${id} is gone`);
      if (wanted.includes(server.status)) return server;
      if (server.status === 'ERROR') throw new DeliveryError('TOOL_FAILED', `nova: server ${id} went to ERROR: ${server.fault?.message ?? 'no fault given'}`);
      // A build with no task running is over without a result; seen on three polls in a row, it is lost.
      const idle = server.status === 'BUILD' && server['OS-EXT-STS:vm_state'] === 'building' && server['OS-EXT-STS:task_state'] === null;
      idleBuilds = idle ? idleBuilds + 1 : 0;
      if (idleBuilds >= 3) throw new LostBuildError(id);
      if (options.signal?.aborted) throw new DeliveryError('CANCELLED', 'cancelled');
      if (Date.now() > until) throw new DeliveryError('TIMEOUT', `nova: server ${id} still ${server.status} after ${options.timeoutMs ?? 300_000} ms`);
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 500));
    }
  }

  async waitGone(id: string, timeoutMs = 120_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (await this.get(id)) {
      if (Date.now() > until) throw new DeliveryError('TIMEOUT', `nova: server ${id} still there ${timeoutMs} ms after its deletion`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
}
