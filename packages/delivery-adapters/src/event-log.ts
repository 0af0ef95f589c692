/**
 * An append-only list of events that any number of readers iterate from the start, waiting for
 * more until the log is closed. A reader that comes late still sees every event.
 */
export class EventLog<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private closed = false;
  private wake: (() => void)[] = [];

  push(item: T): void {
    if (this.closed) throw new Error('the event log is closed');
    this.items.push(item);
    this.notify();
  }

  close(): void {
    this.closed = true;
    this.notify();
  }

  /** The events so far. */
  snapshot(): readonly T[] {
    return [...this.items];
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    let next = 0;
    for (;;) {
      while (next < this.items.length) yield this.items[next++]!;
      if (this.closed) return;
      await new Promise<void>((resolve) => this.wake.push(resolve));
    }
  }

  private notify(): void {
    const waiting = this.wake;
    this.wake = [];
    for (const resolve of waiting) resolve();
  }
}
