import type { OperationContext } from '../operation';

/** A host's result for a task, as the callback prints it. */
export interface TaskResult {
  readonly status: 'ok' | 'failed' | 'ignored' | 'skipped' | 'unreachable';
  readonly host: string;
  readonly task: string;
  readonly changed: boolean;
  readonly msg: string;
  readonly stderr: string;
}

/** What one `ansible-playbook` run reported. */
export interface RunReport {
  readonly results: TaskResult[];
  /** `set_stats` data (per_host: false), such as `mpli_resources` and `mpli_outputs`. */
  custom: Record<string, unknown>;
}

type Line = ({ event: 'result' } & TaskResult) | { event: 'task'; name: string } | { event: 'play'; name: string } | { event: 'stats'; custom?: Record<string, unknown> };

/**
 * Reads the callback's JSON lines into a report, and tells the operation as they come: each task
 * start, each change, each failure. With `context` absent (a plan), it only collects.
 */
export function runCollector(context?: OperationContext): { report: RunReport; onLine: (line: string) => void } {
  const report: RunReport = { results: [], custom: {} };
  const onLine = (text: string) => {
    let line: Line;
    try {
      line = JSON.parse(text) as Line;
    } catch {
      if (text.trim()) context?.emit({ type: 'progress', message: text.trim() });
      return;
    }
    if (line.event === 'result') {
      report.results.push(line);
      if (line.status === 'failed' || line.status === 'unreachable') context?.emit({ type: 'progress', message: `${line.host}: ${line.task}: ${line.status}: ${line.msg || line.stderr}` });
      else if (line.changed) context?.emit({ type: 'progress', message: `${line.host}: ${line.task}: changed`, resource: `${line.host}: ${line.task}` });
    } else if (line.event === 'task') {
      context?.emit({ type: 'progress', message: `task: ${line.name}` });
    } else if (line.event === 'stats') {
      report.custom = (line.custom?._run as Record<string, unknown> | undefined) ?? {};
    }
  };
  return { report, onLine };
}

/** The first failure of a run, in words. */
export function firstFailure(report: RunReport): string | undefined {
  const failed = report.results.find((r) => r.status === 'failed' || r.status === 'unreachable');
  return failed && `task "${failed.task}" ${failed.status === 'unreachable' ? 'could not reach' : 'failed on'} ${failed.host}: ${failed.msg || failed.stderr || 'no message'}`;
}
