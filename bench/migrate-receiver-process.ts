// A disk receiver in its own process (a target provider), for pnpm bench migrate: prints its port,
// then serves until its standard input closes.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDiskReceiver } from '@mpli/migrate';

const receiver = createDiskReceiver({ dir: process.argv[2]! });
const server = createServer(receiver.handle);
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: (server.address() as AddressInfo).port })));
process.stdin.resume();
process.stdin.on('end', () => {
  server.closeAllConnections();
  server.close(() => void receiver.close().then(() => process.exit(0)));
});
