/**
 * Saves a whole file atomically (temp file, fsync, rename, fsync of the folder) and coalesces requests: while one
 * save runs, every further request joins a single next save, so 500 modifies in flight cause two or three
 * rewrites, not 500. A request's promise resolves only after a save that started after the request — and so
 * contains the change that preceded it — is on disk.
 */
import { writeFileAtomic } from '../../shared/write-file-atomic';

interface Waiters {
  readonly promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function waiters(): Waiters {
  let resolve: () => void = () => undefined;
  let reject: (error: unknown) => void = () => undefined;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}


/** One file, rewritten in full on request, with concurrent requests coalesced. */
export class CoalescingFileWriter {
  #pending: Waiters | undefined;
  #running: Promise<void> | undefined;
  #saves = 0;

  /** `render` is called at the start of each save and must return the whole content (a consistent snapshot). */
  constructor(
    readonly path: string,
    private readonly render: () => Iterable<string>,
  ) {}

  /** How many saves have completed (for tests and diagnostics). */
  get saves(): number {
    return this.#saves;
  }

  /** Requests a save; resolves once a save containing everything done before this call is on disk. */
  save(): Promise<void> {
    this.#pending ??= waiters();
    const { promise } = this.#pending;
    this.#running ??= this.#loop();
    return promise;
  }

  /** Resolves when no save is running or pending. */
  async idle(): Promise<void> {
    while (this.#running !== undefined) await this.#running.catch(() => undefined);
  }

  async #loop(): Promise<void> {
    // Let the current burst of synchronous changes join the first save.
    await new Promise((resolve) => setImmediate(resolve));
    while (this.#pending !== undefined) {
      const batch = this.#pending;
      this.#pending = undefined;
      try {
        const chunks = Array.from(this.render());
        await writeFileAtomic(this.path, chunks);
        this.#saves += 1;
        batch.resolve();
      } catch (error) {
        batch.reject(error);
      }
    }
    this.#running = undefined;
  }
}
