import type { Problem } from '@mpli/core';
import type { FileResult } from '../commands/validate';
import { styles, type Styles } from '../styles';
import type { ManifestSummary } from '../summarize';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function describeSummary(summary: ManifestSummary | undefined): string {
  if (!summary) return '';
  if (summary.type === 'requirements') {
    return `requirements of ${summary.consumer}: ${plural(summary.needs, 'need')}, ${plural(summary.constraints, 'constraint')}`;
  }
  const kinds = Object.entries(summary.offerings).map(([kind, n]) => `${n} ${kind.replace(/Offering$/, '')}`).join(', ');
  return `${summary.provider}: ${kinds} offerings in ${summary.countries.join(', ')}`;
}

function describeProblem(problem: Problem, s: Styles): string {
  const where = [problem.source, problem.line, problem.column].filter((part) => part !== undefined).join(':');
  const severity = problem.severity === 'violation' ? s.red('violation') : s.yellow(problem.severity);
  const at = [problem.focusNode, problem.path].filter(Boolean).join(' ');
  const found = problem.value === undefined ? '' : ` = ${problem.value}`;
  return `  ${s.dim(where)}  ${severity}  ${at}${found}\n      ${problem.message} ${s.dim(`[${problem.rule}]`)}\n`;
}

/** One file's validation outcome for people: a verdict line, then each problem with its place. */
export function formatFileResult(result: FileResult, color: boolean): string {
  const s = styles(color);
  if (result.error) {
    const where = [result.source, result.error.line, result.error.column].filter((part) => part !== undefined).join(':');
    return `${s.red('✖')} ${s.bold(where)}: ${result.error.message} ${s.dim(`[${result.error.code}]`)}\n`;
  }
  const violations = result.problems.filter((p) => p.severity === 'violation').length;
  const others = result.problems.length - violations;
  const verdict = result.conforms
    ? `${s.green('✔')} ${s.bold(result.source)}: valid${others ? ` with ${plural(others, 'warning')}` : ''}${result.summary ? ` — ${describeSummary(result.summary)}` : ''}`
    : `${s.red('✖')} ${s.bold(result.source)}: ${plural(violations, 'violation')}${others ? `, ${plural(others, 'warning')}` : ''}`;
  return `${verdict}\n${result.problems.map((problem) => describeProblem(problem, s)).join('')}`;
}
