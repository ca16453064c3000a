import { createHash } from 'node:crypto';
import type { StepPlan } from '../contract/steps';

/** What a plan's digest covers: what would run (and in which order), what the administrator was warned of, from which pair document. */
export type DigestedPlanView = Pick<StepPlan, 'stepId' | 'actions' | 'warnings' | 'pairDigest'>;

/**
 * The digest of a plan: SHA-256 (FIPS 180-4) of its canonical view, a JSON array of fixed shape: a version tag, the
 * step, the pair document's digest, each action as [tool, target, command, needed] in order, then the warnings.
 * Descriptions and findings are words about the world, not what runs, and are left out (a finding such as "confirmed
 * at ..." changes nothing that Apply would do).
 */
export function planDigest(plan: DigestedPlanView): string {
  const canonical = JSON.stringify([
    'exchange-ha plan 1',
    plan.stepId,
    plan.pairDigest,
    plan.actions.map((action) => [action.tool, action.target, action.command, action.needed]),
    plan.warnings,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** Whether a plan's digest is the one its content gives (a plan file edited by hand is not). */
export const digestHolds = (plan: StepPlan): boolean => planDigest(plan) === plan.digest;
