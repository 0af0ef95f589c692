import { connect as netConnect, type Socket } from 'node:net';
import { XdrReader, XdrWriter } from './xdr';

/** libvirt's remote program and the message framing of its RPC (src/rpc/virnetprotocol.x). */
export const REMOTE_PROGRAM = 0x20008086;
const PROTOCOL_VERSION = 1;
const HEADER_BYTES = 28;
/** The largest frame accepted from the daemon (libvirt's own limit is 32 MiB). */
const MAX_FRAME = 32 * 1024 * 1024;

export const enum MessageType {
  Call = 0,
  Reply = 1,
  Message = 2,
  Stream = 3,
  StreamHole = 6,
}

export const enum MessageStatus {
  Ok = 0,
  Error = 1,
  Continue = 2,
}

/** An error the daemon answered with (`virNetMessageError`): libvirt's code, domain and message. */
export class LibvirtError extends Error {
  override readonly name = 'LibvirtError';

  constructor(
    readonly code: number,
    readonly domain: number,
    message: string,
  ) {
    super(message);
  }
}

/** Where a libvirtd listens: a unix socket path, or a TCP address (auth none, loopback). */
export type LibvirtAddress = { readonly socket: string } | { readonly host: string; readonly port: number };

interface Frame {
  readonly procedure: number;
  readonly type: number;
  readonly serial: number;
  readonly status: number;
  readonly body: Buffer;
}

type StreamListener = (frame: Frame) => void;

/**
 * One connection to a libvirtd speaking its remote protocol: calls matched to replies by serial,
 * and stream packets routed to the transfer that owns their serial. Each call has a timeout.
 */
export class RpcConnection {
  private serial = 1;
  private buffered: Buffer[] = [];
  private bufferedBytes = 0;
  private readonly pending = new Map<number, { resolve: (r: XdrReader) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  private readonly streams = new Map<number, StreamListener>();
  private failure: Error | undefined;

  private constructor(
    readonly socket: Socket,
    private readonly timeoutMs: number,
  ) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('libvirtd closed the connection')));
  }

  static open(address: LibvirtAddress, timeoutMs: number): Promise<RpcConnection> {
    return new Promise((resolve, reject) => {
      const socket = 'socket' in address ? netConnect(address.socket) : netConnect({ host: address.host, port: address.port });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`libvirtd at ${describe(address)} did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve(new RpcConnection(socket, timeoutMs));
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(new Error(`cannot reach libvirtd at ${describe(address)}: ${error.message}`));
      });
    });
  }

  /** Calls a procedure; resolves with a reader over its reply, or rejects with a LibvirtError. */
  call(procedure: number, args: XdrWriter = new XdrWriter(), timeoutMs = this.timeoutMs): Promise<XdrReader> {
    if (this.failure) return Promise.reject(this.failure);
    const serial = this.nextSerial();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(serial);
        reject(new Error(`libvirt procedure ${procedure} got no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(serial, { resolve, reject, timer });
      this.socket.write(frame(procedure, MessageType.Call, serial, MessageStatus.Ok, args.toBuffer()));
    });
  }

  /** Sends a stream packet; resolves when the socket can take more (backpressure). */
  async sendStream(procedure: number, serial: number, status: MessageStatus, data: Buffer = Buffer.alloc(0)): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.socket.write(frame(procedure, MessageType.Stream, serial, status, data))) {
      await new Promise<void>((resolve) => this.socket.once('drain', resolve));
    }
  }

  /** Calls a procedure that opens a stream; stream packets for it go to `listener`. */
  async callStream(procedure: number, args: XdrWriter, listener: StreamListener): Promise<number> {
    const serial = this.serial;
    this.streams.set(serial, listener);
    try {
      await this.call(procedure, args);
    } catch (error) {
      this.streams.delete(serial);
      throw error;
    }
    return serial;
  }

  endStream(serial: number): void {
    this.streams.delete(serial);
  }

  close(): void {
    this.socket.destroy();
  }

  private nextSerial(): number {
    const serial = this.serial;
    this.serial = (this.serial + 1) >>> 0 || 1;
    return serial;
  }

  private receive(chunk: Buffer): void {
    this.buffered.push(chunk);
    this.bufferedBytes += chunk.length;
    let all = this.buffered.length === 1 ? this.buffered[0]! : Buffer.concat(this.buffered, this.bufferedBytes);
    while (all.length >= 4) {
      const length = all.readUInt32BE(0);
      if (length < HEADER_BYTES || length > MAX_FRAME) return this.fail(new Error(`libvirtd sent a frame of ${length} bytes`));
      if (all.length < length) break;
      this.dispatch(all.subarray(4, length));
      all = all.subarray(length);
    }
    this.buffered = all.length ? [all] : [];
    this.bufferedBytes = all.length;
  }

  private dispatch(message: Buffer): void {
    const r = new XdrReader(message);
    const program = r.u32();
    r.u32();
    const f: Frame = { procedure: r.i32(), type: r.i32(), serial: r.u32(), status: r.i32(), body: r.rest() };
    if (program !== REMOTE_PROGRAM) return;
    if (f.type === MessageType.Stream || f.type === MessageType.StreamHole) {
      this.streams.get(f.serial)?.(f);
      return;
    }
    if (f.type !== MessageType.Reply) return;
    const call = this.pending.get(f.serial);
    if (!call) return;
    this.pending.delete(f.serial);
    clearTimeout(call.timer);
    if (f.status === MessageStatus.Ok) call.resolve(new XdrReader(f.body));
    else call.reject(readError(f.body));
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    for (const call of this.pending.values()) {
      clearTimeout(call.timer);
      call.reject(error);
    }
    this.pending.clear();
    for (const listener of this.streams.values()) listener({ procedure: 0, type: MessageType.Stream, serial: 0, status: -1, body: Buffer.alloc(0) });
    this.streams.clear();
  }
}

/** Reads a `virNetMessageError` (code, domain, message, ...). */
export function readError(body: Buffer): LibvirtError {
  try {
    const r = new XdrReader(body);
    const code = r.i32();
    const domain = r.i32();
    const message = r.optionalString() ?? `libvirt error ${code}`;
    return new LibvirtError(code, domain, message);
  } catch {
    return new LibvirtError(-1, -1, 'libvirt answered with an error it did not describe');
  }
}

function frame(procedure: number, type: MessageType, serial: number, status: MessageStatus, body: Buffer): Buffer {
  const header = new XdrWriter().u32(HEADER_BYTES + body.length).u32(REMOTE_PROGRAM).u32(PROTOCOL_VERSION).i32(procedure).i32(type).u32(serial).i32(status).toBuffer();
  return Buffer.concat([header, body]);
}

function describe(address: LibvirtAddress): string {
  return 'socket' in address ? address.socket : `${address.host}:${address.port}`;
}
