import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '@mpli/cli';
import { captureIo } from './capture-io';

describe('mpli init', () => {
  it.each(['provider', 'requirements'])('writes a commented %s manifest that validates', async (kind) => {
    const dir = mkdtempSync(join(tmpdir(), 'mpli-init-'));
    const io = captureIo(dir);
    expect(await main(['init', kind], io)).toBe(0);
    const text = readFileSync(join(dir, `${kind}.ttl`), 'utf8');
    expect(text.split('\n').filter((line) => line.trimStart().startsWith('#')).length).toBeGreaterThan(5);
    const check = captureIo(dir);
    expect(await main(['validate', `${kind}.ttl`], check)).toBe(0);
    expect(check.out()).toMatch(new RegExp(`✔ ${kind}\\.ttl: valid — `));
    expect(check.out()).not.toContain('warning');
  });

  it('refuses to overwrite a file unless --force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mpli-init-'));
    writeFileSync(join(dir, 'mine.ttl'), 'precious');
    const io = captureIo(dir);
    expect(await main(['init', 'provider', '--out', 'mine.ttl'], io)).toBe(2);
    expect(io.err()).toContain('mine.ttl exists; use --force');
    expect(readFileSync(join(dir, 'mine.ttl'), 'utf8')).toBe('precious');
    expect(await main(['init', 'provider', '--out', 'mine.ttl', '--force'], captureIo(dir))).toBe(0);
    expect(readFileSync(join(dir, 'mine.ttl'), 'utf8')).toContain('mpli:Manifest');
  });

  it('writes to stdout with --out -', async () => {
    const io = captureIo(mkdtempSync(join(tmpdir(), 'mpli-init-')));
    expect(await main(['init', 'requirements', '--out', '-'], io)).toBe(0);
    expect(io.out()).toContain('a mpli:RequirementsManifest');
  });

  it('rejects an unknown kind', async () => {
    const io = captureIo(mkdtempSync(join(tmpdir(), 'mpli-init-')));
    expect(await main(['init', 'marketplace'], io)).toBe(2);
    expect(io.err()).toContain('provider or requirements');
  });
});
