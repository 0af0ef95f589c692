import type { ConstraintReport, NeedResult, OfferingRejection, ResolveResult } from '@mpli/core';
import { styles, type Styles } from '../styles';
import { table } from './table';


function mark(report: ConstraintReport, s: Styles): string {
  if (report.status === 'met') return s.green('✔');
  return report.status === 'notEvidenced' ? s.yellow('?') : s.red('✖');
}

function niceLine(constraints: readonly ConstraintReport[], s: Styles): string {
  return constraints.filter((c) => c.importance === 'niceToHave').map((c) => `${mark(c, s)} ${c.label}`).join(' · ');
}

function rejection(rejected: OfferingRejection, s: Styles): string {
  const head = `  ${s.bold(rejected.offering.identifier)} ${rejected.offering.name} (${rejected.offering.provider.name ?? '?'}): misses ${rejected.misses}`;
  const lines = rejected.constraints.filter((c) => c.status !== 'met').map((c) => {
    const why = c.reason ?? `${c.actual}, expected ${c.expected}`;
    return `      ${mark(c, s)} ${c.label}: ${why}${c.status === 'notEvidenced' ? s.yellow(' (not evidenced)') : ''}${c.hint ? s.cyan(` → ${c.hint}`) : ''}`;
  });
  return [head, ...lines].join('\n');
}

function need(result: NeedResult, s: Styles): string {
  const { counts } = result;
  const title = `${s.bold(result.need.title ?? result.need.kind)} (${result.need.kind}): ${counts.matches} ready, ${counts.needsAction} needing action, ${counts.nearMisses} near misses, of ${result.candidates} candidates${result.priceBasis ? `; prices in ${result.priceBasis}` : ''}`;
  const out = [title];
  if (result.matches.length) {
    const rows = result.matches.map((m) => [String(m.rank), m.status === 'match' ? 'match' : 'needs action', `${m.offering.identifier}  ${m.offering.name}`, m.offering.provider.name ?? '?', m.score.toFixed(2), m.price ?? '-']);
    const tableLines = table(['#', 'status', 'offering', 'provider', 'score', 'price'], rows).split('\n');
    out.push(...tableLines.slice(0, 2).map((line) => `  ${line}`));
    result.matches.forEach((m, i) => {
      out.push(`  ${tableLines[i + 2] ?? ''}`);
      const nice = niceLine(m.constraints, s);
      if (nice) out.push(`      ${nice}`);
      for (const action of m.actions) out.push(`      ${s.yellow('needs:')} ${action.action}`);
    });
  } else {
    out.push(`  ${s.red('No offering meets every must-have.')}`);
  }
  if (result.nearMisses.length) out.push(s.dim('  Near misses:'), ...result.nearMisses.map((r) => rejection(r, s)));
  if (result.rejected.length) out.push(s.dim('  Rejected:'), ...result.rejected.map((r) => rejection(r, s)));
  for (const hint of result.relaxations) out.push(`  ${s.cyan('Relax:')} ${hint.change} to also match ${hint.wouldAdd} more`);
  return out.join('\n');
}

/** The result of `mpli match` for people: per need, a ranked table, near misses and relaxations. */
export function formatResolveResult(result: ResolveResult, options: { color: boolean; skipped: readonly string[]; catalog: { manifests: number; offerings: number } }): string {
  const s = styles(options.color);
  const head = `Matched against ${options.catalog.offerings} offerings from ${options.catalog.manifests} manifests, on ${result.asOf}.${options.skipped.length ? ` Left out (invalid): ${options.skipped.join(', ')}.` : ''}`;
  const notes = result.notes.map((note) => s.yellow(`Note: ${note}`));
  return `${[head, ...notes, ...result.needs.map((n) => need(n, s))].join('\n\n')}\n`;
}

