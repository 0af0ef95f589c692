import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRdf, readManifest, readRequirements } from '@mpli/core';
import type { DeliveryAdapter } from '@mpli/delivery-adapters';
import { planMigration, runMigration, targetAgreementCheck, targetPrerequisitesCheck, type MigrationTrust } from '@mpli/migrate';
import { countersignAgreement, generateSigningKey, proposeAgreement } from '@mpli/trust';
import { buildDisk } from './disk-images';
import { fileSource, recordingTarget } from './file-adapters';

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

describe('the agreement in a migration', async () => {
  // The consumer's agreement with the source provider names the target (scaldis) as a successor.
  const consumerKey = await generateSigningKey();
  const sourceKey = await generateSigningKey();
  const NOW = new Date('2026-12-02T10:00:00Z');
  const agreementNaming = async (successors: string[]) => countersignAgreement(await proposeAgreement({
    consumer: consumerKey.controller, provider: sourceKey.controller, offering: 'https://rheinwerk.example/offerings/vm', successors,
    price: { amount: '0.021', currency: 'EUR', model: 'PayAsYouGo', per: 'h' }, terms: { url: 'https://rheinwerk.example/agb.pdf', hash: 'c'.repeat(64) },
    validFrom: '2026-12-01T00:00:00Z', validUntil: '2027-12-01T00:00:00Z',
  }, consumerKey, { now: NOW }), sourceKey, { now: NOW });
  const trustWith = (agreement: Record<string, unknown>): MigrationTrust => ({ target, consumer, asOf: '2026-12-01', agreement, verify: { now: NOW } });

  it('goes to a target it names as successor, with the order, and the consumer\'s DID from it', async () => {
    const agreement = await agreementNaming(['did:web:scaldis.example']);
    expect(await targetAgreementCheck(trustWith(agreement))).toMatchObject({ id: 'target.agreement', passed: true, explanation: expect.stringContaining('names did:web:scaldis.example as its successor') as string });
    const disk = buildDisk(dir, 'agreed', 8, [[1, 2]]);
    const to = recordingTarget();
    const request = { id: 'm-agreed', source: { adapter: fileSource(disk.qcow2), orderId: 'vm-1' }, target: { adapter: to, order: { id: 'vm-1-moved', offering: 'https://scaldis.example/.well-known/mpli#vm-s2', adapter: 'recording-target', parameters: {} } }, workDir: join(dir, 'work-agreed'), trust: trustWith(agreement) };
    expect((await planMigration(request)).checks.find((c) => c.id === 'target.agreement')).toMatchObject({ passed: true });
    const result = await runMigration(request);
    expect(result.status, result.error).toBe('migrated');
    expect(to.imported).toEqual([expect.objectContaining({ id: 'vm-1-moved', consumer: consumerKey.controller, agreement, chain: ['vm-1'] })]);
  });

  it('stops the migration before anything moves when it names another provider or does not verify', async () => {
    const elsewhere = await agreementNaming(['did:web:nuage-souverain.example']);
    expect(await targetAgreementCheck(trustWith(elsewhere))).toMatchObject({ passed: false, explanation: expect.stringMatching(/binds did:key:\w+ and names no successor did:web:scaldis.example$/) as string });
    const tampered = { ...(await agreementNaming(['did:web:scaldis.example'])), validUntil: '2031-01-01T00:00:00Z' };
    expect(await targetAgreementCheck(trustWith(tampered))).toMatchObject({ passed: false, explanation: "the agreement does not verify: proof: the consumer's signature: Invalid signature.; proof: the provider's signature: Invalid signature." });
    const to = recordingTarget();
    const request = { id: 'm-refused', source: { adapter: fileSource('/nonexistent'), orderId: 'vm-2' }, target: { adapter: to, order: { id: 'vm-2-moved', offering: 'urn:x', adapter: 'recording-target', parameters: {} } }, workDir: join(dir, 'work-refused'), trust: trustWith(elsewhere) };
    await expect(runMigration(request)).rejects.toMatchObject({ code: 'TARGET_REFUSED', message: expect.stringContaining('the agreement cannot go to the target') as string });
    expect(existsSync(join(dir, 'work-refused'))).toBe(false);
    expect(to.imported).toEqual([]);
  });
});

