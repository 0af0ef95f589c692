// pnpm bench migrate: a 1 GiB qcow2 disk (data and holes mixed) moved into a raw disk (a format
// conversion) by @mpli/migrate next to `qemu-img convert` and `cp --sparse=always` on the same
// image in the same run, each followed by `sync --data` so all end with the data on disk.
// "ours" is the move between two adapters on one machine (`copyDisk`, what runMigration does when
// the target runs no receiver of its own): every window digested, journaled and made durable.
// "ours over HTTP" is the move between machines: the sender here, the receiver in a second
// process over loopback HTTP, every window also CRC-checked on arrival. Then a kill-and-resume
// run: the sender, in its own process, is killed with SIGKILL at about half way and resumed.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyDisk, createDiskReceiver, guestDigest, inspectDisk, sendDisk } from '@mpli/migrate';
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
    // The digest the target has is compared with the source's: with readBack, the target reads its
    // whole disk back for it (reported, not in the ratio); without, it combines the digests of the
    // windows it wrote.
    const check = (digest: string) => {
      if (digest !== sourceDigest) throw new Error('the target digest differs');
    };
    const local = (readBack: boolean) => async () => {
      run += 1;
      check((await copyDisk({ path: qcow2, dir: receiverDir, id: `bench-${run}`, readBack })).digest);
    };
    const sentOverHttp: string[] = [];
    const overHttp = async () => {
      run += 1;
      sentOverHttp.push(`bench-${run}`);
      check((await sendDisk({ path: qcow2, url: `http://127.0.0.1:${port}`, id: `bench-${run}`, readBack: false })).digest);
    };
    const qemuImg = () => {
      execFileSync('qemu-img', ['convert', '-f', 'qcow2', '-O', 'raw', qcow2, out('qemu.raw')]);
      execFileSync('sync', ['--data', out('qemu.raw')]);
    };
    const cp = () => {
      execFileSync('cp', ['--sparse=always', qcow2, out('cp.qcow2')]);
      execFileSync('sync', ['--data', out('cp.qcow2')]);
    };
    // Interleaved rounds, so drift in the machine hits every contender alike.
    const times = { ours: [] as number[], oursReadBack: [] as number[], oursOverHttp: [] as number[], qemuImg: [] as number[], cp: [] as number[] };
    // Each contender's output is removed after its timing (deleting a file is not part of a move),
    // then synced, so the file system's deferred work (freeing, discards) lands on no one. The
    // order of contenders rotates from round to round.
    const timed = async (into: number[], fn: () => Promise<void> | void) => {
      into.push((await medianMs(1, fn)).ms);
      // The receiver lets go of its transfers (as a migration asks it to after cut-over): a deleted
      // file it kept open would hold its blocks, and slow whatever writes next.
      for (const id of sentOverHttp.splice(0)) await fetch(`http://127.0.0.1:${port}/transfers/${id}`, { method: 'DELETE' });
      for (const name of readdirSync(receiverDir)) rmSync(join(receiverDir, name));
      fresh('qemu.raw');
      fresh('cp.qcow2');
      execFileSync('sync');
    };
    const contenders: [number[], () => Promise<void> | void][] = [[times.ours, local(false)], [times.qemuImg, qemuImg], [times.oursReadBack, local(true)], [times.oursOverHttp, overHttp], [times.cp, cp]];
    for (let round = 0; round < 5; round += 1) {
      console.error(`round ${round + 1} of 5…`);
      for (let i = 0; i < contenders.length; i += 1) await timed(...contenders[(round + i) % contenders.length]!);
    }
    console.error(JSON.stringify(times, (_k, v: unknown) => (typeof v === 'number' ? Math.round(v) : v)));
    receiver.stdin!.end();
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
    const mbps = (ms: number) => Math.round((layout.dataBytes / (1 << 20) / (ms / 1000)) * 10) / 10;

    console.error('kill-and-resume run…');
    const resume = await killAndResume(qcow2, out('resume'), sourceDigest, layout.dataBytes);
    const ms = { ours: median(times.ours), oursWithReadBack: median(times.oursReadBack), oursOverHttp: median(times.oursOverHttp), qemuImg: median(times.qemuImg), cpSparse: median(times.cp) };
    const ratio = (over: number, under: number) => Math.round((over / under) * 100) / 100;
    return {
      diskBytes: layout.virtualSize, dataBytes: layout.dataBytes, conversion: 'qcow2 -> raw', rounds: times.ours.length,
      oursMs: ms.ours, oursWithReadBackMs: ms.oursWithReadBack, oursOverHttpMs: ms.oursOverHttp, qemuImgMs: ms.qemuImg, cpSparseMs: ms.cpSparse,
      oursMBps: mbps(ms.ours), oursWithReadBackMBps: mbps(ms.oursWithReadBack), oursOverHttpMBps: mbps(ms.oursOverHttp), qemuImgMBps: mbps(ms.qemuImg), cpSparseMBps: mbps(ms.cpSparse),
      resume,
      ratios: {
        oursOverQemuImg: ratio(ms.qemuImg, ms.ours),
        oursWithReadBackOverQemuImg: ratio(ms.qemuImg, ms.oursWithReadBack),
        oursOverHttpOverQemuImg: ratio(ms.qemuImg, ms.oursOverHttp),
        oursOverCpSparse: ratio(ms.cpSparse, ms.ours),
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
