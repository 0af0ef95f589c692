// pnpm bench migrate: a 1 GiB qcow2 disk (data and holes mixed) moved into a raw disk (a format
// conversion) by @mpli/migrate (sender here, receiver in a second process, over loopback HTTP,
// every window checksummed, the target durable and read back for its digest) next to
// `qemu-img convert` and `cp --sparse=always` on the same image in the same run, each followed by
// `sync --data` so all three end with the data on disk. Then a kill-and-resume run: the sender,
// in its own process, is killed with SIGKILL at about half way and the transfer resumed.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDiskReceiver, guestDigest, inspectDisk, sendDisk } from '@mpli/migrate';
import { buildBenchDisk } from './disk-image';
import { medianMs } from './measure';

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const tsx = (script: string, args: string[]) => spawn(process.execPath, ['--import', 'tsx', '--conditions=mpli-source', here(script), ...args], { stdio: ['pipe', 'pipe', 'inherit'] });

export async function migrateBench(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'mpli-bench-migrate-'));
  try {
    console.error('building a 1 GiB qcow2 disk…');
    const { qcow2 } = buildBenchDisk(dir);
    const layout = await inspectDisk(qcow2);
    const sourceDigest = await guestDigest(qcow2);
    execFileSync('cat', [qcow2], { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 0 }); // the page cache warm for every contender
    const out = (name: string) => join(dir, name);
    const fresh = (name: string) => rmSync(out(name), { force: true, recursive: true });

    const receiverDir = out('receiver');
    mkdirSync(receiverDir);
    const receiver = tsx('migrate-receiver-process.ts', [receiverDir]);
    const { port } = JSON.parse((await createInterface({ input: receiver.stdout! })[Symbol.asyncIterator]().next()).value as string) as { port: number };

    let run = 0;
    // The move: every window's bytes checked on arrival, the target durable, and the source's digest
    // computed on the way and compared with the digests the target recorded. With readBack, the
    // target also reads its whole disk back for the digest (reported, not in the ratio).
    const move = (readBack: boolean) => async () => {
      run += 1;
      const result = await sendDisk({ path: qcow2, url: `http://127.0.0.1:${port}`, id: `bench-${run}`, readBack });
      if (result.digest !== sourceDigest) throw new Error('the target digest differs');
      rmSync(join(receiverDir, `bench-${run}.raw`));
      return result;
    };
    const ours = move(false);
    const oursReadBack = move(true);
    const qemuImg = () => {
      fresh('qemu.raw');
      execFileSync('qemu-img', ['convert', '-f', 'qcow2', '-O', 'raw', qcow2, out('qemu.raw')]);
      execFileSync('sync', ['--data', out('qemu.raw')]);
    };
    const cp = () => {
      fresh('cp.qcow2');
      execFileSync('cp', ['--sparse=always', qcow2, out('cp.qcow2')]);
      execFileSync('sync', ['--data', out('cp.qcow2')]);
    };
    // Interleaved rounds, so drift in the machine hits every contender alike.
    const times = { ours: [] as number[], oursReadBack: [] as number[], qemuImg: [] as number[], cp: [] as number[] };
    for (let round = 0; round < 3; round += 1) {
      console.error(`round ${round + 1} of 3…`);
      times.ours.push((await medianMs(1, ours)).ms);
      times.oursReadBack.push((await medianMs(1, oursReadBack)).ms);
      times.qemuImg.push((await medianMs(1, qemuImg)).ms);
      times.cp.push((await medianMs(1, cp)).ms);
    }
    receiver.stdin!.end();
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
    const mbps = (ms: number) => Math.round((layout.dataBytes / (1 << 20) / (ms / 1000)) * 10) / 10;

    console.error('kill-and-resume run…');
    const resume = await killAndResume(qcow2, out('resume'), sourceDigest, layout.dataBytes);
    return {
      diskBytes: layout.virtualSize, dataBytes: layout.dataBytes, conversion: 'qcow2 -> raw',
      oursMs: median(times.ours), oursWithReadBackMs: median(times.oursReadBack), qemuImgMs: median(times.qemuImg), cpSparseMs: median(times.cp),
      oursMBps: mbps(median(times.ours)), oursWithReadBackMBps: mbps(median(times.oursReadBack)), qemuImgMBps: mbps(median(times.qemuImg)), cpSparseMBps: mbps(median(times.cp)),
      resume,
      ratios: {
        oursOverQemuImg: Math.round((median(times.qemuImg) / median(times.ours)) * 100) / 100,
        oursOverCpSparse: Math.round((median(times.cp) / median(times.ours)) * 100) / 100,
        resumeCopiedOverData: Math.round((resume.copiedBytes / layout.dataBytes) * 1000) / 1000,
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Sends from a child process, kills it with SIGKILL past half way, resumes here; counts what the receiver got. */
async function killAndResume(qcow2: string, dir: string, sourceDigest: string, dataBytes: number) {
  mkdirSync(dir);
  const receiver = createDiskReceiver({ dir });
  const server = createServer(receiver.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    const sender = tsx('migrate-sender-process.ts', [qcow2, url, 'resume-1']);
    let killedAt = 0;
    for await (const line of createInterface({ input: sender.stdout! })) {
      const progress = JSON.parse(line) as { doneBytes?: number };
      if ((progress.doneBytes ?? 0) >= dataBytes / 2) {
        killedAt = progress.doneBytes!;
        sender.kill('SIGKILL');
        break;
      }
    }
    if (sender.exitCode === null && sender.signalCode === null) await new Promise((resolve) => sender.once('exit', resolve));
    const result = await sendDisk({ path: qcow2, url, id: 'resume-1' });
    if (result.digest !== sourceDigest) throw new Error('the resumed target digest differs');
    return { killedAtBytes: killedAt, copiedBytes: receiver.receivedBytes(), skippedWindows: result.skippedWindows, digestMatches: true };
  } finally {
    server.closeAllConnections();
    server.close();
    await receiver.close();
  }
}
