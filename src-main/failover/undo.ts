/**
 * Undo: restores what the runs journalled in a journal file changed, newest first, with the same compare-and-set
 * as the run (each modify deletes the value the run wrote and adds back the value it replaced, so a value changed
 * by someone since is reported as a conflict, never overwritten). The lines of one modify are restored in one
 * modify. Mailbox entries are restored with a bounded number in flight (never two at once for the same entry);
 * configuration entries one at a time in journal order (SPNs must leave one account before joining another).
 *
 * The journal is checked whole before the first change (a damaged line refuses the undo, naming it); a last line
 * cut short by a killed run is ignored with a warning. It is read backwards, never held whole.
 */
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { applyChangeSet } from './apply-change-set';
import { BoundedPipeline } from './bounded-pipeline';
import { type ChangeSet, reversed } from './change-set';
import { RunStopped } from './directory-session';
import { DEFAULT_CONCURRENCY } from './engine-defaults';
import { FailoverInputError, type FailoverOutcome, type PhaseName, type UndoFailover } from './engine-api';
import { type JournalChangeLine, JournalWriter, parseJournalLine } from './journal';
import { linesBackwards } from './reverse-lines';
import { RunContext } from './run-context';
import { openRunSession } from './run-session';


interface JournalCheck {
  readonly changes: number;
  readonly runs: number;
  /** The last line is cut short (a run killed mid-write) and is ignored. */
  readonly brokenLastLine: boolean;
}

async function endsWithNewline(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    if (size === 0) return true;
    const byte = Buffer.alloc(1);
    await file.read(byte, 0, 1, size - 1);
    return byte[0] === 0x0a;
  } finally {
    await file.close();
  }
}

/** Reads the journal once, forwards, refusing it when a line is not a journal line. */
async function checkJournal(path: string): Promise<JournalCheck> {
  let newline: boolean;
  try {
    newline = await endsWithNewline(path);
  } catch (error) {
    throw new FailoverInputError(`cannot read the journal ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let number = 0;
  let changes = 0;
  let runs = 0;
  let broken: number | undefined;
  for await (const text of lines) {
    number += 1;
    if (broken !== undefined) throw new FailoverInputError(`${path} line ${broken} is not a journal line`);
    if (text.trim() === '') continue;
    const line = parseJournalLine(text);
    if (line === undefined) broken = number;
    else if (line.kind === 'change') changes += 1;
    else runs += 1;
  }
  if (broken !== undefined && newline) throw new FailoverInputError(`${path} line ${broken} is not a journal line`);
  if (changes === 0 && runs === 0 && broken === undefined) throw new FailoverInputError(`${path} holds no journal lines`);
  return { changes, runs, brokenLastLine: broken !== undefined };
}

/** The journal's modifies, newest first, each as the set the run applied. */
async function* modifiesBackwards(path: string, skipFirst: boolean): AsyncGenerator<{ set: ChangeSet; line: JournalChangeLine }> {
  let group: JournalChangeLine[] = [];
  let skipped = !skipFirst;
  const emit = (): { set: ChangeSet; line: JournalChangeLine } | undefined => {
    const [first] = group;
    if (first === undefined) return undefined;
    const set: ChangeSet = {
      phase: first.phase,
      dn: first.dn,
      changes: [...group].reverse().map((line) => ({ phase: line.phase, dn: line.dn, attribute: line.attribute, before: line.before, after: line.after, why: '' })),
    };
    group = [];
    return { set, line: first };
  };
  for await (const text of linesBackwards(path)) {
    if (!skipped) {
      skipped = true;
      continue;
    }
    if (text.trim() === '') continue;
    const line = parseJournalLine(text);
    if (line === undefined || line.kind !== 'change') continue;
    const [current] = group;
    if (current !== undefined && (current.runId !== line.runId || current.op !== line.op)) {
      const done = emit();
      if (done !== undefined) yield done;
    }
    group.push(line);
  }
  const last = emit();
  if (last !== undefined) yield last;
}

/** Restores what the run journalled in `journalFile` changed, with the same compare-and-set. */
export const undoFailover: UndoFailover = async (journalFile, deps, events = {}) => {
  const log = (level: 'info' | 'warn' | 'error', line: string): void => events.onLog?.(level, line);
  const check = await checkJournal(journalFile);
  if (check.brokenLastLine) log('warn', `${journalFile}: the last line is cut short (a run stopped while writing it); it is ignored`);
  log('info', `undo: ${check.changes} journalled change(s) of ${check.runs} run(s) in ${journalFile}, newest first`);
  const opened = await openRunSession(deps, log);
  if ('stopped' in opened) return opened.stopped;
  const { session } = opened;
  const sameFile = deps.journalFile !== undefined && resolve(deps.journalFile) === resolve(journalFile);
  let journal: JournalWriter | undefined;
  try {
    if (deps.journalFile !== undefined && !sameFile) {
      journal = await JournalWriter.open(deps.journalFile, { runId: randomUUID(), undoOf: journalFile }, deps.now ?? (() => new Date()));
    }
    const context = new RunContext({ session, journal, events, test: false, signal: deps.signal, concurrency: deps.concurrency ?? DEFAULT_CONCURRENCY });
    const pipeline = new BoundedPipeline(context.concurrency);
    const inFlight = new Map<string, Promise<void>>();
    let phase: PhaseName | undefined;
    const apply = async (set: ChangeSet): Promise<void> => {
      try {
        context.record(set, await applyChangeSet(set, session, journal));
      } catch (error) {
        if (!(error instanceof RunStopped)) throw error;
        context.error(error.message);
        context.stop(error.message);
      }
    };
    try {
      for await (const { set, line } of modifiesBackwards(journalFile, check.brokenLastLine)) {
        if (context.mustStop()) break;
        if (set.phase !== phase) {
          await pipeline.drain();
          if (phase !== undefined) context.endPhase(phase);
          phase = set.phase;
          context.startPhase(phase);
        }
        const undo = reversed(set, `undo of run ${line.runId} (${line.time})`);
        context.planned(undo);
        if (set.phase !== 'mailboxes') {
          await pipeline.drain();
          await apply(undo);
          continue;
        }
        // The server wrote every DN of a journal in its own form: case and spacing are enough to tell entries apart.
        const key = undo.dn.replace(/\s+/g, '').toLowerCase();
        const earlier = inFlight.get(key);
        if (earlier !== undefined) await earlier;
        await pipeline.submit(() => {
          const task = apply(undo).finally(() => {
            if (inFlight.get(key) === task) inFlight.delete(key);
          });
          inFlight.set(key, task);
          return task;
        });
      }
    } finally {
      await pipeline.drain();
    }
    if (phase !== undefined) context.endPhase(phase);
    await journal?.flush();
    context.mustStop();
    const restored = context.stopReason === undefined && context.conflictCount === 0;
    const status: FailoverOutcome['status'] = restored ? 'done' : 'stopped';
    log(restored ? 'info' : 'error', `result: undo ${restored ? 'done' : `stopped (${context.stopReason ?? `${context.conflictCount} conflict(s)`})`}`);
    return {
      status,
      pairs: [],
      unpaired: [],
      phases: context.summaries(),
      conflicts: context.conflicts,
      errors: context.errors,
      mailboxCounts: [],
      verification: [
        {
          what: `every journalled change of ${journalFile} is restored`,
          ok: restored,
          ...(restored ? {} : { detail: `${context.conflictCount} conflict(s), ${context.errorCount} error(s)` }),
        },
      ],
      ...(journal === undefined ? {} : { journalFile: journal.path }),
    };
  } finally {
    await journal?.close().catch(() => undefined);
    await session.close();
  }
};
