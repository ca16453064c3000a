import type { PlanChanges, PlannedAction, StepPlan } from '../contract/steps';

/** Actions are the same change when their tool, target and command are (the description is words about the world). */
const sameChange = (a: PlannedAction, b: PlannedAction): boolean => a.tool === b.tool && a.target === b.target && a.command === b.command;

/** What is in `after` and not in `before`, counting repeats. */
function extra(after: readonly string[], before: readonly string[]): string[] {
  const left = [...before];
  return after.filter((item) => {
    const at = left.indexOf(item);
    if (at === -1) return true;
    left.splice(at, 1);
    return false;
  });
}

/**
 * How the plan made now differs from the plan seen (undefined when that plan is not known any more): actions added,
 * removed, or whose `needed` changed; warnings added or gone; whether the pair document changed; and, when none of
 * these, that the same actions come in another order.
 */
export function comparePlans(seen: StepPlan | undefined, now: StepPlan): PlanChanges {
  if (seen === undefined) {
    return { known: false, pairChanged: false, added: [], removed: [], neededChanged: [], warningsAdded: [], warningsRemoved: [], reordered: false };
  }
  const unmatched = [...now.actions];
  const removed: PlannedAction[] = [];
  const neededChanged: PlannedAction[] = [];
  for (const action of seen.actions) {
    // The same change with the same `needed` first, so that a repeated change pairs up with its twin.
    const same = unmatched.findIndex((a) => sameChange(a, action) && a.needed === action.needed);
    const at = same !== -1 ? same : unmatched.findIndex((a) => sameChange(a, action));
    if (at === -1) {
      removed.push(action);
      continue;
    }
    const [match] = unmatched.splice(at, 1);
    if (match !== undefined && match.needed !== action.needed) neededChanged.push(match);
  }
  const warningsAdded = extra(now.warnings, seen.warnings);
  const warningsRemoved = extra(seen.warnings, now.warnings);
  const pairChanged = seen.pairDigest !== now.pairDigest;
  const differs = unmatched.length > 0 || removed.length > 0 || neededChanged.length > 0 || warningsAdded.length > 0 || warningsRemoved.length > 0 || pairChanged;
  return {
    known: true,
    pairChanged,
    added: unmatched,
    removed,
    neededChanged,
    warningsAdded,
    warningsRemoved,
    reordered: !differs && seen.digest !== now.digest,
  };
}
