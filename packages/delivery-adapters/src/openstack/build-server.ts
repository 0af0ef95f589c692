import type { OperationContext } from '../operation';
import { LostBuildError, type NovaClient } from './nova';

/**
 * Creates a server and waits until it is ACTIVE. A build Nova lost (see {@link LostBuildError})
 * is deleted and made once more: the order asked for a server, and the first attempt left none.
 * Any other failure is the caller's to compensate.
 */
export async function buildServer(nova: NovaClient, spec: Parameters<NovaClient['create']>[0], context: Pick<OperationContext, 'emit' | 'signal'>, options: { pollMs?: number } = {}): Promise<string> {
  for (let attempt = 1; ; attempt += 1) {
    const id = await nova.create(spec);
    context.emit({ type: 'resource-created', resource: `server:${id}` });
    try {
      await nova.waitFor(id, ['ACTIVE'], { signal: context.signal, ...(options.pollMs ? { pollMs: options.pollMs } : {}) });
      return id;
    } catch (error) {
      if (!(error instanceof LostBuildError) || attempt >= 2) throw error;
      context.emit({ type: 'progress', message: `${error.message}: deleting it and building again`, resource: `server:${id}` });
      await nova.delete(id);
      await nova.waitGone(id);
      context.emit({ type: 'resource-removed', resource: `server:${id}` });
    }
  }
}
