import { randomUUID } from 'node:crypto';

/** Long work the API runs in the background, polled at /operations/{id}. */
export interface Operation {
  readonly id: string;
  readonly kind: string;
  status: 'running' | 'succeeded' | 'failed' | 'cancelled';
  readonly createdAt: string;
  finishedAt?: string;
  progress: { done: number; queued: number };
  result?: unknown;
  error?: string;
  /** For deliveries: the adapter's events so far (the last 500). */
  events?: unknown[];
}

/** What `work` may report while it runs. */
export interface OperationReporter {
  progress(done: number, queued: number): void;
  event(event: unknown): void;
}

/** The operations, newest kept, oldest finished ones forgotten beyond `max`. */
export class Operations {
  private readonly byId = new Map<string, Operation>();

  constructor(private readonly max = 1000) {}

  /**
   * Starts `work` and returns its operation at once; the operation records how it ends. `id`
   * names it (deliveries use the order id, so a repeated order finds its operation); a result
   * with a `status` of `failed` or `cancelled` (a delivery's) ends the operation that way.
   */
  start(kind: string, work: (progress: (done: number, queued: number) => void, report: OperationReporter) => Promise<unknown>, id: string = randomUUID()): Operation {
    const operation: Operation = { id, kind, status: 'running', createdAt: new Date().toISOString(), progress: { done: 0, queued: 0 } };
    this.byId.delete(id);
    this.byId.set(operation.id, operation);
    this.forgetOld();
    const reporter: OperationReporter = {
      progress: (done, queued) => void (operation.progress = { done, queued }),
      event: (event) => {
        operation.events = [...(operation.events ?? []), event].slice(-500);
      },
    };
    void work(reporter.progress, reporter).then(
      (result) => {
        const ended = (result as { status?: string; error?: string } | undefined)?.status;
        const status = ended === 'failed' || ended === 'cancelled' ? ended : 'succeeded';
        Object.assign(operation, { status, result, finishedAt: new Date().toISOString(), ...(status === 'failed' ? { error: (result as { error?: string }).error ?? 'failed' } : {}) });
      },
      (error: unknown) => Object.assign(operation, { status: 'failed', error: (error as Error).message, finishedAt: new Date().toISOString() }),
    );
    return operation;
  }

  get(id: string): Operation | undefined {
    return this.byId.get(id);
  }

  /** Whether work of this kind is running. */
  running(kind: string): boolean {
    return [...this.byId.values()].some((operation) => operation.kind === kind && operation.status === 'running');
  }

  private forgetOld(): void {
    for (const [id, operation] of this.byId) {
      if (this.byId.size <= this.max) return;
      if (operation.status !== 'running') this.byId.delete(id);
    }
  }
}
