import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

/** A running relay. */
export interface Relay {
  /** Where senders connect. */
  readonly address: { host: string; port: number };
  /** Bytes carried so far, each way. */
  bytes(): { forward: number; back: number };
  close(): Promise<void>;
}

/**
 * A TCP relay between two networks that are not directly connected: it listens on an address the
 * source can reach and opens a connection to the target for each one it accepts. It sees only
 * bytes (TLS, when used, stays end to end) and keeps nothing: resuming is the sender's and the
 * receiver's business, so a relay can be restarted at any time.
 *
 * @example
 * const relay = await startRelay({ listen: { host: '10.1.0.1', port: 8700 }, target: { host: '10.2.0.2', port: 8700 } });
 */
export async function startRelay(options: { listen: { host: string; port: number }; target: { host: string; port: number }; connectTimeoutMs?: number }): Promise<Relay> {
  let forward = 0;
  let back = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect({ host: options.target.host, port: options.target.port, timeout: options.connectTimeoutMs ?? 10_000 });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    }
    upstream.once('connect', () => upstream.setTimeout(0));
    upstream.once('timeout', () => upstream.destroy(new Error('connect timeout')));
    client.on('data', (d: Buffer) => (forward += d.length));
    upstream.on('data', (d: Buffer) => (back += d.length));
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.listen.port, options.listen.host, resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    address: { host: address.address, port: address.port },
    bytes: () => ({ forward, back }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
