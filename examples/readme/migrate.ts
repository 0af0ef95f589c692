import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDiskReceiver, guestDigest, inspectDisk, sendDisk, startRelay } from '@mpli/migrate';

// A 64 MiB disk with 3 MiB of data, in qcow2 (made by qemu-img from a sparse raw file).
const dir = mkdtempSync(join(tmpdir(), 'mpli-readme-migrate-'));
const raw = join(dir, 'vm.raw');
writeFileSync(raw, Buffer.alloc(0));
execFileSync('truncate', ['-s', '64M', raw]);
execFileSync('dd', ['of=' + raw, 'bs=1M', 'seek=10', 'conv=notrunc', 'status=none'], { input: randomBytes(3 << 20) });
execFileSync('qemu-img', ['convert', '-f', 'raw', '-O', 'qcow2', raw, join(dir, 'vm.qcow2')]);
const layout = await inspectDisk(join(dir, 'vm.qcow2'));
console.log(layout.format, layout.virtualSize, layout.dataBytes);

// The target provider runs a receiver; a relay joins the two networks.
mkdirSync(join(dir, 'target'));
const receiver = createDiskReceiver({ dir: join(dir, 'target') });
const server = createServer(receiver.handle).listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const relay = await startRelay({ listen: { host: '127.0.0.1', port: 0 }, target: { host: '127.0.0.1', port: (server.address() as AddressInfo).port } });

// Only data travels, checksummed; the same id resumes a broken transfer.
const result = await sendDisk({ path: join(dir, 'vm.qcow2'), url: `http://127.0.0.1:${relay.address.port}`, id: 'vm-disk0' });
console.log(result.sentBytes, 'bytes sent');
console.log('same disk:', result.digest === (await guestDigest(join(dir, 'vm.qcow2'))), result.digest === (await guestDigest(receiver.pathOf('vm-disk0')!, { format: 'raw' })));

await relay.close();
server.close();
await receiver.close();
rmSync(dir, { recursive: true, force: true });
