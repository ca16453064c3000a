/**
 * Undo: restores what the runs journalled in a journal file changed, newest first, as plan → apply → verify:
 *  1. the journal is checked whole (journal-reader.ts: its chain, its line kinds, only what a failover changes);
 *  2. plan (undo-plan.ts): every entry is read, its kind checked, and each change classified — restore, already
 *     restored or never applied, or changed by someone else since. `test` stops here: that is the preview;
 *  3. apply: each change the runs may have made is restored with the same compare-and-set as the run (delete the
 *     value the run wrote, add back the value it replaced), so a value changed by someone since is reported as a
 *     conflict, never overwritten. Undo journals its own changes ahead like a run does;
 *  4. verify (undo-verify.ts): every entry is read again and must hold its values from before the runs.
 * Mailbox entries are restored with a bounded number in flight (never two at once for the same entry);
 * configuration entries one at a time in journal order (SPNs must leave one account before joining another).
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { applyChangeSet } from './apply-change-set';
import { BoundedPipeline } from './bounded-pipeline';
import { type ChangeSet, reversed } from './change-set';
import { RunStopped } from './directory-session';
import { DEFAULT_CONCURRENCY } from './engine-defaults';
import type { FailoverOutcome, UndoFailover, VerificationCheck } from './engine-api';
import { JournalWriter } from './journal';
import { checkJournal, intentsBackwards, type JournalSummary } from './journal-reader';
import { RunContext } from './run-context';
import { openRunSession } from './run-session';
import { mayHaveChanged, setOf } from './undo-entries';
import { PhaseTracker, planUndo } from './undo-plan';
import { verifyUndo } from './undo-verify';

function describeJournal(summary: JournalSummary, path: string, log: (level: 'info' | 'warn', line: string) => void): void {
  if (summary.brokenLastLine) log('warn', `undo: ${path}: the last line is cut short (a run stopped while writing it); it is ignored`);
  for (const runId of summary.unfinishedRuns) log('warn', `undo: ${path}: run ${runId} did not finish (stopped or killed); undo restores what it may have changed`);
  if (summary.unknown > 0) log('warn', `undo: ${path}: ${summary.unknown} change(s) have no journalled outcome; each is read and restored only if the directory holds what the run wrote`);
  log('info', `undo: ${summary.intents} journalled change(s) of ${summary.runs} run(s) (${summary.heads.map((head) => head.what).join('; ')}) in ${path}, newest first`);
}

/** Applies the restores: configuration entries one by one in order, mailboxes in a bounded pipeline. */
async function applyUndo(context: RunContext, path: string, skipLastLine: boolean, journal: JournalWriter | undefined): Promise<void> {
  const pipeline = new BoundedPipeline(context.concurrency * 2);
  const phases = new PhaseTracker(context);
  const inFlight = new Map<string, Promise<void>>();
  const apply = async (set: ChangeSet): Promise<void> => {
    try {
      context.record(set, await applyChangeSet(set, context.session, journal, set.phase === 'mailboxes' ? { slots: context.slots } : {}));
    } catch (error) {
      if (!(error instanceof RunStopped)) throw error;
      context.error(error.message);
      context.stop(error.message);
    }
  };
  try {
    for await (const intent of intentsBackwards(path, skipLastLine)) {
      if (context.mustStop()) break;
      if (!mayHaveChanged(intent)) continue;
      if (phases.enter(intent.line.phase)) await pipeline.drain();
      const undo = reversed(setOf(intent), `undo of run ${intent.line.runId} (${intent.line.time})`);
      context.planned(undo);
      if (undo.phase !== 'mailboxes') {
        await pipeline.drain();
        await apply(undo);
        continue;
      }
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
    phases.end();
  }
}

function outcomeOf(context: RunContext, status: FailoverOutcome['status'], verification: readonly VerificationCheck[], journal: JournalWriter | undefined): FailoverOutcome {
  return {
    status,
    pairs: [],
    unpaired: [],
    phases: context.summaries(),
    conflicts: context.conflicts,
    errors: context.errors,
    mailboxCounts: [],
    verification,
    ...(journal === undefined ? {} : { journalFile: journal.path }),
  };
}

/** Restores what the runs journalled in `journalFile` changed (or, with `test`, says what it would do). */
export const undoFailover: UndoFailover = async (journalFile, deps, events = {}, options = {}) => {
  const test = options.test === true;
  const log = (level: 'info' | 'warn' | 'error', line: string): void => events.onLog?.(level, line);
  const summary = await checkJournal(journalFile);
  describeJournal(summary, journalFile, log);
  if (summary.runs === 0) {
    const what = `${journalFile} holds no run: the run was stopped before it wrote its first line, and it sends nothing before that`;
    log('info', `undo: ${what}; nothing to restore`);
    return {
      status: test ? 'planned' : 'done',
      pairs: [],
      unpaired: [],
      phases: [],
      conflicts: [],
      errors: [],
      mailboxCounts: [],
      verification: test ? [] : [{ what: `nothing to restore: ${what}`, ok: true }],
    };
  }
  const opened = await openRunSession(deps, log);
  if ('stopped' in opened) return opened.stopped;
  const { session } = opened;
  const now = deps.now ?? (() => new Date());
  let journal: JournalWriter | undefined;
  try {
    const context = new RunContext({ session, journal: undefined, events, test, signal: deps.signal, concurrency: deps.concurrency ?? DEFAULT_CONCURRENCY });
    const phases = new PhaseTracker(context);
    const counts = { restore: 0, already: 0, conflict: 0 };
    try {
      await planUndo(context, journalFile, summary.brokenLastLine, (step) => {
        counts[step.kind] += 1;
        if (!test) return;
        phases.enter(step.set.phase);
        if (step.kind === 'restore') context.planned(step.set);
        else if (step.kind === 'already') context.alreadyDone(step.set.phase);
        else context.record(step.set, { kind: 'conflict', conflicts: step.conflicts });
      });
    } catch (error) {
      if (!(error instanceof RunStopped)) throw error;
      context.error(`undo stopped while reading the entries: ${error.message}`);
      context.stop(error.message);
    } finally {
      phases.end();
    }
    log('info', `undo plan: ${counts.restore} change(s) to restore, ${counts.already} already as before the run (restored, or never applied), ${counts.conflict} changed by someone else since (not overwritten)`);
    if (test) {
      context.mustStop();
      const status = context.stopReason === undefined ? 'planned' : 'stopped';
      log(status === 'planned' ? 'info' : 'error', `result: undo ${status === 'planned' ? 'planned (test mode), nothing was changed' : `stopped (${context.stopReason ?? ''})`}`);
      return outcomeOf(context, status, [], undefined);
    }
    if (context.stopReason !== undefined) return outcomeOf(context, 'stopped', [], undefined);

    const sameFile = deps.journalFile !== undefined && resolve(deps.journalFile) === resolve(journalFile);
    if (deps.journalFile !== undefined && !sameFile) {
      journal = await JournalWriter.open(deps.journalFile, { runId: randomUUID(), undoOf: journalFile }, now, {
        ...(deps.openJournalFile === undefined ? {} : { openFile: deps.openJournalFile }),
      });
      log('info', `undo journal: ${journal.path}`);
    }
    const applying = new RunContext({ session, journal, events, test: false, signal: deps.signal, concurrency: context.concurrency });
    await applyUndo(applying, journalFile, summary.brokenLastLine, journal);
    await journal?.flush();
    applying.mustStop();

    let verification: VerificationCheck[] = [];
    if (applying.stopReason === undefined) {
      try {
        verification = [await verifyUndo(applying, journalFile, summary.brokenLastLine)];
      } catch (error) {
        if (!(error instanceof RunStopped)) throw error;
        applying.error(`verification stopped: ${error.message}`);
        applying.stop('verification could not read the directory');
      }
    }
    for (const check of verification) log(check.ok ? 'info' : 'error', `verify: ${check.ok ? 'ok' : 'FAILED'}: ${check.what}${check.detail === undefined ? '' : ` (${check.detail})`}`);
    const status: FailoverOutcome['status'] =
      applying.stopReason !== undefined || applying.conflictCount > 0 ? 'stopped' : verification.every((check) => check.ok) ? 'done' : 'verify-failed';
    await journal?.end(status);
    const journalled = journal === undefined ? '' : `; ${journal.applied} change(s) applied, journalled in ${journal.path}`;
    log(
      status === 'done' ? 'info' : 'error',
      status === 'done'
        ? `result: undo done and verified${journalled}`
        : status === 'verify-failed'
          ? `result: undo done, but verification failed${journalled}`
          : `result: undo stopped (${applying.stopReason ?? `${applying.conflictCount} conflict(s)`})${journalled}`,
    );
    return outcomeOf(applying, status, verification, journal);
  } finally {
    await journal?.close().catch(() => undefined);
    await session.close();
  }
};
