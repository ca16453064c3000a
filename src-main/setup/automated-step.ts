import type { ClusterCommand, ClusterPort } from '../cluster/port';
import type { StepInput, StepPlan, StepVerification } from '../contract/steps';

/** The outside world a setup step may touch, passed in so tests hand it a lab. */
export interface SetupWorld {
  readonly source: ClusterPort;
  readonly target: ClusterPort;
}

/** One planned change: the command as data, its exact command line, and whether it still needs doing. */
export interface PlannedClusterAction {
  readonly port: ClusterPort;
  readonly command: ClusterCommand;
  readonly commandLine: string;
  readonly description: string;
  readonly needed: boolean;
}

export interface StepProgress {
  (value: number, title: string, description?: string): void;
}

/**
 * An automated step of the guide, with the house's four verbs: plan (what would change, read from the world now),
 * preview (the plan's exact command lines), apply (only what is still needed, so a re-run converges), verify.
 */
export interface AutomatedStep<I extends StepInput> {
  readonly id: I['stepId'];
  plan(input: I, world: SetupWorld): Promise<{ actions: readonly PlannedClusterAction[]; warnings: readonly string[] }>;
  verify(input: I, world: SetupWorld): Promise<StepVerification>;
}

/** The contract's view of a plan: the exact command lines, what each does, and whether it will run. */
export function previewPlan(
  stepId: string,
  plan: { actions: readonly PlannedClusterAction[]; warnings: readonly string[] },
): StepPlan {
  return {
    stepId,
    actions: plan.actions.map((a) => ({ command: a.commandLine, description: a.description, needed: a.needed })),
    warnings: [...plan.warnings],
  };
}
