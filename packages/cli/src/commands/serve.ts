import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { Catalog, crawl, createManifestPublisher, formatFromFileName, MpliError, type PublisherOptions } from '@mpli/core';
import { createMpliServer } from '@mpli/server';
import { createManifestVerifier, DidResolver, didWebResolver } from '@mpli/trust';
import { EXIT, UsageError, type CliIo } from '../cli-io';
import { providerDelivery } from './delivery-setup';

export const SERVE_HELP = `Usage: mpli serve --manifest <file> [options]          (a provider)
       mpli serve --marketplace [--seed <url>]... [--registry <url>]... [options]

A provider: publishes its manifest at /.well-known/mpli (Turtle, JSON-LD or N-Quads by content
negotiation, ETag, Last-Modified, 304, CORS), its signature and credentials beside it, and an
RFC 9727 API catalog at /.well-known/api-catalog.
A marketplace: the MPLI REST endpoint (see /openapi.json) over a catalog it crawls from the seeds
and registries at start (signed manifests only unless --allow-unsigned); POST /crawls needs a
bearer token, read from the MPLI_TOKENS environment variable (comma-separated).
Runs until interrupted.

Options:
  -m, --manifest <file>     The manifest (Turtle, JSON-LD, N-Triples or N-Quads)
  --marketplace             Serve the REST endpoint instead
  --seed <url>, --registry <url>   What the marketplace crawls at start (repeatable)
  --allow-unsigned, --allow-private   As for mpli crawl
  --delivery <file>         Take orders too (POST /orders...), delivered by the adapters of this
                            delivery configuration (as for mpli deliver); writes need a token
                            from MPLI_TOKENS
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
    marketplace: { type: 'boolean' }, seed: { type: 'string', multiple: true }, registry: { type: 'string', multiple: true },
    'allow-unsigned': { type: 'boolean' }, 'allow-private': { type: 'boolean' }, delivery: { type: 'string' },
  } });
  if (values.help) return (io.stdout(SERVE_HELP), EXIT.ok);
  if (values.marketplace) return serveMarketplace(values, io);
  if (!values.manifest) throw new UsageError('mpli serve needs --manifest <file>, or --marketplace');
  const { port, host } = listenAddress(values);
  // Everything is read and checked before the port opens: bad input never leaves a server behind.
  const { manifest, signature, credentials } = await readProviderFiles(io, { ...values, manifest: values.manifest });
  const delivery = values.delivery ? await providerDelivery(io, values.delivery, manifest) : undefined;
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
  if (delivery) server.on('request', createMpliServer({ publisher, delivery, tokens: tokensFromEnvironment() }));
  else server.on('request', (request, response) => publisher.handle(request, response));
  io.stdout(`serving ${values.manifest} at ${origin}/.well-known/mpli (API catalog at ${origin}/.well-known/api-catalog)${delivery ? `; orders at ${origin}/orders by ${delivery.adapters.map((a) => a.name).join(', ')}` : ''}\n`);
  await stopped(io.signal);
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await Promise.all(delivery?.adapters.map((a) => a.dispose()) ?? []);
  io.stdout('stopped\n');
  return EXIT.ok;
}

async function serveMarketplace(values: { seed?: string[]; registry?: string[]; port?: string; host?: string; 'allow-unsigned'?: boolean; 'allow-private'?: boolean }, io: CliIo): Promise<number> {
  const { port, host } = listenAddress(values);
  const catalog = new Catalog();
  const crawlOptions = {
    verifier: createManifestVerifier({ didResolver: new DidResolver({ web: didWebResolver() }) }),
    allowUnsigned: values['allow-unsigned'] === true, allowPrivateAddresses: values['allow-private'] === true,
  };
  const tokens = tokensFromEnvironment();
  const server = createServer(createMpliServer({ catalog, tokens, crawl: crawlOptions, page: true }));
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) => reject(new UsageError(`cannot listen on ${host}:${port}: ${(error as NodeJS.ErrnoException).code ?? error.message}`)));
    server.listen(port, host, resolve);
  });
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${(server.address() as AddressInfo).port}`;
  io.stdout(`marketplace at ${origin} (its page at ${origin}/, OpenAPI at ${origin}/openapi.json)${tokens.length ? '' : '; no MPLI_TOKENS: POST /crawls is refused'}\n`);
  if (values.seed?.length || values.registry?.length) {
    const report = await crawl({ ...crawlOptions, seeds: values.seed ?? [], registries: values.registry ?? [], catalog });
    const out = [...report.failed, ...report.quarantined, ...report.flagged];
    io.stdout(`crawled: ${report.fetched.length} manifests in, ${out.length} kept out; ${catalog.size.offerings} offerings\n${out.map((o) => `  ✖ ${o.url}: ${o.reason}\n`).join('')}`);
  }
  await stopped(io.signal);
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  io.stdout('stopped\n');
  return EXIT.ok;
}

/** The manifest, its signature and its credentials, read and checked (a UsageError says which file is wrong). */
async function readProviderFiles(io: CliIo, values: { manifest: string; signature?: string; credential?: string[] }) {
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
  const format = formatFromFileName(values.manifest);
  return {
    manifest: { text: await read(values.manifest), ...(format ? { format } : {}), source: values.manifest },
    signature: values.signature ? await json(values.signature) : undefined,
    credentials: values.credential?.length ? await Promise.all(values.credential.map(json)) : undefined,
  };
}

/** Where to listen: --port (default 8080, 0 for any) and --host (default loopback). */
function listenAddress(values: { port?: string; host?: string }): { port: number; host: string } {
  const port = values.port === undefined ? 8080 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port needs a port number, not "${values.port}"`);
  return { port, host: values.host ?? '127.0.0.1' };
}

/** The bearer tokens that may write (MPLI_TOKENS, comma-separated). */
function tokensFromEnvironment(): string[] {
  return (process.env.MPLI_TOKENS ?? '').split(',').map((t) => t.trim()).filter(Boolean);
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
