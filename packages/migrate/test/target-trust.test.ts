import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRdf, readManifest, readRequirements } from '@mpli/core';
import type { DeliveryAdapter } from '@mpli/delivery-adapters';
import { runMigration, targetPrerequisitesCheck, type MigrationTrust } from '@mpli/migrate';

const examples = new URL('../../../examples/manifests/', import.meta.url);
const read = async (file: string) => (await parseRdf(readFileSync(new URL(file, examples), 'utf8'), { source: file })).store;
const target = readManifest(await read('scaldis-cloud.ttl'));
const { consumer } = readRequirements(await read('requirements-hospital.ttl'));
const dir = mkdtempSync(join(tmpdir(), 'mpli-trust-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the target\'s prerequisites in a migration', () => {
  it('are met by a consumer with the credentials, and explained when they are not', () => {
    expect(targetPrerequisitesCheck({ target, consumer, asOf: '2026-12-01' })).toMatchObject({ id: 'target.prerequisites', severity: 'error', passed: true });
    const bare = targetPrerequisitesCheck({ target, consumer: { ...consumer, credentials: [], acceptedTerms: [] }, asOf: '2026-12-01' });
    expect(bare.passed).toBe(false);
    expect(bare.explanation).toBe('AZ Sint-Lieven VZW must first: accept the terms at https://scaldis.example/legal/terms-v3.pdf (SHA-256 7f2c313e1d17…)');
  });

  it('stop a migration before anything moves: no export, no journal', async () => {
    let exported = false;
    const untouchable = { name: 'libvirt', capabilities: { plan: true, cancel: true, export: true, import: true }, export: async () => ((exported = true), Promise.reject(new Error('exported'))) } as unknown as DeliveryAdapter;
    const trust: MigrationTrust = { target, consumer: { ...consumer, credentials: [], acceptedTerms: [] }, asOf: '2026-12-01' };
    const request = { id: 'm-trust', source: { adapter: untouchable, orderId: 'vm' }, target: { adapter: untouchable, order: { id: 'vm-2', offering: 'urn:x', adapter: 'libvirt', parameters: {} } }, workDir: join(dir, 'work'), trust };
    await expect(runMigration(request)).rejects.toMatchObject({ code: 'TARGET_REFUSED', message: expect.stringContaining("the target's prerequisites are not met") as string });
    expect(exported).toBe(false);
    expect(existsSync(join(dir, 'work'))).toBe(false);
  });
});
