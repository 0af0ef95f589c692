import type { DeliveredResource, DeliveryEvent, DeliveryOperation, DeliveryResult } from './contract';
import { DeliveryError } from './delivery-error';
import { EventLog } from './event-log';
import { redactDeep } from './redact';

type Emitted = DeliveryEvent extends infer E ? (E extends { operation: string } ? Omit<E, 'operation'> : never) : never;

/** What an operation's work sees: where to report progress, and when to stop. */
export interface OperationContext {
  emit(event: Emitted): void;
  /** Aborted when the operation is cancelled. */
  readonly signal: AbortSignal;
}

/** The work of an apply or destroy, handed to {@link startOperation}. */
export interface OperationWork {
  readonly id: string;
  readonly action: 'apply' | 'destroy';
  /** Blanks secrets out of everything the operation lets out. */
  readonly redact: (text: string) => string;
  run(context: OperationContext): Promise<{ resources: readonly DeliveredResource[]; outputs: Readonly<Record<string, string>> }>;
  /**
   * Removes what this operation created, after a failure or a cancel; returns what it could not
   * remove. Runs with a fresh, unaborted signal.
   */
  compensate?(context: OperationContext, reason: string): Promise<readonly DeliveredResource[]>;
}

/**
 * Runs an adapter's work as a {@link DeliveryOperation}: events in order (`started` first; then
 * `completed`, `failed` or `cancelled` last), `cancel()` through an AbortSignal, compensation on
 * failure and on cancel, and every string that leaves it redacted.
 */
export function startOperation(work: OperationWork): DeliveryOperation {
  const log = new EventLog<DeliveryEvent>();
  const controller = new AbortController();
  const emit = (event: Emitted) => log.push(redactDeep({ ...event, operation: work.id } as DeliveryEvent, work.redact));
  const result = (async (): Promise<DeliveryResult> => {
    emit({ type: 'started', action: work.action });
    try {
      const { resources, outputs } = await work.run({ emit, signal: controller.signal });
      if (controller.signal.aborted) throw new DeliveryError('CANCELLED', 'cancelled');
      emit({ type: 'completed', outputs });
      return redactDeep({ operation: work.id, status: 'succeeded', resources, outputs, leftovers: [] }, work.redact);
    } catch (error) {
      const cancelled = controller.signal.aborted;
      const reason = work.redact(cancelled ? 'the operation was cancelled' : (error as Error).message);
      let leftovers: readonly DeliveredResource[] = [];
      if (work.compensate) {
        emit({ type: 'compensating', reason });
        const fresh = new AbortController();
        try {
          leftovers = await work.compensate({ emit, signal: fresh.signal }, reason);
        } catch (compensationError) {
          emit({ type: 'progress', message: `compensation failed: ${(compensationError as Error).message}` });
          leftovers = [{ resource: '(unknown: compensation failed)', operation: work.id }];
        }
      }
      emit(cancelled ? { type: 'cancelled', leftovers } : { type: 'failed', error: reason, leftovers });
      return redactDeep({ operation: work.id, status: cancelled ? 'cancelled' : 'failed', resources: leftovers, outputs: {}, leftovers, ...(cancelled ? {} : { error: reason }) }, work.redact);
    } finally {
      log.close();
    }
  })();
  return { id: work.id, events: log, result, cancel: () => controller.abort() };
}
