import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// pnpm demo, the main job, run as the README runs it (from the sources, so without a build).
// With the services of services/up.sh every step must happen; without them (and when CI has not
// required them) the demo must say which steps it skipped and how to start what is missing.
const run = promisify(execFile);
const root = new URL('../', import.meta.url).pathname;
const tsx = `${root}node_modules/.bin/tsx`;

describe('pnpm demo', () => {
  it('tells the whole story and exits 0 only if every step happened', async () => {
    const result = await run(tsx, ['--conditions=mpli-source', 'scripts/demo.ts'], { cwd: root, timeout: 280_000, maxBuffer: 16 << 20, env: { ...process.env, NO_COLOR: '1' } })
      .then((r) => ({ code: 0, stdout: r.stdout }), (error: { code?: number; stdout?: string }) => ({ code: error.code ?? -1, stdout: error.stdout ?? '' }));
    if (result.code === 0 || process.env.MPLI_REQUIRE_SERVICES === '1') {
      expect(result.stdout.split('\n').filter((line) => / FAILED | skipped /.test(line))).toEqual([]);
      expect(result.stdout).toMatch(/All 20 steps happened\./);
      expect(result.stdout).toMatch(/the VM booted under QEMU at Rheinwerk/);
      expect(result.stdout).toMatch(/The hospital's one statement for 2026-12: EUR net 62\.50 \+ VAT 11\.91 = 74\.41, from 2 providers; 2 invoices disputed/);
      expect(result.stdout.match(/as an EN 16931 \/ Peppol BIS 3\.0 UBL invoice from .*: \d+ bytes, none of 61 business rules broken/g)).toHaveLength(2);
      expect(result.code).toBe(0);
    } else {
      expect(result.stdout).toMatch(/⚠ skipped: .* not running\. Start them with: bash services\/up\.sh/);
      expect(result.stdout).toMatch(/0 of 20 steps failed, 2 skipped\./);
      expect(result.code).toBe(1);
    }
  }, 300_000);
});
