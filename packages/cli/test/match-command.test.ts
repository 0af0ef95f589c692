import { describe, expect, it } from 'vitest';
import type { ResolveResult } from '@mpli/core';
import { main } from '@mpli/cli';
import { captureIo, REPO_ROOT, scratchFile } from './capture-io';

const HOSPITAL = 'examples/manifests/requirements-hospital.ttl';


describe('mpli match', () => {
  it('ranks matches from a folder of manifests: exit 0', async () => {
    const io = captureIo(REPO_ROOT);
    expect(await main(['match', '-r', HOSPITAL, 'examples/manifests', '--as-of', '2026-12-01'], io)).toBe(0);
    expect(io.out()).toMatch(/1 {2}match {3}vm-m4 {2}Medium VM, 4 vCPU \/ 16 GiB {3}Scaldis Cloud SRL/);
    expect(io.out()).toContain('✖ at least 4 vCPUs: 2 is not ≥ 4 → lower the minimum to 2');
  });

  it('prints stable JSON with --json', async () => {
    const io = captureIo(REPO_ROOT);
    expect(await main(['match', '--json', '-r', HOSPITAL, 'examples/manifests/scaldis-cloud.ttl', 'examples/manifests/rheinwerk-cloud.jsonld', '--as-of', '2026-12-01', '--top', '1'], io)).toBe(0);
    const json = JSON.parse(io.out()) as { manifests: number; offerings: number; result: ResolveResult };
    expect(json).toMatchObject({ manifests: 2, offerings: 7 });
    expect(json.result.needs[0]?.matches.map((m) => m.offering.identifier)).toEqual(['vm-m4']);
    expect(json.result.needs[0]?.counts.matches).toBe(2);
  });

  it('exits 3 when nothing matches', async () => {
    const io = captureIo(REPO_ROOT);
    expect(await main(['match', '-r', HOSPITAL, 'examples/manifests/nuage-souverain.ttl'], io)).toBe(3);
    expect(io.out()).toContain('No offering meets every must-have.');
  });

  it('exits 1 when an input breaks a shape, unless told to skip it', async () => {
    const broken = scratchFile('broken.ttl', '@prefix mpli: <https://w3id.org/mpli#> .\n<https://x.example/m> a mpli:Manifest .\n');
    const io = captureIo(REPO_ROOT);
    expect(await main(['match', '-r', HOSPITAL, 'examples/manifests/scaldis-cloud.ttl', broken], io)).toBe(1);
    expect(io.err()).toContain('[mplish:Manifest-publisher]');
    const skipping = captureIo(REPO_ROOT);
    expect(await main(['match', '--skip-invalid', '-r', HOSPITAL, 'examples/manifests/scaldis-cloud.ttl', broken], skipping)).toBe(0);
    expect(skipping.out()).toContain(`Left out (invalid): ${broken}`);
  });

  it('exits 2 for unreadable input, usage errors and impossible requirements', async () => {
    expect(await main(['match', '-r', 'nope.ttl', 'examples/manifests'], captureIo(REPO_ROOT))).toBe(2);
    expect(await main(['match', 'examples/manifests'], captureIo(REPO_ROOT))).toBe(2);
    expect(await main(['match', '-r', HOSPITAL], captureIo(REPO_ROOT))).toBe(2);
    const impossible = scratchFile('impossible.ttl', `@prefix mpli: <https://w3id.org/mpli#> . @prefix schema: <https://schema.org/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://c.example/r> a mpli:RequirementsManifest ; mpli:consumer <https://c.example/#c> ; mpli:need [ a mpli:ServiceNeed ; mpli:offeringKind mpli:VirtualMachineOffering ;
  mpli:mustHave [ a mpli:RangeConstraint ; rdfs:label "vcpu" ; mpli:path mpli:vcpu ; mpli:minimum 8 ; mpli:maximum 4 ] ] .
<https://c.example/#c> a mpli:Consumer ; schema:name "C" .`);
    const io = captureIo(REPO_ROOT);
    expect(await main(['match', '-r', impossible, 'examples/manifests'], io)).toBe(2);
    expect(io.err()).toContain('"vcpu": the minimum 8 is above the maximum 4, so nothing can match [INVALID_REQUIREMENTS]');
  });

  it('uses a rate table to compare prices across currencies', async () => {
    const rates = scratchFile('rates.json', JSON.stringify({ base: 'EUR', rates: { CHF: '0.95' }, date: '2026-12-01' }));
    const io = captureIo(REPO_ROOT);
    expect(await main(['match', '--json', '--rates', rates, '-r', HOSPITAL, 'examples/manifests/scaldis-cloud.ttl'], io)).toBe(0);
    expect((JSON.parse(io.out()) as { result: ResolveResult }).result.notes[0]).toContain('rates given for 2026-12-01');
  });
});
