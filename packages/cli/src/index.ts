/**
 * `@mpli/cli`: the `mpli` command as a library, so other tools can run it in-process.
 *
 * @packageDocumentation
 */
export { main, cliVersion } from './main';
export { processIo, EXIT, UsageError, type CliIo } from './cli-io';
export { validateCommand, type FileResult } from './commands/validate';
export { initCommand, templateText } from './commands/init';
export { matchCommand } from './commands/match';
export { table } from './format/table';
export { summarize, type ManifestSummary } from './summarize';
