/** A hand-driven clock for the monitor's unit tests: nothing waits for real time (but for the flushes of I/O). */
import type { Timers } from '../../../../src-main/shared/timers';

interface Pending {
  readonly id: number;
  readonly at: number;
  readonly callback: () => void;
}

/** Lets promises, and the file system's callbacks, run. */
export async function flush(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
}

export class FakeTimers implements Timers {
  private time: number;
  private pending: Pending[] = [];
  private nextId = 1;

  constructor(start = Date.parse('2026-12-08T03:00:00.000Z')) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId;
    this.nextId += 1;
    this.pending.push({ id, at: this.time + Math.max(0, ms), callback });
    return id;
  }

  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((p) => p.id !== handle);
  }

  /** Timers still set. */
  get count(): number {
    return this.pending.length;
  }

  /** Moves the clock `ms` forward, running each timer due on the way at its own time (earliest first). */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    await flush();
    for (;;) {
      const due = [...this.pending].filter((p) => p.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (due === undefined) break;
      this.pending = this.pending.filter((p) => p.id !== due.id);
      this.time = Math.max(this.time, due.at);
      due.callback();
      await flush();
    }
    this.time = end;
    await flush();
  }
}
