import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { EXIT, UsageError, type CliIo } from './cli-io';
import { agreeCommand } from './commands/agree';
import { crawlCommand } from './commands/crawl';
import { deliverCommand } from './commands/deliver';
import { migrateCommand } from './commands/migrate';
import { destroyCommand, statusCommand } from './commands/order-status';
import { initCommand } from './commands/init';
import { issueCommand } from './commands/issue';
import { keygenCommand } from './commands/keygen';
import { signCommand } from './commands/sign';
import { verifyCommand } from './commands/verify';
import { matchCommand } from './commands/match';
import { serveCommand } from './commands/serve';
import { statementCommand } from './commands/statement';
import { validateCommand } from './commands/validate';
import { packageFile } from './package-files';

type Command = (args: readonly string[], io: CliIo) => Promise<number>;

/** The subcommands, each a function of its arguments and the I/O it may use. */
const COMMANDS: ReadonlyMap<string, { run: Command; summary: string }> = new Map([
  ['validate', { run: validateCommand, summary: 'check manifests against the MPLI shapes' }],
  ['match', { run: matchCommand, summary: 'match requirements against provider manifests, both ways, with reasons' }],
  ['init', { run: initCommand, summary: 'write a commented example provider or requirements manifest' }],
  ['keygen', { run: keygenCommand, summary: 'make an Ed25519 signing key, written to a file only you can read' }],
  ['issue', { run: issueCommand, summary: 'issue a verifiable credential of an MPLI type' }],
  ['sign', { run: signCommand, summary: 'sign a manifest (detached), a credential or a presentation' }],
  ['serve', { run: serveCommand, summary: 'publish a provider manifest at /.well-known/mpli, with its signature and API catalog' }],
  ['crawl', { run: crawlCommand, summary: 'discover and fetch signed provider manifests into a folder' }],
  ['deliver', { run: deliverCommand, summary: 'hand an order to the delivery adapter its offering names (Terraform, Ansible, libvirt, OpenStack, MPLI)' }],
  ['migrate', { run: migrateCommand, summary: 'move a VM to another provider: export, transfer, convert, import, verify; resumable' }],
  ['agree', { run: agreeCommand, summary: 'propose an agreement for an offering, signed; the provider countersigns' }],
  ['statement', { run: statementCommand, summary: 'one statement for a month: invoices checked against agreements, totalled' }],
  ['status', { run: statusCommand, summary: 'show what an order has now, as its adapter sees it' }],
  ['destroy', { run: destroyCommand, summary: 'remove everything an order created' }],
  ['verify', { run: verifyCommand, summary: 'verify credentials, presentations and signed manifests, optionally under a trust policy' }],
]);

/** The CLI's version, from its package.json. */
export function cliVersion(): string {
  return (JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version: string }).version;
}

function help(): string {
  const lines = [...COMMANDS].map(([name, { summary }]) => `  ${name.padEnd(10)} ${summary}`);
  return `mpli ${cliVersion()}: Multi Provider Linked Infrastructure

Usage: mpli <command> [options]

Commands:
${lines.join('\n')}

Options:
  -h, --help       Show help (also: mpli <command> --help)
  -v, --version    Show the version
`;
}

/**
 * Runs the `mpli` command line and returns its exit code: 0 success, 1 a manifest or check
 * failed, 2 bad input or usage. Never calls process.exit, so it can run inside tests.
 *
 * @example
 * process.exitCode = await main(process.argv.slice(2), processIo());
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name.startsWith('-')) {
      const { values } = parseArgs({ args: [...argv], options: { help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' } } });
      if (values.version) return (io.stdout(`${cliVersion()}\n`), EXIT.ok);
      io.stdout(help());
      return values.help ? EXIT.ok : EXIT.badInput;
    }
    const command = COMMANDS.get(name);
    if (!command) throw new UsageError(`unknown command "${name}"; run mpli --help`);
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`mpli: ${(error as Error).message}\n`);
      return EXIT.badInput;
    }
    throw error;
  }
}
