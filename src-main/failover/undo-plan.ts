/**
 * Undo's first pass, before anything is changed: reads every entry the journal may have changed (the journal is
 * read newest first, entries read a window at a time), refuses the whole undo when an entry is not of the kind its
 * phase changes (a journal naming a user for a store attribute, a group for an SPN...), and tells for every change
 * what undo will do — restore it, find it already restored (or never applied), or find the entry changed by someone
 * else since (a conflict: undo will not overwrite it). An entry changed twice by the journalled runs (a failover,
 * then a failback) is followed through each restore in order, so the plan says what the restores will meet.
 *
 * This pass is what `--undo JOURNAL -test` prints; a real undo runs it first too, as its check.
 */
import { holdsValue, isMultiValued } from './attribute-values';
import { type ChangeSet, changeIsDone, changeIsExpected, reversed } from './change-set';
import { FailoverInputError, type Conflict, type PhaseName } from './engine-api';
import { conflictsOf } from './apply-change-set';
import { type JournalledIntent, intentsBackwards } from './journal-reader';
import { entryKindProblem } from './journal-lines';
import type { RunContext } from './run-context';
import { entryKey, type EntryValues, mayHaveChanged, readEntries, setOf } from './undo-entries';

/** Intents read before their entries are fetched together. */
const WINDOW = 256;

export type UndoStep = { readonly kind: 'restore'; readonly set: ChangeSet } | { readonly kind: 'already'; readonly set: ChangeSet } | { readonly kind: 'conflict'; readonly set: ChangeSet; readonly conflicts: readonly Conflict[] };

/** Called for each change undo would make, newest first (the plan, streamed). */
export type OnUndoStep = (step: UndoStep, intent: JournalledIntent) => void;

/** The entry's values after `set` was applied to them. */
function applied(values: Map<string, readonly string[]>, set: ChangeSet): void {
  for (const change of set.changes) {
    const name = change.attribute.toLowerCase();
    if (!isMultiValued(name)) {
      values.set(name, [...change.after]);
      continue;
    }
    const current = values.get(name) ?? [];
    const removed = change.before.filter((value) => !holdsValue(name, change.after, value));
    const kept = current.filter((value) => !holdsValue(name, removed, value));
    const added = change.after.filter((value) => !holdsValue(name, kept, value));
    values.set(name, [...kept, ...added]);
  }
}

/**
 * Runs the plan pass over the journal; `onStep` sees every change undo would make. Throws FailoverInputError (nothing
 * changed) when an entry is not of the kind its phase changes.
 */
export async function planUndo(context: RunContext, path: string, skipLastLine: boolean, onStep: OnUndoStep): Promise<void> {
  const known = new Map<string, EntryValues>();
  let window: JournalledIntent[] = [];
  const flush = async (): Promise<void> => {
    const missing = Array.from(new Map(window.map((intent) => [entryKey(intent.line.dn), intent.line.dn])).entries())
      .filter(([key]) => !known.has(key))
      .map(([, dn]) => dn);
    for (const [key, values] of await readEntries(context.session, missing, context.concurrency)) known.set(key, values);
    for (const intent of window) classify(intent);
    window = [];
  };
  const classify = (intent: JournalledIntent): void => {
    const key = entryKey(intent.line.dn);
    const values = known.get(key);
    const problem = values === undefined ? undefined : entryKindProblem(intent.line, values.get('objectclass') ?? []);
    if (problem !== undefined) {
      throw new FailoverInputError(
        `${path}: the journal changes ${intent.line.changes.map((change) => change.attribute).join(', ')} of ${intent.line.dn} in phase ${intent.line.phase}, but ${problem}; nothing was changed`,
      );
    }
    const undo = reversed(setOf(intent), `undo of run ${intent.line.runId} (${intent.line.time})`);
    if (values !== undefined && undo.changes.every((change) => changeIsExpected(change, values))) {
      applied(values, undo);
      onStep({ kind: 'restore', set: undo }, intent);
    } else if (values !== undefined && undo.changes.every((change) => changeIsDone(change, values))) {
      onStep({ kind: 'already', set: undo }, intent);
    } else {
      onStep({ kind: 'conflict', set: undo, conflicts: conflictsOf(undo, values) }, intent);
    }
  };
  for await (const intent of intentsBackwards(path, skipLastLine)) {
    if (context.mustStop()) return;
    if (!mayHaveChanged(intent)) continue;
    window.push(intent);
    if (window.length >= WINDOW) await flush();
  }
  await flush();
}

/** Opens and closes the phases of an undo as its changes arrive newest first (phases come in reverse order). */
export class PhaseTracker {
  #phase: PhaseName | undefined;

  constructor(private readonly context: RunContext) {}

  /** Moves to the phase of the next change; returns whether the phase changed. */
  enter(phase: PhaseName): boolean {
    if (phase === this.#phase) return false;
    if (this.#phase !== undefined) this.context.endPhase(this.#phase);
    this.#phase = phase;
    this.context.startPhase(phase);
    return true;
  }

  end(): void {
    if (this.#phase !== undefined) this.context.endPhase(this.#phase);
    this.#phase = undefined;
  }
}
