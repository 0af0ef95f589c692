import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { createManifestPublisher, formatFromFileName, MpliError, type PublisherOptions } from '@mpli/core';
import { EXIT, UsageError, type CliIo } from '../cli-io';

export const SERVE_HELP = `Usage: mpli serve --manifest <file> [options]

Publishes a provider's manifest at /.well-known/mpli (Turtle, JSON-LD or N-Quads by content
negotiation, ETag, Last-Modified, 304, CORS), its signature and credentials beside it, and an
RFC 9727 API catalog at /.well-known/api-catalog. Runs until interrupted.

Options:
  -m, --manifest <file>     The manifest (Turtle, JSON-LD, N-Triples or N-Quads)
  --signature <file>        Its detached signature (from mpli sign)
  --credential <file>       A credential to show (repeatable)
  -p, --port <n>            Default 8080 (0: any free port)
  --host <address>          Default 127.0.0.1
  --base-url <url>          The public origin links use (default http://<host>:<port>)
  -h, --help                Show this help

Exit codes: 0 stopped cleanly; 2 bad input or usage (an unreadable manifest, a port in use).
`;

export async function serveCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: {
    manifest: { type: 'string', short: 'm' }, signature: { type: 'string' }, credential: { type: 'string', multiple: true },
    port: { type: 'string', short: 'p' }, host: { type: 'string' }, 'base-url': { type: 'string' }, help: { type: 'boolean', short: 'h' },
  } });
  if (values.help) return (io.stdout(SERVE_HELP), EXIT.ok);
  if (!values.manifest) throw new UsageError('mpli serve needs --manifest <file> (serving a marketplace comes with @mpli/server)');
  const port = values.port === undefined ? 8080 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port needs a port number, not "${values.port}"`);
  const host = values.host ?? '127.0.0.1';
  const read = async (file: string) => {
    try {
      return await readFile(isAbsolute(file) ? file : join(io.cwd, file), 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  };
  const json = async (file: string) => {
    try {
      return JSON.parse(await read(file)) as Record<string, unknown>;
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`${file} is not JSON`);
    }
  };
  // Everything is read and checked before the port opens: bad input never leaves a server behind.
  const format = formatFromFileName(values.manifest);
  const manifest = { text: await read(values.manifest), ...(format ? { format } : {}), source: values.manifest };
  const signature = values.signature ? await json(values.signature) : undefined;
  const credentials = values.credential?.length ? await Promise.all(values.credential.map(json)) : undefined;
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(new UsageError(`cannot listen on ${host}:${port}: ${(error as NodeJS.ErrnoException).code ?? error.message}`)));
    server.listen(port, host, resolve);
  });
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${(server.address() as AddressInfo).port}`;
  const options: PublisherOptions = {
    manifest,
    baseUrl: values['base-url'] ?? origin,
    ...(signature ? { signature } : {}),
    ...(credentials ? { credentials } : {}),
  };
  let publisher;
  try {
    publisher = await createManifestPublisher(options);
  } catch (error) {
    server.close();
    if (error instanceof MpliError || error instanceof TypeError) throw new UsageError(`${values.manifest}: ${error.message}`);
    throw error;
  }
  server.on('request', (request, response) => publisher.handle(request, response));
  io.stdout(`serving ${values.manifest} at ${origin}/.well-known/mpli (API catalog at ${origin}/.well-known/api-catalog)\n`);
  await stopped(io.signal);
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  io.stdout('stopped\n');
  return EXIT.ok;
}

// Until the caller aborts, or the process is told to stop.
function stopped(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    if (signal?.aborted) return stop();
    signal?.addEventListener('abort', stop, { once: true });
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
