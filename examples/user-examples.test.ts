import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// The examples for each kind of user run as they are, and print what they claim. (The adapter
// author's example is a test of its own: examples/adapter-author/folder-adapter.test.ts.)
const run = promisify(execFile);
const root = new URL('../', import.meta.url).pathname;
const tsx = `${root}node_modules/.bin/tsx`;

describe('the examples for each user', () => {
  it.each([
    ['a marketplace developer', 'examples/marketplace/marketplace.ts', /^crawled 3 signed manifests, 0 failed, 10 offerings\nApplication servers: #1 Medium VM, 4 vCPU \/ 16 GiB \(Scaldis Cloud SRL\), #2 .*\nBlock storage for databases: no match\nTMF679: yellow, 2 qualified\n$/],
    ['a provider\'s portal', 'examples/csp-portal/portal.ts', /^200 application\/ld\+json; charset=utf-8, signature verifies\nDOME: 4 product offerings, 5 prices\nGaia-X: 5 credentials signed, 5 verify\n$/],
  ])('for %s runs and prints what it claims', async (_who, file, expected) => {
    const { stdout } = await run(tsx, ['--conditions=mpli-source', file], { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
    expect(stdout).toMatch(expected);
  }, 60_000);
});
