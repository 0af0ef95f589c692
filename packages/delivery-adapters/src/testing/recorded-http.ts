import { writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';

/** One HTTP request and the answer it got, as a recording keeps it. */
export interface HttpExchange {
  readonly request: { readonly method: string; readonly path: string; readonly body?: string };
  readonly response: { readonly status: number; readonly headers?: Readonly<Record<string, string>>; readonly body: string };
}

/** Headers never written to a recording (credentials). */
const SECRET_HEADERS = ['authorization', 'x-auth-token', 'x-subject-token', 'cookie', 'set-cookie'];

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function readBody(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => parts.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    stream.on('error', reject);
  });
}

/**
 * Replays recorded HTTP exchanges on loopback, in order: each request must be the next one
 * recorded (method, path with query, and body when one was recorded), or it gets a 599 and is
 * listed in `mismatches`. Point an adapter's endpoint at `url` to test it without the service.
 *
 * @example
 * const replay = await replayHttp(JSON.parse(readFileSync('keystone-login.json', 'utf8')));
 * // ... run the adapter against replay.url ...
 * replay.assertDone();
 */
export async function replayHttp(exchanges: readonly HttpExchange[]): Promise<{ url: string; mismatches: string[]; assertDone(): void; close(): Promise<void> }> {
  let next = 0;
  const mismatches: string[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const expected = exchanges[next];
      const got = `${req.method ?? ''} ${req.url ?? ''}`;
      const matches = expected && `${expected.request.method} ${expected.request.path}` === got && (expected.request.body === undefined || expected.request.body === body);
      if (!matches) {
        mismatches.push(expected ? `exchange ${next}: expected ${expected.request.method} ${expected.request.path}, got ${got}` : `unexpected request ${got} after the last recorded exchange`);
        return void res.writeHead(599, { 'content-type': 'text/plain' }).end(`no recorded exchange matches ${got}`);
      }
      next += 1;
      res.writeHead(expected.response.status, expected.response.headers ?? {}).end(expected.response.body);
    });
  });
  const url = await listen(server);
  return {
    url,
    mismatches,
    assertDone: () => {
      if (mismatches.length) throw new Error(`recorded HTTP exchanges did not match:\n${mismatches.join('\n')}`);
      if (next < exchanges.length) throw new Error(`${exchanges.length - next} recorded exchange(s) were never requested, first ${exchanges[next]!.request.method} ${exchanges[next]!.request.path}`);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Records the exchanges with a real service through a loopback proxy at `url`, for
 * `replayHttp` later. Credentials headers are left out, and `redact` blanks anything else secret
 * (passwords in bodies) before `save` writes the recording.
 */
export async function recordHttp(target: string, options: { redact?: (text: string) => string } = {}): Promise<{ url: string; exchanges: HttpExchange[]; save(file: string): Promise<void>; close(): Promise<void> }> {
  const exchanges: HttpExchange[] = [];
  const redact = options.redact ?? ((text: string) => text);
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const headers = Object.fromEntries(Object.entries(req.headers as IncomingHttpHeaders).filter(([k]) => !['host', 'connection', 'content-length', 'transfer-encoding'].includes(k))) as Record<string, string>;
      const answer = await request(new URL(req.url ?? '/', target), { method: (req.method ?? 'GET') as 'GET', headers, ...(body ? { body } : {}) });
      const text = await answer.body.text();
      const kept = Object.fromEntries(Object.entries(answer.headers).filter(([k, v]) => typeof v === 'string' && !SECRET_HEADERS.includes(k) && !['connection', 'content-length', 'transfer-encoding', 'date', 'keep-alive'].includes(k))) as Record<string, string>;
      exchanges.push({ request: { method: req.method ?? 'GET', path: req.url ?? '/', ...(body ? { body: redact(body) } : {}) }, response: { status: answer.statusCode, headers: kept, body: redact(text) } });
      res.writeHead(answer.statusCode, answer.headers as Record<string, string>).end(text);
    })().catch((error: Error) => res.writeHead(502).end(error.message));
  });
  const url = await listen(server);
  return {
    url,
    exchanges,
    save: (file) => writeFile(file, `${JSON.stringify(exchanges, null, 2)}\n`),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
