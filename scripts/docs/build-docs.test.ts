import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OPENAPI_DOCUMENT } from '@mpli/server';
import { mpli } from '@mpli/shapes';
import { buildDocs } from '../build-docs';

const out = mkdtempSync(join(tmpdir(), 'mpli-docs-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('pnpm docs', () => {
  it('builds the concepts, the guide, the vocabulary and REST references, and the API reference', async () => {
    expect((await buildDocs(out)).sort()).toEqual(['adapter-guide.md', 'api/index.html', 'concepts.md', 'index.md', 'rest.md', 'vocabulary.md']);
    const vocabulary = readFileSync(join(out, 'vocabulary.md'), 'utf8');
    for (const term of Object.keys(mpli)) expect(vocabulary, term).toContain(`### \`mpli:${term}\``);
    const rest = readFileSync(join(out, 'rest.md'), 'utf8');
    for (const [path, methods] of Object.entries(OPENAPI_DOCUMENT.paths)) for (const method of Object.keys(methods)) expect(rest).toContain(`## \`${method.toUpperCase()} ${path}\``);
    // TypeDoc documented the public entry points: a function of each of a few packages has its page.
    const functions = readdirSync(join(out, 'api', 'functions')).join(' ');
    for (const name of ['manifestToTmf', 'runMigration', 'verifyAgreement', 'resolve', 'describeAdapterConformance']) expect(functions).toMatch(new RegExp(`\\b${name}\\.html`));
    expect(existsSync(join(out, 'api', 'index.html'))).toBe(true);
  }, 180_000);
});
