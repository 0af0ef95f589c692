import { DataFactory } from 'n3';
import { describe, expect, it } from 'vitest';
import { mpli } from '@mpli/shapes';
import {
  buildManifest, buildRequirements, readManifest, readRequirements, validateDataset, type ManifestInput, type MpliError,
} from '@mpli/core';
import { canonical, parseExample, PROVIDER_EXAMPLES, REQUIREMENTS_EXAMPLES } from './examples';

const minimal: ManifestInput = {
  id: 'https://tiny.example/.well-known/mpli',
  modified: '2026-12-01T10:00:00.000Z',
  provider: {
    id: 'https://tiny.example/#provider',
    name: 'Tiny Cloud BV',
    registrationNumbers: [{ type: 'vatID', value: 'NL123456789B01' }],
    headquarters: { country: 'NL', locality: 'Utrecht' },
    contacts: [{ email: 'hello@tiny.example' }],
    manifestLocation: 'https://tiny.example/.well-known/mpli',
  },
  offerings: [
    {
      kind: 'VirtualMachineOffering',
      identifier: 'vm-1',
      name: 'One small machine',
      vcpu: 1,
      memory: { value: 2, unit: 'GiB' },
      cpuArchitecture: 'ARM64',
      locations: [{ country: 'NL', region: 'nl-utr' }],
      prices: [{ amount: '0.0105', currency: 'EUR', per: 'h', model: 'PayAsYouGo' }],
      delivery: { adapter: 'libvirt', parameters: { vcpus: 1, persistent: true, pool: 'default' } },
    },
  ],
  prerequisites: [{ kind: 'vatNumber' }],
};

describe('buildManifest', () => {
  it('produces RDF that conforms to the shapes and reads back to the same model', async () => {
    const store = buildManifest(minimal);
    const report = await validateDataset(store);
    expect(report.problems.filter((p) => p.severity === 'violation')).toEqual([]);
    const manifest = readManifest(store);
    expect(manifest.offerings[0]).toMatchObject({
      id: 'https://tiny.example/.well-known/mpli#vm-1',
      provider: 'https://tiny.example/#provider',
      prices: [{ amount: '0.0105', currency: 'EUR', per: 'h', model: 'PayAsYouGo' }],
      delivery: { adapter: 'libvirt', parameters: { vcpus: 1, persistent: true, pool: 'default' } },
    });
    expect(manifest.modified).toBe('2026-12-01T10:00:00.000Z');
  });

  it('stamps dcterms:modified from the injected clock', () => {
    const { modified: _omit, ...input } = minimal;
    const manifest = readManifest(buildManifest(input, { now: () => new Date('2030-01-02T03:04:05Z') }));
    expect(manifest.modified).toBe('2030-01-02T03:04:05.000Z');
  });

  it.each(PROVIDER_EXAMPLES)('is a fixpoint of read then build for %s', async (name) => {
    const original = readManifest((await parseExample(name)).store);
    const rebuilt = readManifest(buildManifest(original));
    expect(canonical(rebuilt)).toEqual(canonical(original));
    expect((await validateDataset(buildManifest(original))).conforms).toBe(true);
  });

  it('refuses unknown units and non-decimal prices with clear errors', () => {
    const badUnit = { ...minimal, offerings: [{ ...minimal.offerings[0], memory: { value: 2, unit: 'Gb' } }] } as ManifestInput;
    expect(() => buildManifest(badUnit)).toThrow(expect.objectContaining({ code: 'UNKNOWN_UNIT' }) as MpliError);
    const badPrice = {
      ...minimal,
      offerings: [{ ...minimal.offerings[0], prices: [{ amount: 'ten', currency: 'EUR', per: 'h', model: 'PayAsYouGo' }] }],
    } as ManifestInput;
    expect(() => buildManifest(badPrice)).toThrow(/"ten" is not a decimal number/);
  });
});

describe('buildRequirements', () => {
  it.each(REQUIREMENTS_EXAMPLES)('is a fixpoint of read then build for %s', async (name) => {
    const original = readRequirements((await parseExample(name)).store);
    const store = buildRequirements(original);
    expect((await validateDataset(store)).conforms).toBe(true);
    const rebuilt = readRequirements(store);
    const withoutBlankIds = (r: typeof original) => ({ ...r, id: r.id.startsWith('_:') ? '' : r.id, needs: r.needs.map((n) => ({ ...n, id: n.id.startsWith('_:') ? '' : n.id })).sort((a, b) => a.kind.localeCompare(b.kind)) });
    expect(withoutBlankIds(rebuilt)).toEqual(withoutBlankIds(original));
  });

  it('writes a one-property path as an IRI and a longer one as an RDF list', () => {
    const store = buildRequirements({
      consumer: { id: 'https://c.example/#org', name: 'C' },
      needs: [{ kind: 'VirtualMachineOffering', mustHave: [{ type: 'range', path: [mpli.vcpu], min: 2 }, { type: 'range', path: [mpli.sla, mpli.availability], min: 99.9 }] }],
    });
    const paths = [...store.match(null, DataFactory.namedNode(mpli.path), null)].map((q) => q.object);
    expect(paths.map((p) => p.termType).sort()).toEqual(['BlankNode', 'NamedNode']);
    expect(readRequirements(store).needs[0]?.mustHave.map((c) => (c.type === 'range' ? c.path.length : 0)).sort()).toEqual([1, 2]);
  });
});
