import { MessageStatus, MessageType, readError, type RpcConnection } from './rpc-connection';
import type { XdrWriter } from './xdr';

/** The most data one stream packet carries (VIR_NET_MESSAGE_LEGACY_PAYLOAD_MAX). */
export const STREAM_CHUNK = 262_120;

/**
 * Sends bytes into a stream-writing procedure (a volume upload): the call, the data as STREAM
 * CONTINUE packets (backpressure from the socket), then STREAM OK, whose confirmation from the
 * daemon resolves. A daemon error mid-way rejects; an abort signal sends STREAM ERROR (abort).
 */
export async function uploadStream(rpc: RpcConnection, procedure: number, args: XdrWriter, source: AsyncIterable<Buffer>, signal?: AbortSignal): Promise<number> {
  let settle: { resolve: () => void; reject: (e: Error) => void } | undefined;
  let daemonError: Error | undefined;
  const finished = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  const serial = await rpc.callStream(procedure, args, (frame) => {
    if (frame.status === MessageStatus.Error || frame.status === -1) {
      daemonError = frame.status === -1 ? new Error('libvirtd closed the connection during an upload') : readError(frame.body);
      settle?.reject(daemonError);
    } else if (frame.status === MessageStatus.Ok) settle?.resolve();
  });
  finished.catch(() => undefined);
  let sent = 0;
  try {
    for await (const chunk of source) {
      for (let at = 0; at < chunk.length; at += STREAM_CHUNK) {
        if (daemonError) throw daemonError;
        if (signal?.aborted) throw new Error('the upload was cancelled');
        const part = chunk.subarray(at, at + STREAM_CHUNK);
        await rpc.sendStream(procedure, serial, MessageStatus.Continue, part);
        sent += part.length;
      }
    }
    await rpc.sendStream(procedure, serial, MessageStatus.Ok);
    await finished;
    return sent;
  } catch (error) {
    if (!daemonError) await rpc.sendStream(procedure, serial, MessageStatus.Error).catch(() => undefined);
    throw error;
  } finally {
    rpc.endStream(serial);
  }
}

/**
 * Reads a stream-reading procedure (a volume download) as an async iterable of chunks. The daemon
 * ends the data with an empty STREAM CONTINUE; the client then sends STREAM OK and waits for the
 * daemon's OK. The socket is paused while the reader lags, so a disk is never held in memory.
 */
export async function* downloadStream(rpc: RpcConnection, procedure: number, args: XdrWriter, signal?: AbortSignal): AsyncGenerator<Buffer> {
  const queue: (Buffer | Error | 'eof' | 'done')[] = [];
  let wake: (() => void) | undefined;
  const push = (item: Buffer | Error | 'eof' | 'done') => {
    queue.push(item);
    if (queue.length > 16) rpc.socket.pause();
    wake?.();
  };
  const serial = await rpc.callStream(procedure, args, (frame) => {
    if (frame.status === -1) push(new Error('libvirtd closed the connection during a download'));
    else if (frame.status === MessageStatus.Error) push(readError(frame.body));
    else if (frame.status === MessageStatus.Ok) push('done');
    else if (frame.type === MessageType.StreamHole) push(new Error('libvirtd sent a stream hole, which was not asked for'));
    else push(frame.body.length === 0 ? 'eof' : Buffer.from(frame.body));
  });
  let complete = false;
  try {
    for (;;) {
      if (signal?.aborted) throw new Error('the download was cancelled');
      const item = queue.shift();
      if (queue.length < 4) rpc.socket.resume();
      if (item === undefined) {
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      if (item instanceof Error) throw item;
      if (item === 'done') break;
      if (item === 'eof') {
        await rpc.sendStream(procedure, serial, MessageStatus.Ok);
        continue;
      }
      yield item;
    }
    complete = true;
  } finally {
    rpc.socket.resume();
    if (!complete) await rpc.sendStream(procedure, serial, MessageStatus.Error).catch(() => undefined);
    rpc.endStream(serial);
  }
}
