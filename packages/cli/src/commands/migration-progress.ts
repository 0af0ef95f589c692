import type { MigrationEvent } from '@mpli/migrate';
import type { CliIo } from '../cli-io';

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/**
 * Steps as lines on stdout; on a terminal, a progress bar for each disk's stage and transfer on
 * stderr: bytes, rate and time left.
 */
export function migrationProgress(io: CliIo, now: () => number = () => performance.now()): { event: (event: MigrationEvent) => void; done: () => void } {
  let started: { key: string; at: number; from: number } | undefined;
  let barShown = false;
  const endBar = () => {
    if (barShown) io.stderr('\n');
    barShown = false;
  };
  return {
    event: (event) => {
      if (event.type === 'step') {
        endBar();
        return io.stdout(`${event.resumed ? '↻' : '▶'} ${event.step}: ${event.message}\n`);
      }
      if (!io.color) return;
      const key = `${event.step}:${event.disk}`;
      if (started?.key !== key) started = { key, at: now(), from: event.doneBytes };
      const seconds = Math.max((now() - started.at) / 1000, 1e-3);
      const rate = (event.doneBytes - started.from) / seconds;
      const left = rate > 0 ? Math.ceil((event.totalBytes - event.doneBytes) / rate) : 0;
      const width = 30;
      const filled = Math.round((event.doneBytes / Math.max(event.totalBytes, 1)) * width);
      io.stderr(`\r  ${event.step} ${event.disk} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${mb(event.doneBytes)} of ${mb(event.totalBytes)}, ${mb(rate)}/s, ${left} s left  `);
      barShown = true;
    },
    done: endBar,
  };
}
