/**
 * Runs a small phase (held whole, see phase-plan.ts): streams its plan, then applies its change sets one after the
 * other — these phases touch a handful of configuration entries, and the SPN phase depends on the order (the
 * removal must succeed before the addition, or the forest would hold an SPN twice).
 */
import { applyChangeSet } from './apply-change-set';
import type { PhasePlan } from './phase-plan';
import type { RunContext } from './run-context';

export interface PlannedPhaseOptions {
  /** Stop this phase at the first set that is neither applied nor already done (the SPN phase). */
  readonly stopPhaseOnFailure?: boolean;
}

/** Plans (streams) and, unless in test mode, applies one small phase. */
export async function runPlannedPhase(context: RunContext, plan: PhasePlan, options: PlannedPhaseOptions = {}): Promise<void> {
  context.alreadyDone(plan.phase, plan.alreadyDone);
  for (const set of plan.sets) context.planned(set);
  if (context.test) return;
  for (const [index, set] of plan.sets.entries()) {
    if (context.mustStop()) return;
    const result = await applyChangeSet(set, context.session, context.journal);
    context.record(set, result);
    if (options.stopPhaseOnFailure === true && result.kind !== 'applied' && result.kind !== 'skipped' && index < plan.sets.length - 1) {
      context.log('warn', `${plan.phase}: the remaining ${plan.sets.length - index - 1} change(s) of this phase are not applied, since ${set.dn} was not changed as planned`);
      return;
    }
  }
}
