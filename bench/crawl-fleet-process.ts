// The crawl benchmark's fleet, in a process of its own so that serving does not share the
// crawler's event loop: prints {"registry": url} once ready, then obeys "change <i> <price>" and
// "changed <i>,<j>,..." lines on stdin, answering "ok" for each.
import { createInterface } from 'node:readline';
import { readFileSync } from 'node:fs';
import { startFleet } from './crawl-fleet';

const [providers = '1000', hosts = '50', certFile, keyFile] = process.argv.slice(2);
const tls = certFile && keyFile ? { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') } : undefined;
const fleet = await startFleet(Number(providers), Number(hosts), tls);
process.stdout.write(`${JSON.stringify({ registry: fleet.registry })}\n`);
for await (const line of createInterface({ input: process.stdin })) {
  const [command, list, price] = line.trim().split(' ');
  if (command === 'change' && list) {
    for (const i of list.split(',')) await fleet.change(Number(i), price ?? '0.019');
    process.stdout.write('ok\n');
  } else if (command === 'quit') break;
}
await fleet.close();
process.exit(0);
