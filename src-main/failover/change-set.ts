/**
 * A change set: the planned changes of one entry, applied as ONE modify. Each planned change deletes the values
 * it expects to find and adds the values it wants, so the modify is a compare-and-set: when someone else changed
 * a value since it was read, the delete fails (`no-such-attribute`) and nothing of the entry is written.
 *
 * Counts in the outcome are of change sets (entries), not of attributes.
 */
import type { DirectoryChange } from '../directory/port';
import { holdsValue, isMultiValued, sameValueSet } from './attribute-values';
import type { PhaseName, PlannedChange } from './engine-api';

/** The planned changes of one entry, applied together. */
export interface ChangeSet {
  readonly phase: PhaseName;
  readonly dn: string;
  readonly changes: readonly PlannedChange[];
}

/** Current values of an entry's attributes, keyed by lower-cased attribute name; `undefined`: the entry is gone. */
export type FoundValues = ReadonlyMap<string, readonly string[]> | undefined;

/** One planned change of an attribute from the values read (`before`) to the values wanted (`after`). */
export function plannedChange(phase: PhaseName, dn: string, attribute: string, before: readonly string[], after: readonly string[], why: string): PlannedChange {
  return { phase, dn, attribute, before, after, why };
}

/**
 * The modify of a change set: per attribute, delete the expected values, then add the wanted ones. Values present
 * on both sides are left alone (a multi-valued attribute keeps them).
 */
export function modifyOf(set: ChangeSet): DirectoryChange[] {
  const modifications: DirectoryChange[] = [];
  for (const change of set.changes) {
    const removed = change.before.filter((value) => !holdsValue(change.attribute, change.after, value));
    const added = change.after.filter((value) => !holdsValue(change.attribute, change.before, value));
    if (removed.length > 0) modifications.push({ operation: 'delete', attribute: change.attribute, values: removed });
    if (added.length > 0) modifications.push({ operation: 'add', attribute: change.attribute, values: added });
  }
  return modifications;
}

function valuesOf(found: ReadonlyMap<string, readonly string[]>, attribute: string): readonly string[] {
  return found.get(attribute.toLowerCase()) ?? [];
}

/** Whether the attribute already holds what the change wants. */
export function changeIsDone(change: PlannedChange, found: FoundValues): boolean {
  if (found === undefined) return false;
  const values = valuesOf(found, change.attribute);
  if (!isMultiValued(change.attribute)) return sameValueSet(change.attribute, values, change.after);
  const removed = change.before.filter((value) => !holdsValue(change.attribute, change.after, value));
  return change.after.every((value) => holdsValue(change.attribute, values, value)) && !removed.some((value) => holdsValue(change.attribute, values, value));
}

/** Whether the attribute still holds what the change expects (so a failed modify was not a lost race). */
export function changeIsExpected(change: PlannedChange, found: FoundValues): boolean {
  if (found === undefined) return false;
  const values = valuesOf(found, change.attribute);
  if (!isMultiValued(change.attribute)) return sameValueSet(change.attribute, values, change.before);
  const added = change.after.filter((value) => !holdsValue(change.attribute, change.before, value));
  return change.before.every((value) => holdsValue(change.attribute, values, value)) && !added.some((value) => holdsValue(change.attribute, values, value));
}

/** The set with each change reversed (after → before): what undo applies. */
export function reversed(set: ChangeSet, why: string): ChangeSet {
  return {
    phase: set.phase,
    dn: set.dn,
    changes: set.changes.map((change) => ({ ...change, before: change.after, after: change.before, why })),
  };
}

/** The attributes a change set touches (for re-reading the entry). */
export function attributesOf(set: ChangeSet): string[] {
  return Array.from(new Set(set.changes.map((change) => change.attribute)));
}
