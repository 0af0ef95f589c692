// The floor: a hand-written filter over plain objects, with the benchmark requirement's semantics
// written out by hand (doubles, no explanations). It is what a one-off script would do.
import type { PlainOffering } from './match-catalog';

const EU = new Set(['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE']);
const BYTES = { GiB: 1073741824, GB: 1e9 } as const;
const MIN_MEMORY = 16 * BYTES.GiB;
const MAX_MEMORY = 256 * BYTES.GB;
const EUCS_RANK: Record<string, number> = { EUCSBasic: 1, EUCSSubstantial: 2, EUCSHigh: 3 };

export function handFilter(offerings: readonly PlainOffering[]): PlainOffering[] {
  const out: PlainOffering[] = [];
  for (const o of offerings) {
    if (o.vcpu < 4 || o.arch !== 'X86_64') continue;
    const memory = o.memory.value * BYTES[o.memory.unit];
    if (memory < MIN_MEMORY || memory > MAX_MEMORY) continue;
    if (!o.countries.some((c) => EU.has(c))) continue;
    if (!o.certifications.some((c) => c.scheme === 'ISO27001' && c.evidence)) continue;
    if (!o.certifications.some((c) => c.scheme === 'EUCS' && c.evidence && (EUCS_RANK[c.level ?? ''] ?? 0) >= 2)) continue;
    if (!o.prices.some((p) => p.currency === 'EUR' && (p.per === 'h' ? Number(p.amount) : Number(p.amount) / 730) <= 0.5)) continue;
    out.push(o);
  }
  return out;
}
