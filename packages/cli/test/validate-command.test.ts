import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main, type FileResult } from '@mpli/cli';
import { captureIo, REPO_ROOT, scratchFile } from './capture-io';

const EXAMPLES = [
  'examples/manifests/scaldis-cloud.ttl',
  'examples/manifests/rheinwerk-cloud.jsonld',
  'examples/manifests/nuage-souverain.ttl',
  'examples/manifests/requirements-hospital.ttl',
  'examples/manifests/requirements-ai-startup.jsonld',
];


describe('mpli validate', () => {
  it('exits 0 and summarises every valid example', async () => {
    const io = captureIo(REPO_ROOT);
    expect(await main(['validate', ...EXAMPLES], io)).toBe(0);
    expect(io.out()).toContain('✔ examples/manifests/scaldis-cloud.ttl: valid — Scaldis Cloud SRL: 2 VirtualMachine, 1 BlockStorage, 1 ObjectStorage offerings in BE');
    expect(io.out()).toContain('requirements of AZ Sint-Lieven VZW: 2 needs');
    expect(io.out().match(/✔/g)).toHaveLength(5);
  });

  it('exits 1 and explains each broken rule with file and line', async () => {
    const text = readFileSync(join(REPO_ROOT, EXAMPLES[0] ?? ''), 'utf8').replace('mpli:vcpu 4 ;', 'mpli:vcpu 0 ;');
    const path = scratchFile('broken.ttl', text);
    const io = captureIo(REPO_ROOT);
    expect(await main(['validate', path], io)).toBe(1);
    const line = text.split('\n').findIndex((l) => l.startsWith(':vm-m4 ')) + 1;
    expect(io.out()).toContain(`✖ ${path}: 1 violation`);
    expect(io.out()).toContain(`${path}:${line}:1  violation  :vm-m4 mpli:vcpu = "0"^^xsd:integer`);
    expect(io.out()).toContain('[mplish:VirtualMachineOffering-vcpu]');
  });

  it('prints stable JSON with --json', async () => {
    const bad = scratchFile('bad.ttl', '@prefix ex: <http://ex.org/> .\nex:a ex:b .\n');
    const io = captureIo(REPO_ROOT);
    expect(await main(['validate', '--json', EXAMPLES[0] ?? '', bad], io)).toBe(2);
    const json = JSON.parse(io.out()) as { conforms: boolean; files: FileResult[] };
    expect(json.conforms).toBe(false);
    expect(json.files[0]).toMatchObject({ source: EXAMPLES[0], conforms: true, problems: [], summary: { type: 'provider' } });
    expect(json.files[1]).toMatchObject({ source: bad, conforms: false, error: { code: 'PARSE_ERROR', line: 2, column: 11 } });
  });

  it('exits 2 for unreadable input, naming the file', async () => {
    const io = captureIo(REPO_ROOT);
    expect(await main(['validate', 'no-such-file.ttl'], io)).toBe(2);
    expect(io.out()).toContain('no-such-file.ttl: Cannot read no-such-file.ttl: ENOENT [READ_FAILED]');
  });

  it('exits 2 for a file above --max-bytes without parsing it', async () => {
    const io = captureIo(REPO_ROOT);
    expect(await main(['validate', '--max-bytes', '100', EXAMPLES[0] ?? ''], io)).toBe(2);
    expect(io.out()).toContain('[INPUT_TOO_LARGE]');
  });

  it('exits 2 on usage errors', async () => {
    for (const args of [['validate'], ['validate', '--max-bytes', 'lots', 'x.ttl'], ['validate', '--frobnicate', 'x.ttl'], ['frobnicate']]) {
      const io = captureIo(REPO_ROOT);
      expect(await main(args, io), args.join(' ')).toBe(2);
      expect(io.err()).toMatch(/^mpli: /);
    }
  });
});

describe('mpli --help and --version', () => {
  it('prints the version from package.json', async () => {
    const io = captureIo(REPO_ROOT);
    expect(await main(['--version'], io)).toBe(0);
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'packages/cli/package.json'), 'utf8')) as { version: string };
    expect(io.out()).toBe(`${version}\n`);
  });

  it('lists the commands, and each command has its own help', async () => {
    const io = captureIo(REPO_ROOT);
    expect(await main(['--help'], io)).toBe(0);
    expect(io.out()).toMatch(/validate\s+check manifests/);
    const sub = captureIo(REPO_ROOT);
    expect(await main(['validate', '--help'], sub)).toBe(0);
    expect(sub.out()).toContain('Exit codes: 0 every manifest is valid; 1 a manifest breaks a shape;');
  });

  it('prints help and exits 2 when given nothing', async () => {
    const io = captureIo(REPO_ROOT);
    expect(await main([], io)).toBe(2);
    expect(io.out()).toContain('Usage: mpli <command>');
  });
});
