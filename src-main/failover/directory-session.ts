/**
 * The engine's hold on the directory across lost connections. Every operation goes through `call`: when the
 * directory drops (`unavailable`) or stops answering (`timeout`), the session opens a new connection with the
 * engine's `connect` factory, retrying with exponential backoff for a bounded time, and runs the operation again.
 * Concurrent operations that fail together share one reconnection. When the time is up (or the operator cancels)
 * the session fails with {@link RunStopped} and the run stops, reporting what was done.
 *
 * The first connection is not retried: an unreachable server or a wrong password at the start is told at once.
 */
import { type DirectoryEntry, type DirectoryPort, isDirectoryError, type SearchOptions } from '../directory/port';

/** The run must stop: the directory stayed away for too long, refused a reconnection, or the operator cancelled. */
export class RunStopped extends Error {
  override readonly name = 'RunStopped';
}

/** Whether an error means the connection (not the operation) failed, so reconnecting and retrying may help. */
export function isTransient(error: unknown): boolean {
  return isDirectoryError(error) && (error.code === 'unavailable' || error.code === 'timeout');
}

export interface DirectorySessionOptions {
  readonly connect: () => Promise<DirectoryPort>;
  /** How long one outage is retried before the run stops. */
  readonly retryForMs: number;
  readonly signal?: AbortSignal;
  readonly onLog?: (level: 'info' | 'warn' | 'error', line: string) => void;
  /** First wait between reconnection attempts (default 100 ms), doubled each time up to `maxDelayMs` (5 s). */
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
}

function seconds(ms: number): string {
  return `${ms % 1000 === 0 ? ms / 1000 : (ms / 1000).toFixed(1)} s`;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** A directory connection that survives outages of up to `retryForMs`. */
export class DirectorySession {
  readonly #options: DirectorySessionOptions;
  #port: DirectoryPort;
  #generation = 0;
  #recovering: Promise<void> | undefined;
  #failure: RunStopped | undefined;
  readonly #opened: DirectoryPort[] = [];

  private constructor(options: DirectorySessionOptions, port: DirectoryPort) {
    this.#options = options;
    this.#port = port;
    this.#opened.push(port);
  }

  /** Opens the first connection (no retry: a failure here is reported as is). */
  static async open(options: DirectorySessionOptions): Promise<DirectorySession> {
    return new DirectorySession(options, await options.connect());
  }

  /** Counts reconnections; an operation started under an older generation failed on an older connection. */
  get generation(): number {
    return this.#generation;
  }

  /**
   * Runs one operation, reconnecting and retrying it after a lost connection. `onRetry` is told before each retry:
   * the failed attempt may have reached the directory, so its effect is unknown.
   */
  async call<T>(operation: (port: DirectoryPort) => Promise<T>, onRetry?: () => void): Promise<T> {
    for (;;) {
      if (this.#failure !== undefined) throw this.#failure;
      const generation = this.#generation;
      try {
        return await operation(this.#port);
      } catch (error) {
        if (!isTransient(error)) throw error;
        await this.recover(generation, error);
        onRetry?.();
      }
    }
  }

  /** Collects a small search (configuration objects, one entry) with `call`'s retry. */
  async collect(base: string, options: SearchOptions): Promise<DirectoryEntry[]> {
    return this.call(async (port) => {
      const entries: DirectoryEntry[] = [];
      for await (const entry of port.search(base, options)) entries.push(entry);
      return entries;
    });
  }

  /** Streams a search from the current connection (no retry inside: callers restart it, see `recover`). */
  search(base: string, options: SearchOptions): AsyncIterable<DirectoryEntry> {
    if (this.#failure !== undefined) throw this.#failure;
    return this.#port.search(base, options);
  }

  /**
   * Reconnects after `error` hit an operation started under `generation`. Returns at once when another operation
   * already reconnected since; throws {@link RunStopped} when the outage outlasts `retryForMs`.
   */
  async recover(generation: number, error: unknown): Promise<void> {
    if (this.#failure !== undefined) throw this.#failure;
    if (generation !== this.#generation) return;
    this.#recovering ??= this.#reconnect(error).finally(() => {
      this.#recovering = undefined;
    });
    await this.#recovering;
  }

  async #reconnect(cause: unknown): Promise<void> {
    const { retryForMs, signal } = this.#options;
    const log = this.#options.onLog;
    const lost = this.#port;
    void lost.close().catch(() => undefined);
    log?.('warn', `lost the directory connection (${describe(cause)}); reconnecting for up to ${seconds(retryForMs)}`);
    const deadline = Date.now() + retryForMs;
    let delay = this.#options.initialDelayMs ?? 100;
    let last: unknown;
    for (let attempt = 1; ; attempt += 1) {
      if (signal?.aborted === true) this.#fail(new RunStopped('cancelled while reconnecting to the directory'));
      try {
        const port = await this.#options.connect();
        this.#opened.push(port);
        this.#port = port;
        this.#generation += 1;
        log?.('info', `reconnected to the directory (attempt ${attempt})`);
        return;
      } catch (error) {
        if (!isTransient(error)) {
          this.#fail(new RunStopped(`could not reconnect to the directory: ${describe(error)}`));
        }
        last = error;
      }
      const wait = Math.min(delay, Math.max(0, deadline - Date.now()));
      if (wait <= 0) {
        this.#fail(new RunStopped(`lost the directory connection and could not reconnect within ${seconds(retryForMs)}: ${describe(last)}`));
      }
      await sleep(wait, signal);
      delay = Math.min(delay * 2, this.#options.maxDelayMs ?? 5000);
    }
  }

  #fail(stop: RunStopped): never {
    this.#failure = stop;
    throw stop;
  }

  /** Closes every connection this session opened. */
  async close(): Promise<void> {
    await Promise.all(this.#opened.map((port) => port.close().catch(() => undefined)));
  }
}
