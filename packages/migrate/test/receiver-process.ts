// A disk receiver in its own process (killed by tests, or started inside a network namespace):
// prints its port, then serves. Arguments: <dir> [host] [token].
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDiskReceiver } from '@mpli/migrate';

const [dir, host, token] = process.argv.slice(2) as [string, string | undefined, string | undefined];
const receiver = createDiskReceiver({ dir, ...(token ? { token } : {}) });
const server = createServer(receiver.handle);
server.listen(0, host ?? '127.0.0.1', () => console.log(JSON.stringify({ port: (server.address() as AddressInfo).port })));
