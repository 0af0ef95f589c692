// pnpm check:packages: each @mpli package packed as it would be published (pnpm pack, which
// applies publishConfig and replaces workspace: ranges), then the tarball checked with publint
// (package.json against what the tarball holds) and are-the-types-wrong (its types resolve for
// ESM consumers under node16 and bundler resolution; ESM only, so CommonJS resolution is not asked).
// Also the metadata a registry shows, and the licence file in each tarball. Exits 1 on any problem.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('../', import.meta.url).pathname;
const bin = (name: string) => join(root, 'node_modules/.bin', name);
const out = mkdtempSync(join(tmpdir(), 'mpli-packs-'));
const problems: string[] = [];
const REQUIRED = ['name', 'version', 'description', 'keywords', 'license', 'engines', 'files', 'exports'] as const;

try {
  for (const dir of readdirSync(join(root, 'packages')).sort()) {
    const manifest = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    if (manifest.private) continue;
    for (const field of REQUIRED) if (manifest[field] === undefined) problems.push(`${String(manifest.name)}: package.json has no "${field}"`);
    // Scoped packages are private on the registry unless published with public access.
    if ((manifest.publishConfig as { access?: string } | undefined)?.access !== 'public') problems.push(`${String(manifest.name)}: publishConfig.access is not "public"`);
    const packed = execFileSync('pnpm', ['pack', '--pack-destination', out], { cwd: join(root, 'packages', dir), encoding: 'utf8' }).trim().split('\n').pop()!;
    const listing = execFileSync('tar', ['-tzf', packed], { encoding: 'utf8' });
    if (!listing.includes('package/LICENSE')) problems.push(`${String(manifest.name)}: the tarball holds no LICENSE`);
    for (const [tool, args] of [['publint', [packed, '--strict']], ['attw', [packed, '--profile', 'esm-only', '--format', 'ascii']]] as const) {
      try {
        execFileSync(bin(tool), [...args], { encoding: 'utf8', stdio: 'pipe' });
        console.log(`✔ ${String(manifest.name)}: ${tool}`);
      } catch (error) {
        const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
        problems.push(`${String(manifest.name)}: ${tool}\n${stdout}${stderr}`);
        console.log(`✖ ${String(manifest.name)}: ${tool}`);
      }
    }
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
if (problems.length) {
  console.error(`\n${problems.join('\n')}`);
  process.exitCode = 1;
} else console.log('\nEvery package packs cleanly.');
