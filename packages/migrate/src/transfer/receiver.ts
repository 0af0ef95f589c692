import type { IncomingMessage, ServerResponse } from 'node:http';
import { WINDOW_BYTES } from '../disk/windows';
import { MigrationError } from '../migration-error';
import { parsePieces } from './pieces';
import { ReceivingDisk } from './receiving-disk';

/** Options of {@link createDiskReceiver}. */
export interface DiskReceiverOptions {
  /** Where the transfers' raw files and journals live. */
  readonly dir: string;
  /** A bearer token the sender must present (recommended off loopback). */
  readonly token?: string;
}

/** A disk receiver: an HTTP handler, and what it has received. */
export interface DiskReceiver {
  handle(request: IncomingMessage, response: ServerResponse): void;
  /** Bytes of window data received by this process, over all transfers (resends included). */
  receivedBytes(): number;
  /** The raw file of a transfer (to import it at the target). */
  pathOf(id: string): string | undefined;
  close(): Promise<void>;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const ROUTE = /^\/transfers\/([^/]+)(?:\/(complete|windows\/(\d+)))?$/;
const STATUS: Record<string, number> = { BAD_INPUT: 400, CORRUPTION: 422, DISK_FULL: 507 };

/**
 * The target side of a disk transfer over HTTP:
 * `PUT /transfers/{id}` (JSON `{ virtualSize, dataBytes }`, idempotent) and `GET /transfers/{id}`
 * answer with what is already there; `PUT /transfers/{id}/windows/{n}` takes a window's stored
 * pieces (`x-mpli-pieces`), their CRC-32 (`x-mpli-crc32`; a mismatch is refused with 422) and the
 * window's digest (`x-mpli-sha256`, recorded); `POST /transfers/{id}/complete` reads the disk back
 * and answers its digest (`?readBack=false`: the digest of the recorded window digests); `DELETE /transfers/{id}` removes it. Errors are problem+json. A restarted receiver picks
 * every transfer up from its journal.
 *
 * @example
 * const receiver = createDiskReceiver({ dir: '/var/lib/mpli/incoming' });
 * http.createServer(receiver.handle).listen(8700);
 */
export function createDiskReceiver(options: DiskReceiverOptions): DiskReceiver {
  const open = new Map<string, Promise<ReceivingDisk | undefined>>();
  let counted = 0;
  const diskOf = (id: string, create?: { virtualSize: number; dataBytes: number }) => {
    let disk = open.get(id);
    if (!disk) {
      disk = ReceivingDisk.open(options.dir, id, create);
      open.set(id, disk);
      disk.then((d) => d ?? open.delete(id), () => open.delete(id));
    }
    return disk;
  };

  const route = async (request: IncomingMessage, response: ServerResponse) => {
    if (options.token && request.headers.authorization !== `Bearer ${options.token}`) return problem(response, 401, 'a bearer token is needed');
    const match = ROUTE.exec(new URL(request.url ?? '/', 'http://receiver').pathname);
    if (!match || !ID.test(match[1]!)) return problem(response, 404, 'no such route');
    const [, id, sub, index] = match as unknown as [string, string, string | undefined, string | undefined];
    if (!sub && request.method === 'PUT') {
      const wanted = await transferRequest(request);
      const created = (await diskOf(id, wanted))!;
      if (created.virtualSize !== wanted.virtualSize) throw new MigrationError('BAD_INPUT', `transfer ${id} exists with a disk of ${created.virtualSize} bytes, not ${wanted.virtualSize}`);
      await created.flush();
      return json(response, 200, created.status());
    }
    const disk = await diskOf(id);
    if (!disk) return problem(response, 404, `no transfer ${id}`);
    if (!sub && request.method === 'GET') {
      await disk.flush();
      return json(response, 200, disk.status());
    }
    if (!sub && request.method === 'DELETE') {
      open.delete(id);
      await disk.remove(options.dir);
      return void response.writeHead(204).end();
    }
    if (sub === 'complete' && request.method === 'POST') return json(response, 200, { digest: await disk.complete({ readBack: new URL(request.url ?? '/', 'http://receiver').searchParams.get('readBack') !== 'false' }) });
    if (index !== undefined && request.method === 'PUT') {
      await receiveWindow(request, disk, Number(index), (bytes) => (counted += bytes));
      return void response.writeHead(204).end();
    }
    return problem(response, 405, `${request.method ?? ''} is not allowed here`);
  };

  return {
    handle(request, response) {
      route(request, response).catch((error: unknown) => {
        if (response.headersSent) return void response.destroy();
        if (error instanceof MigrationError) return problem(response, STATUS[error.code] ?? 500, error.message, error.code);
        if (error instanceof SyntaxError) return problem(response, 400, 'the body is not JSON');
        problem(response, 500, (error as Error).message);
      });
    },
    receivedBytes: () => counted,
    pathOf: (id) => (ID.test(id) ? `${options.dir}/${id}.raw` : undefined),
    async close() {
      const disks = await Promise.all([...open.values()].map((d) => d.catch(() => undefined)));
      open.clear();
      for (const disk of disks) await disk?.close();
    },
  };
}

/** The body of `PUT /transfers/{id}`: the disk's size and its data bytes. */
async function transferRequest(request: IncomingMessage): Promise<{ virtualSize: number; dataBytes: number }> {
  const body = JSON.parse((await readBody(request, 4096)).toString('utf8')) as { virtualSize?: unknown; dataBytes?: unknown };
  if (!Number.isSafeInteger(body.virtualSize) || (body.virtualSize as number) <= 0 || !Number.isSafeInteger(body.dataBytes)) throw new MigrationError('BAD_INPUT', 'virtualSize and dataBytes must be whole numbers of bytes');
  return { virtualSize: body.virtualSize as number, dataBytes: body.dataBytes as number };
}

/** Window buffers for reuse: a fresh 4 MiB buffer per request keeps the garbage collector busy. */
const spareBuffers: Buffer[] = [];

/** Reads, checks and writes one window (counting its bytes as they arrive, kept or not). */
async function receiveWindow(request: IncomingMessage, disk: ReceivingDisk, index: number, count: (bytes: number) => void): Promise<void> {
  const buffer = spareBuffers.pop() ?? Buffer.allocUnsafe(WINDOW_BYTES);
  try {
    const body = await readBody(request, WINDOW_BYTES, buffer);
    count(body.length);
    await checkAndWrite(request, disk, index, body);
  } finally {
    if (spareBuffers.length < 16) spareBuffers.push(buffer);
  }
}

async function checkAndWrite(request: IncomingMessage, disk: ReceivingDisk, index: number, body: Buffer): Promise<void> {
  const sha = request.headers['x-mpli-sha256'];
  const crc = request.headers['x-mpli-crc32'];
  if (typeof sha !== 'string' || !/^[0-9a-f]{64}$/.test(sha)) throw new MigrationError('BAD_INPUT', 'x-mpli-sha256 must be the hex digest of the window');
  if (typeof crc !== 'string' || !/^[0-9a-f]{1,8}$/.test(crc)) throw new MigrationError('BAD_INPUT', 'x-mpli-crc32 must be the hex CRC-32 of the body');
  await disk.putWindow(index, parsePieces(request.headers['x-mpli-pieces'] as string | undefined, index, disk.virtualSize, body.length), body, { crc32: parseInt(crc, 16), sha256: sha });
}

/** A request body of at most `limit` bytes, copied into `into` when given (which must hold `limit`). */
function readBody(request: IncomingMessage, limit: number, into?: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limit) return reject(new MigrationError('BAD_INPUT', `the body is over ${limit} bytes`));
    const target = into ?? Buffer.allocUnsafe(limit);
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      if (size + chunk.length > limit) return request.destroy(new MigrationError('BAD_INPUT', `the body is over ${limit} bytes`));
      chunk.copy(target, size);
      size += chunk.length;
    });
    request.on('end', () => resolve(into ? target.subarray(0, size) : Buffer.from(target.subarray(0, size))));
    request.on('error', reject);
  });
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function problem(response: ServerResponse, status: number, detail: string, code?: string): void {
  response.writeHead(status, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ type: 'about:blank', status, title: code ?? 'Transfer refused', detail, ...(code ? { code } : {}) }));
}
