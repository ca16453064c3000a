/**
 * Applies one change set as ONE compare-and-set modify: it deletes the values the plan read and adds the wanted
 * ones, so a value someone else changed in between is never overwritten. When the modify is refused
 * (`no-such-attribute`, or an add that finds a value there), the entry is read again to tell:
 *  - already in the wanted state → skipped (or applied, when an earlier attempt of this very modify was cut off by
 *    a lost connection and so probably went through: it is journalled then);
 *  - changed by someone else → a conflict, reporting what was found;
 *  - still as expected → the refusal was something else: an error.
 * A lost connection is retried by the session; only {@link RunStopped} escapes.
 */
import { type DirectoryPort, isDirectoryError } from '../directory/port';
import { textValues } from '../directory/entry-values';
import { attributesOf, type ChangeSet, changeIsDone, changeIsExpected, type FoundValues, modifyOf } from './change-set';
import type { DirectorySession } from './directory-session';
import type { Conflict } from './engine-api';
import type { JournalWriter } from './journal';
import type { Slots } from './bounded-pipeline';

export type ApplyResult =
  | { readonly kind: 'applied' }
  | { readonly kind: 'skipped' }
  | { readonly kind: 'conflict'; readonly conflicts: readonly Conflict[] }
  | { readonly kind: 'failed'; readonly message: string };

/** Directory refusals that may mean "the entry is not as planned" (re-read to tell). */
const CAS_REFUSALS: ReadonlySet<string> = new Set(['no-such-attribute', 'value-exists', 'constraint-violation', 'no-such-object']);

/** The entry's current values of the set's attributes; `undefined` when the entry no longer exists. */
export async function readCurrent(session: DirectorySession, set: ChangeSet): Promise<FoundValues> {
  try {
    const attributes = attributesOf(set);
    const [entry] = await session.collect(set.dn, { scope: 'base', attributes });
    if (entry === undefined) return undefined;
    return new Map(attributes.map((attribute) => [attribute.toLowerCase(), textValues(entry, attribute)]));
  } catch (error) {
    if (isDirectoryError(error) && error.code === 'no-such-object') return undefined;
    throw error;
  }
}

/** The conflicts of a set whose entry is not (wholly) in the wanted state: each attribute not as the plan read it. */
export function conflictsOf(set: ChangeSet, found: FoundValues): Conflict[] {
  return set.changes
    .filter((change) => !changeIsExpected(change, found))
    .map((change) => ({
      dn: set.dn,
      attribute: change.attribute,
      expected: change.before,
      found: found === undefined ? [] : (found.get(change.attribute.toLowerCase()) ?? []),
    }));
}

export interface ApplyOptions {
  /**
   * The slots of the modifies in flight, when more change sets are under way than are sent at once (the mailbox
   * phase): the intent then joins the journal's next batch, and the modify waits for a slot once it is on disk.
   */
  readonly slots?: Slots;
}

/** A refusal that means the bound account may not write here: the run must stop, and say so plainly. */
const ACCESS_REFUSALS: ReadonlySet<string> = new Set(['insufficient-access', 'strong-auth-required']);

/**
 * Applies `set` with compare-and-set, written ahead: the intent is in the journal (synced) before the modify is
 * sent, and the outcome follows. A journal that cannot be written fails the set without sending anything.
 */
export async function applyChangeSet(
  set: ChangeSet,
  session: DirectorySession,
  journal: JournalWriter | undefined,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  let op: number | undefined;
  if (journal !== undefined) {
    try {
      op = await journal.intent(set, { batched: options.slots !== undefined });
    } catch (error) {
      return { kind: 'failed', message: `not sent: the journal ${journal.path} cannot be written (${error instanceof Error ? error.message : String(error)})` };
    }
  }
  const result = options.slots === undefined ? await sendChangeSet(set, session) : await options.slots.run(() => sendChangeSet(set, session));
  if (journal !== undefined && op !== undefined) journal.outcome(op, result.kind);
  return result;
}

async function sendChangeSet(set: ChangeSet, session: DirectorySession): Promise<ApplyResult> {
  const modifications = modifyOf(set);
  let uncertain = false;
  try {
    await session.call(
      (port: DirectoryPort) => port.modify(set.dn, modifications),
      () => {
        uncertain = true;
      },
    );
    return { kind: 'applied' };
  } catch (error) {
    if (!isDirectoryError(error)) throw error;
    if (ACCESS_REFUSALS.has(error.code)) {
      return { kind: 'failed', message: `the directory refused this account the right to write here: ${error.message}` };
    }
    if (!CAS_REFUSALS.has(error.code)) return { kind: 'failed', message: error.message };
    const found = await readCurrent(session, set);
    if (found !== undefined && set.changes.every((change) => changeIsDone(change, found))) {
      // After a lost connection the first attempt probably went through: it is this run's change.
      return { kind: uncertain ? 'applied' : 'skipped' };
    }
    const conflicts = conflictsOf(set, found);
    if (conflicts.length > 0) return { kind: 'conflict', conflicts };
    return { kind: 'failed', message: error.message };
  }
}
