#!/usr/bin/env node
import { processIo } from './cli-io';
import { main } from './main';

try {
  process.exitCode = await main(process.argv.slice(2), processIo());
} catch (error) {
  // Anything that reaches here is a bug, not bad input: say so and exit 70 (EX_SOFTWARE).
  process.stderr.write(`mpli: internal error: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 70;
}
