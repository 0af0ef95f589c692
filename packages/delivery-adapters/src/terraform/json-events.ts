import type { OperationContext } from '../operation';

/** One line of Terraform's (and OpenTofu's) machine-readable UI, as `-json` prints it. */
interface UiLine {
  readonly '@message'?: string;
  readonly '@level'?: string;
  readonly type?: string;
  readonly hook?: { resource?: { addr?: string }; action?: string; output?: string; elapsed_seconds?: number };
  readonly diagnostic?: { severity?: string; summary?: string; detail?: string };
  readonly changes?: { add?: number; change?: number; remove?: number; operation?: string };
}

/**
 * Turns the lines of `terraform apply -json` / `destroy -json` into delivery events: resources
 * created and removed as Terraform completes them, provisioner output and diagnostics as
 * progress. Lines that are not JSON (a tool's stray output) are passed on as progress.
 */
export function uiLineHandler(context: OperationContext): (line: string) => void {
  return (text) => {
    let line: UiLine;
    try {
      line = JSON.parse(text) as UiLine;
    } catch {
      if (text.trim()) context.emit({ type: 'progress', message: text.trim() });
      return;
    }
    const handle = line.type ? HANDLERS[line.type] : undefined;
    handle?.(line, context);
  };
}

type Handler = (line: UiLine, context: OperationContext) => void;

const completed: Handler = (line, context) => {
  const resource = line.hook?.resource?.addr;
  if (!resource) return;
  const action = line.hook?.action;
  if (action === 'delete') context.emit({ type: 'resource-removed', resource });
  else if (action === 'create' || action === 'replace') context.emit({ type: 'resource-created', resource });
  else context.emit({ type: 'progress', message: line['@message'] ?? `${resource}: ${action}`, resource });
};

const started: Handler = (line, context) => {
  const resource = line.hook?.resource?.addr;
  context.emit({ type: 'progress', message: line['@message'] ?? line.type ?? '', ...(resource ? { resource } : {}) });
};

// version, log, refresh, outputs and apply_progress lines are left out: too chatty, or said again
// by the lines below.
const HANDLERS: Readonly<Record<string, Handler>> = {
  apply_complete: completed,
  apply_start: started,
  apply_errored: started,
  provision_start: started,
  provision_errored: started,
  provision_progress: (line, context) => {
    const resource = line.hook?.resource?.addr;
    context.emit({ type: 'progress', message: line.hook?.output ?? '', ...(resource ? { resource } : {}) });
  },
  diagnostic: (line, context) => {
    const d = line.diagnostic;
    context.emit({ type: 'progress', message: `${d?.severity ?? 'note'}: ${d?.summary ?? ''}${d?.detail ? ` (${d.detail})` : ''}` });
  },
  change_summary: (line, context) => context.emit({ type: 'progress', message: line['@message'] ?? 'changes applied' }),
};
