import { mkdir, rename, writeFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { Catalog, crawl, serializeRdf, type CrawlEvent, type CrawlReport } from '@mpli/core';
import { createManifestVerifier, DidResolver, didWebResolver } from '@mpli/trust';
import { EXIT, UsageError, type CliIo } from '../cli-io';

export const CRAWL_HELP = `Usage: mpli crawl <seed>... [--registry <url>]... --out <folder> [options]

Discovers provider manifests from seeds (provider origins or manifest URLs), registries, and the
peers and marketplaces manifests name; fetches each politely; keeps only manifests that parse,
validate and carry a signature that verifies (did:key, did:web); writes each as Turtle to the
folder, with crawl-report.json. Private and loopback addresses are refused unless allowed.

Options:
  --registry <url>        A registry to read (repeatable)
  -o, --out <folder>      Where to write the manifests and the report (required)
  --allow-unsigned        Keep manifests without a valid signature too
  --allow-private         Allow private and loopback addresses (intranets, tests)
  --depth <n>             Links followed from a seed (default 3)
  --concurrency <n>       Fetches at once (default 16)
  --timeout <ms>          Per fetch (default 10000)
  --json                  Print the report as JSON
  -h, --help              Show this help

Exit codes: 0 every manifest found was kept; 1 some failed or were kept out; 2 usage error.
`;

export async function crawlCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: {
    registry: { type: 'string', multiple: true }, out: { type: 'string', short: 'o' }, 'allow-unsigned': { type: 'boolean' }, 'allow-private': { type: 'boolean' },
    depth: { type: 'string' }, concurrency: { type: 'string' }, timeout: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
  } });
  if (values.help) return (io.stdout(CRAWL_HELP), EXIT.ok);
  if (!values.out) throw new UsageError('mpli crawl needs --out <folder>');
  if (!positionals.length && !values.registry?.length) throw new UsageError('mpli crawl needs a seed or a --registry');
  const number = (name: string, text: string | undefined, fallback: number) => {
    const value = text === undefined ? fallback : Number(text);
    if (!Number.isInteger(value) || value < 0) throw new UsageError(`--${name} needs a whole number, not "${text}"`);
    return value;
  };
  const timeoutMs = number('timeout', values.timeout, 10_000);
  const catalog = new Catalog();
  const progress = progressLine(io);
  const report = await crawl({
    seeds: positionals, registries: values.registry ?? [], catalog,
    verifier: createManifestVerifier({ didResolver: new DidResolver({ web: didWebResolver({ timeoutMs }) }) }),
    allowUnsigned: values['allow-unsigned'] === true, allowPrivateAddresses: values['allow-private'] === true,
    maxDepth: number('depth', values.depth, 3), concurrency: Math.max(1, number('concurrency', values.concurrency, 16)), timeoutMs,
    onEvent: progress.event,
  });
  progress.done();
  const folder = isAbsolute(values.out) ? values.out : join(io.cwd, values.out);
  await mkdir(folder, { recursive: true });
  for (const entry of catalog.manifests()) await writeAtomically(join(folder, fileNameOf(entry.id)), await serializeRdf(entry.dataset, 'text/turtle'));
  const { state: _state, ...printable } = report;
  await writeAtomically(join(folder, 'crawl-report.json'), `${JSON.stringify(printable, null, 2)}\n`);
  io.stdout(values.json ? `${JSON.stringify(printable, null, 2)}\n` : summary(report, values.out));
  return report.failed.length || report.quarantined.length || report.flagged.length ? EXIT.invalid : EXIT.ok;
}

/** A file name for a manifest URL: host and path, made safe. */
export function fileNameOf(url: string): string {
  const { host, pathname } = new URL(url);
  return `${`${host}${pathname}`.replace(/[^A-Za-z0-9.-]+/g, '_').replace(/^_+|_+$/g, '')}.ttl`;
}

async function writeAtomically(path: string, text: string): Promise<void> {
  await writeFile(`${path}.tmp`, text);
  await rename(`${path}.tmp`, path);
}

function summary(report: CrawlReport, out: string): string {
  const lines = [`${report.fetched.length} fetched, ${report.unchanged.length} unchanged, ${report.failed.length} failed, ${report.quarantined.length} kept out, ${report.flagged.length} flagged; written to ${out}`];
  for (const f of report.fetched) lines.push(`  ✔ ${f.url}  ${f.offerings} offerings${f.signer ? `, signed by ${f.signer}` : ', unsigned'}`);
  for (const [mark, list] of [['✖', report.failed], ['⊘', report.quarantined], ['⚑', report.flagged]] as const) {
    for (const item of list) lines.push(`  ${mark} ${item.url}: ${item.reason}`);
  }
  return `${lines.join('\n')}\n`;
}

// A progress line on stderr when it is a terminal; silence otherwise (logs stay clean).
function progressLine(io: CliIo): { event: (event: CrawlEvent) => void; done: () => void } {
  if (!io.color) return { event: () => undefined, done: () => undefined };
  return {
    event: (event) => {
      if (event.type !== 'progress') return;
      const width = 30;
      const filled = Math.round((event.done / Math.max(event.queued, 1)) * width);
      io.stderr(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${event.done}/${event.queued}`);
    },
    done: () => io.stderr('\n'),
  };
}
