/**
 * The journal, written ahead: before the engine sends a change to the directory, the change's intent (entry,
 * attributes, values before and after) is in the journal file and synced to disk; after the directory answered,
 * the outcome follows. So after a crash, a kill or a full disk at any moment, every change that may have reached the
 * directory is in the journal, and `undo` can restore it (journal-lines.ts says what the lines hold, journal-seal.ts
 * how each line is chained to the one before it).
 *
 * Syncing once per change would make the journal, not the directory, the bottleneck, so intents are committed in
 * groups: an intent joins the batch being gathered, one append and one `fdatasync` commit the whole batch, and all
 * its changes are sent at once; while a batch syncs, the next one gathers (group commit, as databases do with their
 * write-ahead logs). Outcome lines are not waited for: they ride with the next batch, and an outcome lost in a
 * crash only makes undo re-read that entry before restoring it.
 *
 * A journal that cannot be written (full disk, I/O error) fails every intent waiting for it and every later one:
 * no change is sent after the journal failed.
 */
import { type FileHandle, open } from 'node:fs/promises';
import type { ChangeSet } from './change-set';
import { FailoverInputError } from './engine-api';
import { JOURNAL_VERSION, type JournalEndLine, type JournalRunLine, type OutcomeResult } from './journal-lines';
import { GENESIS_HASH, hashOfSealedLine, sealLine } from './journal-seal';
import { linesBackwards } from './reverse-lines';

/** A batch of intents is committed once it holds this many (or {@link COMMIT_INTERVAL_MS} after the last commit). */
export const COMMIT_BATCH = 64;
/** The least time between two commits of batched intents (a batch that fills up goes at once). */
export const COMMIT_INTERVAL_MS = 20;

/** The file operations the journal needs (Node's FileHandle has them; tests pass one whose disk fills). */
export interface JournalFile {
  appendFile(data: string, encoding: 'utf8'): Promise<void>;
  datasync(): Promise<void>;
  close(): Promise<void>;
}

/** Opens the journal file for appending (Node's `open(path, 'a')` in production). */
export type OpenJournalFile = (path: string) => Promise<JournalFile>;

const openForAppend: OpenJournalFile = (path) => open(path, 'a');

/** The head of a run: what it is. */
export type JournalHead = Omit<JournalRunLine, 'kind' | 'version' | 'time' | 'prev' | 'hash'>;

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
}

/**
 * Where an existing journal's chain ends, dropping a last line cut short by a killed run (its intents were never
 * synced, so none of their changes was sent). Returns the hash to continue from, and what was dropped.
 */
async function chainEnd(path: string): Promise<{ prev: string; dropped: number }> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r+');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { prev: GENESIS_HASH, dropped: 0 };
    throw error;
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) return { prev: GENESIS_HASH, dropped: 0 };
    const lastByte = Buffer.alloc(1);
    await handle.read(lastByte, 0, 1, size - 1);
    const cutShort = lastByte[0] !== 0x0a;
    let keep = size;
    for await (const line of linesBackwards(path)) {
      if (cutShort && keep === size) {
        keep = size - Buffer.byteLength(line, 'utf8');
        continue;
      }
      const hash = hashOfSealedLine(line);
      if (hash === undefined) break;
      if (keep < size) await handle.truncate(keep);
      return { prev: hash, dropped: size - keep };
    }
    if (cutShort && keep === 0) {
      await handle.truncate(0);
      return { prev: GENESIS_HASH, dropped: size };
    }
    throw new FailoverInputError(`${path} does not end with a journal line of this version; name another journal file`);
  } finally {
    await handle.close();
  }
}

/** Appends a run's lines to the journal file: intents synced before they are sent, in groups. */
export class JournalWriter {
  readonly #file: JournalFile;
  readonly #runIdJson: string;
  readonly #now: () => Date;
  readonly path: string;
  #prev: string;
  #pending: string[] = [];
  #waiters: Waiter[] = [];
  #committing = false;
  #scheduled = false;
  #batched = 0;
  #urgent = 0;
  #lastCommit = 0;
  #timer: NodeJS.Timeout | undefined;
  #op = 0;
  #applied = 0;
  #failure: Error | undefined;
  #closed = false;

  private constructor(path: string, file: JournalFile, runId: string, prev: string, now: () => Date) {
    this.path = path;
    this.#file = file;
    this.#runIdJson = JSON.stringify(runId);
    this.#prev = prev;
    this.#now = now;
  }

  /**
   * Opens (creating or appending to) the journal and commits the run's first line at once. A journal that cannot
   * be opened or written refuses the run (FailoverInputError) before its first change. Appending to a journal
   * continues its chain; a last line cut short by a killed run is dropped first (`onDropped` is told).
   */
  static async open(
    path: string,
    head: JournalHead,
    now: () => Date,
    options: { readonly openFile?: OpenJournalFile; readonly onDropped?: (bytes: number) => void } = {},
  ): Promise<JournalWriter> {
    let writer: JournalWriter;
    try {
      const end = await chainEnd(path);
      if (end.dropped > 0) options.onDropped?.(end.dropped);
      const file = await (options.openFile ?? openForAppend)(path);
      writer = new JournalWriter(path, file, head.runId, end.prev, now);
    } catch (error) {
      if (error instanceof FailoverInputError) throw error;
      throw new FailoverInputError(`cannot open the journal ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const line: Omit<JournalRunLine, 'prev' | 'hash'> = { kind: 'run', version: JOURNAL_VERSION, ...head, time: now().toISOString() };
    try {
      await writer.#commitLine(JSON.stringify(line));
    } catch (error) {
      await writer.#file.close().catch(() => undefined);
      throw new FailoverInputError(`cannot write the journal ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return writer;
  }

  /** Changes the directory confirmed applied so far. */
  get applied(): number {
    return this.#applied;
  }

  /** The first write error, if any: a run whose journal cannot be written must stop. */
  get failure(): Error | undefined {
    return this.#failure;
  }

  #push(json: string): void {
    const sealed = sealLine(json, this.#prev);
    this.#prev = sealed.hash;
    this.#pending.push(`${sealed.text}\n`);
  }

  #commitLine(json: string): Promise<void> {
    this.#push(json);
    return this.#durable();
  }

  /** A promise that resolves when everything pushed so far is on disk. */
  #durable(batched = false): Promise<void> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    const done = new Promise<void>((resolve, reject) => this.#waiters.push({ resolve, reject }));
    if (batched) this.#batched += 1;
    else this.#urgent += 1;
    this.#wake();
    return done;
  }

  /**
   * Decides when the next commit starts: at once for an intent that cannot wait (a configuration change, the run's
   * first and last lines); for batched intents once a batch is full, or {@link COMMIT_INTERVAL_MS} after the last
   * commit started. Each sync may also flush other files' data the file system holds back (the directory's own
   * database on the same disk), so fewer, larger commits cost the directory less.
   */
  #wake(): void {
    if (this.#committing || this.#scheduled) return;
    if (this.#waiters.length === 0) return;
    const wait = this.#urgent > 0 || this.#batched >= COMMIT_BATCH ? 0 : this.#lastCommit + COMMIT_INTERVAL_MS - Date.now();
    if (wait <= 0) {
      if (this.#timer !== undefined) clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#scheduled = true;
      // Let the other changes submitted in this turn of the event loop join the batch.
      setImmediate(() => {
        this.#scheduled = false;
        void this.#commit();
      });
      return;
    }
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      this.#lastCommit = 0;
      this.#wake();
    }, wait);
  }

  async #commit(): Promise<void> {
    if (this.#committing) return;
    const text = this.#pending.join('');
    const waiters = this.#waiters;
    this.#pending = [];
    this.#waiters = [];
    this.#batched = 0;
    this.#urgent = 0;
    if (text === '' && waiters.length === 0) return;
    this.#committing = true;
    this.#lastCommit = Date.now();
    try {
      if (this.#failure !== undefined) throw this.#failure;
      if (text !== '') {
        await this.#file.appendFile(text, 'utf8');
        await this.#file.datasync();
      }
      for (const waiter of waiters) waiter.resolve();
    } catch (error) {
      this.#failure ??= error instanceof Error ? error : new Error(String(error));
      for (const waiter of waiters) waiter.reject(this.#failure);
    } finally {
      this.#committing = false;
      if (this.#failure !== undefined) {
        const stranded = this.#waiters;
        this.#waiters = [];
        for (const waiter of stranded) waiter.reject(this.#failure);
      }
      this.#wake();
    }
  }

  /**
   * Journals the intent of one change set and resolves with its operation number once the intent is on disk: only
   * then may the change be sent. Rejects when the journal cannot be written (the change must not be sent).
   * `batched`: the caller has other changes under way, so the intent may wait a little for others to share its sync.
   */
  async intent(set: ChangeSet, options: { readonly batched?: boolean } = {}): Promise<number> {
    if (this.#failure !== undefined) throw this.#failure;
    this.#op += 1;
    const op = this.#op;
    const changes = set.changes.map((change) => ({ attribute: change.attribute, before: change.before, after: change.after }));
    this.#push(
      `{"kind":"intent","runId":${this.#runIdJson},"op":${op},"time":${JSON.stringify(this.#now().toISOString())},"phase":${JSON.stringify(set.phase)},"dn":${JSON.stringify(set.dn)},"changes":${JSON.stringify(changes)}}`,
    );
    await this.#durable(options.batched === true);
    return op;
  }

  /**
   * Records what became of an intent; written with the next commit (not waited for: an outcome lost in a crash only
   * makes undo read that entry before restoring it).
   */
  outcome(op: number, result: OutcomeResult): void {
    if (result === 'applied') this.#applied += 1;
    if (this.#failure !== undefined || this.#closed) return;
    this.#push(`{"kind":"outcome","runId":${this.#runIdJson},"op":${op},"result":"${result}"}`);
  }

  /** Commits everything pushed so far (resolves even when the journal failed; see `failure`). */
  async flush(): Promise<void> {
    if (this.#pending.length === 0 && this.#waiters.length === 0 && !this.#committing) return;
    await this.#durable().catch(() => undefined);
  }

  /** Writes the run's last line, with its status, and commits it. */
  async end(status: JournalEndLine['status']): Promise<void> {
    if (this.#failure !== undefined || this.#closed) return;
    await this.#commitLine(`{"kind":"end","runId":${this.#runIdJson},"time":${JSON.stringify(this.#now().toISOString())},"status":"${status}"}`).catch(
      () => undefined,
    );
  }

  /** Commits what is left and closes the file. */
  async close(): Promise<void> {
    if (this.#closed) return;
    await this.flush();
    this.#closed = true;
    await this.#file.close();
  }
}
