/**
 * Keeps a bounded number of operations in flight: writes are bounded by the server's disk, so several must be
 * outstanding at once (against slapd, one at a time is several times slower), but never an unbounded number — the
 * producer (a paged search) waits for a free slot, so memory stays flat however many mailboxes there are.
 */
export class BoundedPipeline {
  readonly #limit: number;
  #active = 0;
  readonly #waiting: (() => void)[] = [];
  #idle: (() => void)[] = [];
  #failure: unknown;
  #failed = false;

  constructor(limit: number) {
    this.#limit = Math.max(1, Math.floor(limit));
  }

  /** Operations in flight now. */
  get active(): number {
    return this.#active;
  }

  /**
   * Waits for a free slot, then starts `task` and returns (without waiting for it to finish). A task that rejects
   * is a bug of the caller (tasks record their own failures): its error is rethrown by `drain`.
   */
  async submit(task: () => Promise<void>): Promise<void> {
    while (this.#active >= this.#limit) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#active += 1;
    void task()
      .catch((error: unknown) => {
        if (!this.#failed) {
          this.#failed = true;
          this.#failure = error;
        }
      })
      .finally(() => {
        this.#active -= 1;
        this.#waiting.shift()?.();
        if (this.#active === 0) {
          const idle = this.#idle;
          this.#idle = [];
          for (const resolve of idle) resolve();
        }
      });
  }

  /** Waits until nothing is in flight; rethrows the first error a task let escape. */
  async drain(): Promise<void> {
    if (this.#active > 0) await new Promise<void>((resolve) => this.#idle.push(resolve));
    if (this.#failed) throw this.#failure;
  }
}

/**
 * A counting semaphore: at most `limit` holders at once, the others wait their turn in order. The mailbox phase
 * keeps more change sets under way than it sends at once: each first waits for its journal intent to be on disk,
 * then for one of these slots, so a batch of intents is committed while the previous batch is in flight and the
 * directory never waits on the journal's disk.
 */
export class Slots {
  readonly #limit: number;
  #held = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(limit: number) {
    this.#limit = Math.max(1, Math.floor(limit));
  }

  /** Runs `task` in a slot, waiting for one when all are held. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#held >= this.#limit) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    else this.#held += 1;
    try {
      return await task();
    } finally {
      const next = this.#waiting.shift();
      if (next !== undefined) next();
      else this.#held -= 1;
    }
  }
}
