import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderAll } from '../scripts/render-all';

const root = new URL('../', import.meta.url);

describe('generated files', () => {
  it.each(renderAll(root).map(([path, text]) => [path, text] as const))('%s is up to date (run pnpm --filter @mpli/shapes generate)', (path, text) => {
    expect(readFileSync(new URL(path, root), 'utf8')).toBe(text);
  });
});
