/**
 * The engine's hold on the directory across lost connections. Every operation goes through `call`: when the
 * directory drops (`unavailable`) or stops answering (`timeout`), the session opens a new connection with the
 * engine's `connect` factory and runs the operation again. Concurrent operations that fail together share one
 * reconnection. When the outage outlasts `retryForMs` (or the operator cancels) the session fails with
 * {@link RunStopped} and the run stops, reporting what was done.
 *
 * An outage lasts from the first lost operation until an operation succeeds again, not until a new connection
 * object exists: a client library may hand out a connection without reaching the server, and a server that accepts
 * the connection but fails every operation must not be hammered. So:
 *  - a reconnection counts only once the new connection has bound and read the root DSE (one read);
 *  - attempts are spaced by capped exponential backoff with jitter ("equal jitter": half the delay fixed, half
 *    random; see the AWS Architecture Blog, "Exponential Backoff And Jitter", 2015), and the backoff and the
 *    deadline carry on through the whole outage, even when a reconnection "succeeds" but the next operation fails;
 *  - at most one log line per attempt;
 *  - only the current connection is kept: a lost one is closed at once, so a long outage holds no memory.
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
  /** First wait between reconnection attempts (default 250 ms), doubled each time up to `maxDelayMs` (10 s). */
  readonly initialDelayMs?: number;
  readonly maxDelayMs?: number;
  /** A number in [0, 1) for the jitter (default Math.random). */
  readonly random?: () => number;
  /** The clock (default Date.now). */
  readonly now?: () => number;
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

/** One outage: from the first lost operation until an operation succeeds again. */
interface Outage {
  readonly deadline: number;
  /** Reconnection attempts so far (each one waited its backoff first, but the very first). */
  attempts: number;
  /** The next backoff delay before jitter. */
  delay: number;
  last: unknown;
}

/** A directory connection that survives outages of up to `retryForMs`. */
export class DirectorySession {
  readonly #options: DirectorySessionOptions;
  readonly #now: () => number;
  #port: DirectoryPort;
  #generation = 0;
  #recovering: Promise<void> | undefined;
  #failure: RunStopped | undefined;
  #outage: Outage | undefined;
  #connections = 1;

  private constructor(options: DirectorySessionOptions, port: DirectoryPort) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
    this.#port = port;
  }

  /** Opens the first connection (no retry: a failure here is reported as is). */
  static async open(options: DirectorySessionOptions): Promise<DirectorySession> {
    return new DirectorySession(options, await options.connect());
  }

  /** Counts reconnections; an operation started under an older generation failed on an older connection. */
  get generation(): number {
    return this.#generation;
  }

  /** Connections opened so far, the first included (each lost one was closed). */
  get connectionsOpened(): number {
    return this.#connections;
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
        const result = await operation(this.#port);
        this.#answered();
        return result;
      } catch (error) {
        if (!isTransient(error)) {
          // A refusal is an answer: the directory is there.
          if (isDirectoryError(error)) this.#answered();
          throw error;
        }
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

  /**
   * Streams a search from the current connection (no retry inside: callers restart it, see `recover`). The first
   * entry (or the end of the search) ends an outage.
   */
  async *search(base: string, options: SearchOptions): AsyncGenerator<DirectoryEntry> {
    if (this.#failure !== undefined) throw this.#failure;
    let first = true;
    for await (const entry of this.#port.search(base, options)) {
      if (first) this.#answered();
      first = false;
      yield entry;
    }
    if (first) this.#answered();
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

  /** An operation was answered: the outage, if any, is over. */
  #answered(): void {
    if (this.#outage === undefined) return;
    this.#options.onLog?.('info', `the directory answers again (after ${this.#outage.attempts} reconnection attempt(s))`);
    this.#outage = undefined;
  }

  #jittered(delay: number): number {
    const random = this.#options.random ?? Math.random;
    return delay / 2 + random() * (delay / 2);
  }

  async #reconnect(cause: unknown): Promise<void> {
    const { retryForMs, signal } = this.#options;
    const log = this.#options.onLog;
    const lost = this.#port;
    void lost.close().catch(() => undefined);
    let outage = this.#outage;
    if (outage === undefined) {
      outage = { deadline: this.#now() + retryForMs, attempts: 0, delay: this.#options.initialDelayMs ?? 250, last: cause };
      this.#outage = outage;
      log?.('warn', `lost the directory connection (${describe(cause)}); reconnecting for up to ${seconds(retryForMs)}`);
    } else {
      outage.last = cause;
    }
    const checkCancelled = (): void => {
      if (signal?.aborted === true) this.#fail(new RunStopped('cancelled while reconnecting to the directory'));
    };
    for (;;) {
      checkCancelled();
      // The first attempt of an outage goes at once; every later one (also after a reconnection whose connection
      // failed again at once) waits its backoff first.
      if (outage.attempts > 0) {
        const wait = Math.min(this.#jittered(outage.delay), Math.max(0, outage.deadline - this.#now()));
        outage.delay = Math.min(outage.delay * 2, this.#options.maxDelayMs ?? 10_000);
        if (wait > 0) await sleep(wait, signal);
        checkCancelled();
      }
      if (this.#now() >= outage.deadline && outage.attempts > 0) {
        this.#fail(
          new RunStopped(
            `the directory did not answer for ${seconds(retryForMs)} (${outage.attempts} reconnection attempt(s)); last error: ${describe(outage.last)}`,
          ),
        );
      }
      outage.attempts += 1;
      let port: DirectoryPort | undefined;
      try {
        port = await this.#options.connect();
        this.#connections += 1;
        // A connection object is not a connection: it counts once it has bound and answered a read.
        await port.rootDse();
        this.#port = port;
        this.#generation += 1;
        log?.('info', `reconnected to the directory (attempt ${outage.attempts})`);
        return;
      } catch (error) {
        void port?.close().catch(() => undefined);
        if (!isTransient(error)) {
          this.#fail(new RunStopped(`could not reconnect to the directory: ${describe(error)}`));
        }
        outage.last = error;
        log?.('warn', `reconnection attempt ${outage.attempts} failed: ${describe(error)}`);
      }
    }
  }

  #fail(stop: RunStopped): never {
    this.#failure = stop;
    throw stop;
  }

  /** Closes the current connection (the lost ones were closed when they were lost). */
  async close(): Promise<void> {
    await this.#port.close().catch(() => undefined);
  }
}
