/**
 * Saves a whole file atomically (temp file, fsync, rename, fsync of the folder) and coalesces requests: while one
 * save runs, every further request joins a single next save, so 500 modifies in flight cause two or three
 * rewrites, not 500. A request's promise resolves only after a save that started after the request — and so
 * contains the change that preceded it — is on disk.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

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

/** Writes `chunks` to `path` so that readers see either the old or the new file, never a partial one. */
export async function writeFileAtomically(path: string, chunks: Iterable<string>): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'w', 0o600);
    try {
      let batch = '';
      for (const chunk of chunks) {
        batch += chunk;
        if (batch.length >= 1 << 16) {
          await handle.write(batch);
          batch = '';
        }
      }
      if (batch.length > 0) await handle.write(batch);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  try {
    const folder = await open(dirname(path), 'r');
    try {
      await folder.sync();
    } finally {
      await folder.close();
    }
  } catch {
    // Some platforms (Windows) cannot fsync a folder; the rename is still atomic there.
  }
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
        await writeFileAtomically(this.path, chunks);
        this.#saves += 1;
        batch.resolve();
      } catch (error) {
        batch.reject(error);
      }
    }
    this.#running = undefined;
  }
}
