/**
 * Reading a journal for undo: once forwards to check it whole before anything is changed (every line sealed and
 * chained to the one before, every line of a known kind, every intent one that a failover makes, outcomes only for
 * earlier intents of the same run), then backwards, newest first, to restore — checking the chain again on the way,
 * so a file changed between the two reads is refused too. Neither read holds the file whole: a 100,000-mailbox
 * journal is larger than the engine's memory budget should allow for it.
 *
 * The one damage accepted is a last line cut short (no line end) — what a run killed while writing leaves: it is
 * ignored with a warning (its intents were never synced, so none of their changes was sent).
 */
import { open } from 'node:fs/promises';
import { FailoverInputError } from './engine-api';
import { intentProblem, type JournalIntentLine, type JournalLine, journalLineSchema, type OutcomeResult } from './journal-lines';
import { checkSeal, GENESIS_HASH, readSeal } from './journal-seal';
import { linesBackwards } from './reverse-lines';

/** How every journal line begins (journal.ts writes `kind` first). */
const LINE_START = '{"kind":"';

/** Lines longer than this are refused (the engine writes a few hundred bytes a line). */
export const MAX_JOURNAL_LINE_BYTES = 256 * 1024;

const CHUNK = 64 * 1024;

/** Yields the file's lines in order, with their numbers and whether each ended with a line end. */
async function* linesForward(path: string): AsyncGenerator<{ text: string; number: number; complete: boolean }> {
  const file = await open(path, 'r');
  try {
    let carry = Buffer.alloc(0);
    let number = 0;
    const buffer = Buffer.alloc(CHUNK);
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, CHUNK, null);
      if (bytesRead === 0) break;
      let data = Buffer.concat([carry, buffer.subarray(0, bytesRead)]);
      let start = 0;
      for (let index = data.indexOf(0x0a); index >= 0; index = data.indexOf(0x0a, start)) {
        number += 1;
        yield { text: data.subarray(start, index).toString('utf8'), number, complete: true };
        start = index + 1;
      }
      data = data.subarray(start);
      if (data.length > MAX_JOURNAL_LINE_BYTES) throw new FailoverInputError(`${path} line ${number + 1} is longer than ${MAX_JOURNAL_LINE_BYTES} bytes: not a journal line`);
      carry = Buffer.from(data);
    }
    if (carry.length > 0) yield { text: carry.toString('utf8'), number: number + 1, complete: false };
  } finally {
    await file.close();
  }
}

/** What the forward check found. */
export interface JournalSummary {
  readonly runs: number;
  readonly intents: number;
  /** Intents with no outcome: the run was stopped before the directory's answer was journalled. */
  readonly unknown: number;
  /** Runs with no end line (killed, or their disk filled). */
  readonly unfinishedRuns: readonly string[];
  /** The last line was cut short and is ignored. */
  readonly brokenLastLine: boolean;
  /** The directions of the runs (for the undo's log). */
  readonly heads: readonly { readonly runId: string; readonly what: string }[];
}

function refuse(path: string, number: number, why: string): never {
  throw new FailoverInputError(`${path} line ${number} is refused: ${why}; nothing was changed`);
}

function parseLine(path: string, number: number, text: string): JournalLine {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    refuse(path, number, 'it is not JSON');
  }
  const parsed = journalLineSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    refuse(path, number, `${issue === undefined ? 'not a journal line' : `${issue.path.join('.') || 'the line'}: ${issue.message}`}`);
  }
  return parsed.data;
}

/** Checks the whole journal before undo changes anything; refuses it (FailoverInputError) naming the line. */
export async function checkJournal(path: string): Promise<JournalSummary> {
  let prev = GENESIS_HASH;
  let runs = 0;
  let intents = 0;
  let brokenLastLine = false;
  let run: { id: string; lastOp: number; open: Set<number>; ended: boolean } | undefined;
  const unfinished: string[] = [];
  const heads: { runId: string; what: string }[] = [];
  let unknown = 0;
  const closeRun = (): void => {
    if (run === undefined) return;
    unknown += run.open.size;
    if (!run.ended) unfinished.push(run.id);
  };
  let lines: AsyncGenerator<{ text: string; number: number; complete: boolean }>;
  try {
    lines = linesForward(path);
    for await (const { text, number, complete } of lines) {
      const seal = checkSeal(text, prev);
      if (!seal.ok) {
        // A last line without its line end, begun as every journal line begins: a run stopped while writing it.
        if (!complete && (text.startsWith(LINE_START) || LINE_START.startsWith(text))) {
          brokenLastLine = true;
          break;
        }
        refuse(path, number, seal.why);
      }
      prev = seal.hash;
      const line = parseLine(path, number, text);
      if (line.kind === 'run') {
        closeRun();
        runs += 1;
        run = { id: line.runId, lastOp: 0, open: new Set(), ended: false };
        heads.push({ runId: line.runId, what: line.undoOf !== undefined ? `undo of ${line.undoOf}` : `${line.direction ?? '?'} ${line.source ?? '?'} -> ${line.target ?? '?'}` });
        continue;
      }
      if (run === undefined) refuse(path, number, 'it comes before any run line');
      if (line.runId !== run.id) refuse(path, number, `it names run ${line.runId}, but the lines before it are of run ${run.id}`);
      if (run.ended) refuse(path, number, `run ${run.id} had already ended`);
      switch (line.kind) {
        case 'intent': {
          if (line.op <= run.lastOp) refuse(path, number, `its operation number ${line.op} does not follow ${run.lastOp}`);
          const problem = intentProblem(line);
          if (problem !== undefined) refuse(path, number, problem);
          run.lastOp = line.op;
          run.open.add(line.op);
          intents += 1;
          break;
        }
        case 'outcome':
          if (!run.open.delete(line.op)) refuse(path, number, `it is the outcome of operation ${line.op}, which has no intent before it (or has an outcome already)`);
          break;
        case 'end':
          run.ended = true;
          break;
      }
    }
  } catch (error) {
    if (error instanceof FailoverInputError) throw error;
    throw new FailoverInputError(`cannot read the journal ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  closeRun();
  // An empty journal, or one whose first line was cut short, is what a run stopped before its first line leaves: the
  // run line is written before any change is sent, so there is nothing to restore. Anything else is not a journal.
  if (runs === 0 && intents === 0) return { runs, intents, unknown, unfinishedRuns: unfinished, brokenLastLine, heads };
  return { runs, intents, unknown, unfinishedRuns: unfinished, brokenLastLine, heads };
}

/** One intent as undo reads it, with what became of it (`undefined`: unknown, the run stopped first). */
export interface JournalledIntent {
  readonly line: JournalIntentLine;
  readonly outcome: OutcomeResult | undefined;
}

/**
 * The journal's intents, newest first, each with its outcome. Checks the chain again backwards (each line's hash is
 * the next line's `prev`) and each intent again, so a file changed since `checkJournal` is refused.
 */
export async function* intentsBackwards(path: string, skipLastLine: boolean): AsyncGenerator<JournalledIntent> {
  const outcomes = new Map<string, OutcomeResult>();
  let next: string | undefined;
  let skipped = !skipLastLine;
  let fromEnd = 0;
  for await (const text of linesBackwards(path)) {
    fromEnd += 1;
    if (!skipped) {
      skipped = true;
      continue;
    }
    const where = `(${fromEnd} from the end)`;
    const seal = readSeal(text);
    if (!seal.ok || (next !== undefined && seal.hash !== next)) {
      throw new FailoverInputError(`${path} changed since it was checked: the line ${where} ${seal.ok ? 'does not chain' : `is damaged (${seal.why})`}; stopped`);
    }
    const line = JSON.parse(text) as JournalLine;
    next = seal.prev;
    if (line.kind === 'outcome') outcomes.set(`${line.runId}#${line.op}`, line.result);
    else if (line.kind === 'intent') {
      const problem = intentProblem(line);
      if (problem !== undefined) throw new FailoverInputError(`${path} changed since it was checked: the line ${where} is refused: ${problem}; stopped`);
      const key = `${line.runId}#${line.op}`;
      const outcome = outcomes.get(key);
      outcomes.delete(key);
      yield { line, outcome };
    }
  }
  if (next !== undefined && next !== GENESIS_HASH) throw new FailoverInputError(`${path} changed since it was checked: its first line does not start the chain; stopped`);
}
