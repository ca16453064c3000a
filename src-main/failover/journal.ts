/**
 * The journal: every change the engine applied, one JSON line each (run id, operation number, time, phase, entry,
 * attribute, values before and after), appended to a file so `undoFailover` can restore what a run changed and an
 * administrator can read what happened. Lines are buffered and written at least every {@link FLUSH_EVERY_LINES}
 * lines, every {@link FLUSH_EVERY_MS} and at the end; the lines of one modify are written together, so undo can
 * restore an entry with one compare-and-set again.
 *
 * Format (one object a line):
 *   {"kind":"run","runId":"…","time":"…","direction":"failover","source":"EXCHVS","target":"EXCHVS-DR"}
 *   {"kind":"change","runId":"…","op":17,"time":"…","phase":"mailboxes","dn":"CN=…","attribute":"homeMDB",
 *    "before":["CN=…"],"after":["CN=…"]}
 */
import { type FileHandle, open } from 'node:fs/promises';
import type { ChangeSet } from './change-set';
import { FailoverInputError, type PhaseName } from './engine-api';

export const FLUSH_EVERY_LINES = 1000;
export const FLUSH_EVERY_MS = 2000;

/** The first line a run writes: what it was. */
export interface JournalRunLine {
  readonly kind: 'run';
  readonly runId: string;
  readonly time: string;
  readonly direction?: string;
  readonly source?: string;
  readonly target?: string;
  /** Set on the lines of an undo run: the journal it restored from. */
  readonly undoOf?: string;
}

/** One applied change of one attribute. */
export interface JournalChangeLine {
  readonly kind: 'change';
  readonly runId: string;
  /** The modify this change was part of (numbered per run). */
  readonly op: number;
  readonly time: string;
  readonly phase: PhaseName;
  readonly dn: string;
  readonly attribute: string;
  readonly before: readonly string[];
  readonly after: readonly string[];
}

export type JournalLine = JournalRunLine | JournalChangeLine;

const PHASES: ReadonlySet<string> = new Set(['patch-flag', 'mailboxes', 'public-folders', 'rus', 'spn', 'routing-master']);

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

/** Parses one journal line; `undefined` when it is not a journal line (the caller says where). */
export function parseJournalLine(text: string): JournalLine | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const line = value as Record<string, unknown>;
  if (typeof line.runId !== 'string' || typeof line.time !== 'string') return undefined;
  if (line.kind === 'run') return line as unknown as JournalRunLine;
  if (
    line.kind === 'change' &&
    typeof line.op === 'number' &&
    typeof line.phase === 'string' &&
    PHASES.has(line.phase) &&
    typeof line.dn === 'string' &&
    typeof line.attribute === 'string' &&
    isStringArray(line.before) &&
    isStringArray(line.after)
  ) {
    return line as unknown as JournalChangeLine;
  }
  return undefined;
}

/** Appends a run's lines to the journal file, buffered. */
export class JournalWriter {
  readonly #file: FileHandle;
  readonly #runIdJson: string;
  readonly #now: () => Date;
  readonly path: string;
  #buffer: string[] = [];
  #writing: Promise<void> = Promise.resolve();
  #op = 0;
  #lines = 0;
  #failure: Error | undefined;
  #timer: NodeJS.Timeout | undefined;

  private constructor(path: string, file: FileHandle, runId: string, now: () => Date) {
    this.path = path;
    this.#file = file;
    this.#runIdJson = JSON.stringify(runId);
    this.#now = now;
  }

  /**
   * Opens (creating or appending to) the journal and writes the run's first line at once. A journal that cannot be
   * opened refuses the run (FailoverInputError) before its first change.
   */
  static async open(path: string, head: Omit<JournalRunLine, 'kind' | 'time'>, now: () => Date): Promise<JournalWriter> {
    let file: FileHandle;
    try {
      file = await open(path, 'a');
    } catch (error) {
      throw new FailoverInputError(`cannot open the journal ${path}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const writer = new JournalWriter(path, file, head.runId, now);
    const line: JournalRunLine = { kind: 'run', ...head, time: now().toISOString() };
    writer.#buffer.push(`${JSON.stringify(line)}\n`);
    await writer.flush();
    return writer;
  }

  /** Changes recorded so far (lines of kind `change`). */
  get lines(): number {
    return this.#lines;
  }

  /** The first write error, if any: a run whose journal cannot be written must stop. */
  get failure(): Error | undefined {
    return this.#failure;
  }

  /**
   * Records the changes of one applied modify. The line is exactly `JSON.stringify` of a {@link JournalChangeLine}
   * (same keys, same order), assembled from the parts the lines of one modify share — a failover writes one line
   * per attribute of every mailbox.
   */
  record(set: ChangeSet): void {
    this.#op += 1;
    const head = `{"kind":"change","runId":${this.#runIdJson},"op":${this.#op},"time":${JSON.stringify(this.#now().toISOString())},"phase":${JSON.stringify(set.phase)},"dn":${JSON.stringify(set.dn)},"attribute":`;
    for (const change of set.changes) {
      this.#buffer.push(`${head}${JSON.stringify(change.attribute)},"before":${JSON.stringify(change.before)},"after":${JSON.stringify(change.after)}}\n`);
      this.#lines += 1;
    }
    if (this.#buffer.length >= FLUSH_EVERY_LINES) void this.flush();
    else if (this.#timer === undefined) {
      this.#timer = setTimeout(() => void this.flush(), FLUSH_EVERY_MS);
      this.#timer.unref();
    }
  }

  /** Writes what is buffered (writes are queued, so lines keep their order). */
  flush(): Promise<void> {
    if (this.#timer !== undefined) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    if (this.#buffer.length === 0) return this.#writing;
    const text = this.#buffer.join('');
    this.#buffer = [];
    this.#writing = this.#writing.then(async () => {
      if (this.#failure !== undefined) return;
      try {
        await this.#file.appendFile(text, 'utf8');
      } catch (error) {
        this.#failure = error instanceof Error ? error : new Error(String(error));
      }
    });
    return this.#writing;
  }

  /** Flushes, syncs and closes the file. */
  async close(): Promise<void> {
    await this.flush();
    await this.#file.sync().catch(() => undefined);
    await this.#file.close();
  }
}
