// A disk receiver in its own process, printing its port, so a test can kill it with SIGKILL.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDiskReceiver } from '@mpli/migrate';

const receiver = createDiskReceiver({ dir: process.argv[2]! });
const server = createServer(receiver.handle);
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: (server.address() as AddressInfo).port })));
