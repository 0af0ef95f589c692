import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// Each package README shows an example; the same code lives in examples/readme/<package>.ts.
// This test keeps the two identical and runs the example, so every README stays runnable.
const run = promisify(execFile);
const root = new URL('../', import.meta.url);
const tsx = new URL('node_modules/.bin/tsx', root).pathname;

const EXAMPLES: [pkg: string, expected: RegExp][] = [
  ['shapes', /1073741824 1000000000\n28 27\n/],
  ['core', /conforms: true[\s\S]*Small VM 2 \{ value: 4, unit: 'GiB' \}[\s\S]*violation .* mpli:vcpu = "0"\^\^xsd:integer/],
  ['cli', /✔ examples\/manifests\/scaldis-cloud\.ttl: valid — Scaldis Cloud SRL[\s\S]*exit code 0/],
  ['delivery-adapters', /^1 to add, 0 to change, 0 to destroy\nstarted\nresource-created terraform_data\.vm\ncompleted\n\{ name: 'web-1' \}\n1 resource, applied once\nabsent\n$/],
  ['migrate', /^qcow2 67108864 3145728\n3145728 bytes sent\nsame disk: true true\n$/],
  ['interop', /^4 4 5 4\nurn:ngsi-ld:product-offering usage \{ unit: 'EUR', value: 0\.084 \} \{ amount: 1, units: 'hour' \}\nvm-s2 vm-m4 block-ssd object-s3 0 0\n$/],
  ['billing', /^INV-1 true \nINV-2 false ABOVE_AGREED_PRICE: unit price 0\.090 is above the agreed 0\.084 EUR\/h\nEUR net 60\.48 tax 12\.70 payable 73\.18 1 disputed\n$/],
  ['trust', /^true form context cryptosuite validity issuer purpose proof\nfalse proof:\nISO\/IEC 27001 of did:web:scaldis\.example: CertificationCredential <- accredited <- anchor\n$/],
];

describe.each(EXAMPLES)('the README of @mpli/%s', (pkg, expected) => {
  const code = readFileSync(new URL(`examples/readme/${pkg}.ts`, root), 'utf8');

  it('shows the example file verbatim', () => {
    const readme = readFileSync(new URL(`packages/${pkg}/README.md`, root), 'utf8');
    expect(readme).toContain(['```ts', code.trimEnd(), '```'].join('\n'));
  });

  it('runs and prints what the README says', async () => {
    const { stdout } = await run(tsx, ['--conditions=mpli-source', `examples/readme/${pkg}.ts`], { cwd: root.pathname, env: { ...process.env, NO_COLOR: '1' } });
    expect(stdout).toMatch(expected);
  }, 30_000);
});

describe('the root README', () => {
  const readme = readFileSync(new URL('README.md', root), 'utf8');
  const commands = [...readme.matchAll(/```sh\n(npm install -g pnpm@10 && [^\n]+)\n```/g)].map((match) => match[1]);

  it('gives the two set-up commands: the main job and the tests', () => {
    expect(commands).toEqual([
      'npm install -g pnpm@10 && pnpm install --frozen-lockfile && bash services/up.sh && pnpm demo',
      'npm install -g pnpm@10 && pnpm install --frozen-lockfile && pnpm test:ci',
    ]);
  });

  it('is what .ci/run runs, verbatim', () => {
    const ci = readFileSync(new URL('.ci/run', root), 'utf8');
    expect(ci.split('\n')).toContain(commands[1]);
  });
});
