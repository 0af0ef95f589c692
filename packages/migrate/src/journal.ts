import { open, type FileHandle } from 'node:fs/promises';
import { MigrationError } from './migration-error';

/** Every journal record names its kind. */
export interface JournalRecord {
  readonly type: string;
}

/**
 * An append-only journal of JSON lines, each made durable (fdatasync) before `append` returns:
 * what it holds happened. A process killed in the middle of a write leaves at most a torn last
 * line, which `openJournal` drops: that record never counted.
 */
export interface Journal<R extends JournalRecord> {
  /** Everything recorded, oldest first (including what this process appended). */
  readonly records: readonly R[];
  append(...records: R[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens (or creates) a journal file and reads what it holds.
 *
 * @example
 * const journal = await openJournal<{ type: 'step'; name: string }>('/var/lib/mpli/m1.journal');
 * if (!journal.records.some((r) => r.name === 'export')) { ...; await journal.append({ type: 'step', name: 'export' }); }
 */
export async function openJournal<R extends JournalRecord>(path: string): Promise<Journal<R>> {
  const file = await open(path, 'a+');
  try {
    const records = await readRecords<R>(file, path);
    return {
      records,
      async append(...more) {
        if (more.length === 0) return;
        await file.appendFile(more.map((r) => `${JSON.stringify(r)}\n`).join(''));
        await file.datasync();
        records.push(...more);
      },
      close: () => file.close(),
    };
  } catch (error) {
    await file.close();
    throw error;
  }
}

async function readRecords<R extends JournalRecord>(file: FileHandle, path: string): Promise<R[]> {
  const text = (await file.readFile()).toString('utf8');
  const complete = text.lastIndexOf('\n') + 1;
  // A torn last line (a kill during a write) is cut off, so the next append starts on a clean line.
  if (complete < text.length) await file.truncate(Buffer.byteLength(text.slice(0, complete)));
  const records: R[] = [];
  const lines = text.slice(0, complete).split('\n');
  for (let i = 0; i < lines.length - 1; i += 1) {
    try {
      const record = JSON.parse(lines[i]!) as R;
      if (typeof record?.type !== 'string') throw new Error('no "type"');
      records.push(record);
    } catch (error) {
      throw new MigrationError('JOURNAL', `${path}:${i + 1}: not a journal record (${(error as Error).message})`);
    }
  }
  return records;
}
