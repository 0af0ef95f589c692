import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDiskReceiver, type DiskReceiver } from '@mpli/migrate';

/** A disk receiver on a loopback port. */
export async function startReceiver(dir: string, token?: string): Promise<{ url: string; port: number; receiver: DiskReceiver; server: Server; close(): Promise<void> }> {
  const receiver = createDiskReceiver({ dir, ...(token ? { token } : {}) });
  const server = createServer(receiver.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`, port, receiver, server,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await receiver.close();
    },
  };
}
