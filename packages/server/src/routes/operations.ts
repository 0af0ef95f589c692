import { randomUUID } from 'node:crypto';

/** Long work the API runs in the background, polled at /operations/{id}. */
export interface Operation {
  readonly id: string;
  readonly kind: string;
  status: 'running' | 'succeeded' | 'failed';
  readonly createdAt: string;
  finishedAt?: string;
  progress: { done: number; queued: number };
  result?: unknown;
  error?: string;
}

/** The operations, newest kept, oldest finished ones forgotten beyond `max`. */
export class Operations {
  private readonly byId = new Map<string, Operation>();

  constructor(private readonly max = 1000) {}

  /** Starts `work` and returns its operation at once; the operation records how it ends. */
  start(kind: string, work: (progress: (done: number, queued: number) => void) => Promise<unknown>): Operation {
    const operation: Operation = { id: randomUUID(), kind, status: 'running', createdAt: new Date().toISOString(), progress: { done: 0, queued: 0 } };
    this.byId.set(operation.id, operation);
    this.forgetOld();
    void work((done, queued) => void (operation.progress = { done, queued })).then(
      (result) => Object.assign(operation, { status: 'succeeded', result, finishedAt: new Date().toISOString() }),
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
