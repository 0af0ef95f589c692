/**
 * Picks the media type to answer with, from an Accept header (RFC 9110 §12.5.1): the offered type
 * with the highest quality, the most specific range deciding a type's quality, ties going to the
 * order of `offered`. No Accept header means the first offered type; undefined means nothing
 * acceptable (answer 406).
 */
export function negotiate(accept: string | undefined, offered: readonly string[]): string | undefined {
  if (!accept || !accept.trim()) return offered[0];
  const ranges = accept.split(',').map(parseRange).filter((range): range is MediaRange => range !== undefined);
  let best: { type: string; q: number } | undefined;
  for (const type of offered) {
    const q = qualityOf(type, ranges);
    if (q > 0 && (!best || q > best.q)) best = { type, q };
  }
  return best?.type;
}

interface MediaRange {
  readonly type: string;
  readonly subtype: string;
  readonly q: number;
}

function parseRange(text: string): MediaRange | undefined {
  const [range, ...parameters] = text.trim().split(';');
  const [type, subtype] = (range ?? '').trim().toLowerCase().split('/');
  if (!type || !subtype) return undefined;
  const qParameter = parameters.map((p) => p.trim()).find((p) => p.toLowerCase().startsWith('q='));
  const q = qParameter === undefined ? 1 : Number(qParameter.slice(2));
  return Number.isFinite(q) && q >= 0 && q <= 1 ? { type, subtype, q } : undefined;
}

// The quality the most specific matching range gives a type: exact, then type/*, then */*.
function qualityOf(offered: string, ranges: readonly MediaRange[]): number {
  const [type, subtype] = offered.toLowerCase().split('/');
  const exact = ranges.find((r) => r.type === type && r.subtype === subtype);
  if (exact) return exact.q;
  const family = ranges.find((r) => r.type === type && r.subtype === '*');
  if (family) return family.q;
  return ranges.find((r) => r.type === '*' && r.subtype === '*')?.q ?? 0;
}
