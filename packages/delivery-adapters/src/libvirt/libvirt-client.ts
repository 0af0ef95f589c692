import { ERR, PROC, DOMAIN_STATE, UNDEFINE_EVERYTHING, type DomainState } from './procedures';
import { LibvirtError, RpcConnection, type LibvirtAddress } from './rpc-connection';
import { downloadStream, uploadStream } from './streams';
import { XdrWriter, type XdrReader } from './xdr';

export interface DomainRef {
  readonly name: string;
  readonly uuid: Buffer;
  readonly id: number;
}
export interface PoolRef {
  readonly name: string;
  readonly uuid: Buffer;
}
export interface VolumeRef {
  readonly pool: string;
  readonly name: string;
  readonly key: string;
}

const readDomain = (r: XdrReader): DomainRef => ({ name: r.string(), uuid: r.fixed(16), id: r.i32() });
const readPool = (r: XdrReader): PoolRef => ({ name: r.string(), uuid: r.fixed(16) });
const readVolume = (r: XdrReader): VolumeRef => ({ pool: r.string(), name: r.string(), key: r.string() });
const domain = (w: XdrWriter, d: DomainRef) => w.string(d.name).fixed(d.uuid).i32(d.id);
const pool = (w: XdrWriter, p: PoolRef) => w.string(p.name).fixed(p.uuid);
const volume = (w: XdrWriter, v: VolumeRef) => w.string(v.pool).string(v.name).string(v.key);

/** Resolves to undefined when libvirt says the object does not exist. */
async function orAbsent<T>(call: Promise<T>, code: number): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof LibvirtError && error.code === code) return undefined;
    throw error;
  }
}

/**
 * A libvirt client in TypeScript over the remote protocol (no native bindings, no virsh): the
 * domain, pool and volume calls the delivery adapter and migration need, with volume upload and
 * download as streams. Downloads run on a connection of their own, since a slow reader pauses it.
 */
export class LibvirtClient {
  private constructor(
    private readonly rpc: RpcConnection,
    readonly address: LibvirtAddress,
    readonly uri: string,
    private readonly timeoutMs: number,
  ) {}

  /** Connects and opens `uri` (such as `qemu:///system` or `test:///default`). Auth must be none. */
  static async connect(address: LibvirtAddress, uri: string, options: { timeoutMs?: number } = {}): Promise<LibvirtClient> {
    const timeoutMs = options.timeoutMs ?? 30_000;
    const rpc = await RpcConnection.open(address, timeoutMs);
    try {
      const auth = await rpc.call(PROC.AUTH_LIST);
      const types = Array.from({ length: auth.u32() }, () => auth.i32());
      if (!types.includes(0)) throw new Error(`libvirtd asks for authentication (${types.join(', ')}); only "none" (a local socket or a loopback TCP port) is supported`);
      await rpc.call(PROC.CONNECT_OPEN, new XdrWriter().optionalString(uri).u32(0));
      return new LibvirtClient(rpc, address, uri, timeoutMs);
    } catch (error) {
      rpc.close();
      throw error;
    }
  }

  async version(): Promise<string> {
    const v = Number((await this.rpc.call(PROC.CONNECT_GET_VERSION)).u64());
    return `${Math.floor(v / 1e6)}.${Math.floor(v / 1e3) % 1e3}.${v % 1e3}`;
  }

  lookupDomain(name: string): Promise<DomainRef | undefined> {
    return orAbsent(this.rpc.call(PROC.DOMAIN_LOOKUP_BY_NAME, new XdrWriter().string(name)).then(readDomain), ERR.NO_DOMAIN);
  }

  async listDomains(): Promise<DomainRef[]> {
    const r = await this.rpc.call(PROC.CONNECT_LIST_ALL_DOMAINS, new XdrWriter().i32(1).u32(0));
    return Array.from({ length: r.u32() }, () => readDomain(r));
  }

  async defineDomain(xml: string): Promise<DomainRef> {
    return readDomain(await this.rpc.call(PROC.DOMAIN_DEFINE_XML, new XdrWriter().string(xml)));
  }

  async startDomain(d: DomainRef): Promise<void> {
    await this.rpc.call(PROC.DOMAIN_CREATE, domain(new XdrWriter(), d), Math.max(this.timeoutMs, 120_000));
  }

  /** Powers the domain off at once (it is not deleted). */
  async destroyDomain(d: DomainRef): Promise<void> {
    await this.rpc.call(PROC.DOMAIN_DESTROY, domain(new XdrWriter(), d));
  }

  /** Asks the guest to shut down (ACPI); it may ignore it. */
  async shutdownDomain(d: DomainRef): Promise<void> {
    await this.rpc.call(PROC.DOMAIN_SHUTDOWN, domain(new XdrWriter(), d));
  }

  /** Undefines the domain with its managed save, snapshot metadata and NVRAM, where the driver knows them. */
  async undefineDomain(d: DomainRef): Promise<void> {
    try {
      await this.rpc.call(PROC.DOMAIN_UNDEFINE_FLAGS, domain(new XdrWriter(), d).u32(UNDEFINE_EVERYTHING));
    } catch (error) {
      // Some drivers (the test driver) refuse flags they do not know: undefine plainly then.
      if (!(error instanceof LibvirtError) || !/unsupported flags/.test(error.message)) throw error;
      await this.rpc.call(PROC.DOMAIN_UNDEFINE_FLAGS, domain(new XdrWriter(), d).u32(0));
    }
  }

  async domainState(d: DomainRef): Promise<DomainState> {
    const r = await this.rpc.call(PROC.DOMAIN_GET_STATE, domain(new XdrWriter(), d).u32(0));
    return DOMAIN_STATE[r.i32()] ?? 'nostate';
  }

  async domainXml(d: DomainRef): Promise<string> {
    return (await this.rpc.call(PROC.DOMAIN_GET_XML_DESC, domain(new XdrWriter(), d).u32(0))).string();
  }

  lookupPool(name: string): Promise<PoolRef | undefined> {
    return orAbsent(this.rpc.call(PROC.STORAGE_POOL_LOOKUP_BY_NAME, new XdrWriter().string(name)).then(readPool), ERR.NO_STORAGE_POOL);
  }

  /** Creates and starts a transient pool (gone when destroyed or when libvirtd restarts). */
  async createPool(xml: string): Promise<PoolRef> {
    return readPool(await this.rpc.call(PROC.STORAGE_POOL_CREATE_XML, new XdrWriter().string(xml).u32(0)));
  }

  async destroyPool(p: PoolRef): Promise<void> {
    await this.rpc.call(PROC.STORAGE_POOL_DESTROY, pool(new XdrWriter(), p));
  }

  async refreshPool(p: PoolRef): Promise<void> {
    await this.rpc.call(PROC.STORAGE_POOL_REFRESH, pool(new XdrWriter(), p).u32(0));
  }

  async listVolumes(p: PoolRef): Promise<VolumeRef[]> {
    const r = await this.rpc.call(PROC.STORAGE_POOL_LIST_ALL_VOLUMES, pool(new XdrWriter(), p).i32(1).u32(0));
    return Array.from({ length: r.u32() }, () => readVolume(r));
  }

  lookupVolume(p: PoolRef, name: string): Promise<VolumeRef | undefined> {
    return orAbsent(this.rpc.call(PROC.STORAGE_VOL_LOOKUP_BY_NAME, pool(new XdrWriter(), p).string(name)).then(readVolume), ERR.NO_STORAGE_VOL);
  }

  async createVolume(p: PoolRef, xml: string): Promise<VolumeRef> {
    return readVolume(await this.rpc.call(PROC.STORAGE_VOL_CREATE_XML, pool(new XdrWriter(), p).string(xml).u32(0), Math.max(this.timeoutMs, 120_000)));
  }

  async deleteVolume(v: VolumeRef): Promise<void> {
    await this.rpc.call(PROC.STORAGE_VOL_DELETE, volume(new XdrWriter(), v).u32(0));
  }

  async volumeInfo(v: VolumeRef): Promise<{ type: number; capacity: bigint; allocation: bigint }> {
    const r = await this.rpc.call(PROC.STORAGE_VOL_GET_INFO, volume(new XdrWriter(), v));
    return { type: r.i32(), capacity: r.u64(), allocation: r.u64() };
  }

  async volumePath(v: VolumeRef): Promise<string> {
    return (await this.rpc.call(PROC.STORAGE_VOL_GET_PATH, volume(new XdrWriter(), v))).string();
  }

  async volumeXml(v: VolumeRef): Promise<string> {
    return (await this.rpc.call(PROC.STORAGE_VOL_GET_XML_DESC, volume(new XdrWriter(), v).u32(0))).string();
  }

  /** Writes bytes into a volume from `offset` (length 0: to the end of what is sent). Returns the bytes sent. */
  upload(v: VolumeRef, source: AsyncIterable<Buffer>, options: { offset?: number; length?: number; signal?: AbortSignal } = {}): Promise<number> {
    const args = volume(new XdrWriter(), v).u64(options.offset ?? 0).u64(options.length ?? 0).u32(0);
    return uploadStream(this.rpc, PROC.STORAGE_VOL_UPLOAD, args, source, options.signal);
  }

  /** Reads a volume's bytes from `offset` (length 0: to its end), on a connection of its own. */
  async *download(v: VolumeRef, options: { offset?: number; length?: number; signal?: AbortSignal } = {}): AsyncGenerator<Buffer> {
    const own = await LibvirtClient.connect(this.address, this.uri, { timeoutMs: this.timeoutMs });
    try {
      const args = volume(new XdrWriter(), v).u64(options.offset ?? 0).u64(options.length ?? 0).u32(0);
      yield* downloadStream(own.rpc, PROC.STORAGE_VOL_DOWNLOAD, args, options.signal);
    } finally {
      await own.close();
    }
  }

  async close(): Promise<void> {
    await this.rpc.call(PROC.CONNECT_CLOSE, new XdrWriter(), 5_000).catch(() => undefined);
    this.rpc.close();
  }
}
