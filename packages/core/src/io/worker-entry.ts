import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * Where to start a worker thread whose body is the module `stem` beside the calling module
 * (`callerUrl`, its `import.meta.url`): in a built package, `stem.js` beside the chunk; under the
 * TypeScript sources (tests, benchmarks), `stem.ts`, loaded through tsx by a small boot module,
 * because Node 20 applies no `--import` loader to a worker's entry.
 *
 * @example
 * const entry = workerEntry(import.meta.url, 'digest-worker');
 * const worker = new Worker(entry.url, { execArgv: entry.execArgv });
 */
export function workerEntry(callerUrl: string, stem: string): { url: URL; execArgv: string[] } {
  const source = callerUrl.endsWith('.ts');
  const file = new URL(`./${stem}.${source ? 'ts' : 'js'}`, callerUrl);
  if (!source) return { url: file, execArgv: [] };
  // tsImport registers tsx's hooks for that import and everything it imports.
  const api = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/index\.cjs$/, 'index.mjs')).href;
  const boot = `const { tsImport } = await import(${JSON.stringify(api)}); await tsImport(${JSON.stringify(file.href)}, ${JSON.stringify(file.href)});`;
  return { url: new URL(`data:text/javascript,${encodeURIComponent(boot)}`), execArgv: ['--conditions=mpli-source'] };
}
