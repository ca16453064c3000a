import type { ActionTool, VerifyCheck } from '../contract/steps';
import type { PairDocument } from '../pair/pair-document-schema';
import type { SetupWorld } from './setup-world';

/**
 * One change a step plans: what it is (tool, target, the exact command lines shown to the administrator), whether
 * it is still needed (read from the world now), and how to make it. `run` is called only when `needed`.
 */
export interface SetupAction {
  readonly tool: ActionTool;
  readonly target: string;
  /** The exact command line(s), "\n"-separated; never a password (DTCL LOGIN lines are masked). */
  readonly command: string;
  readonly description: string;
  readonly needed: boolean;
  run(signal: AbortSignal): Promise<void>;
}

export interface SetupStepPlan {
  readonly actions: readonly SetupAction[];
  readonly warnings: readonly string[];
  readonly findings: readonly string[];
}

/** Data a step keeps in the progress file (the recorded Exchange configuration, the monitor settings). */
export type StepRecordData = Readonly<Record<string, unknown>>;

/** What a step is given: the pair document, the world, and the records steps keep. */
export interface SetupStepContext {
  readonly pair: PairDocument;
  readonly world: SetupWorld;
  /** The data a step recorded (undefined when none). */
  recorded(stepId: string): StepRecordData | undefined;
  /** Keeps data for a step (a `record` action's run calls this). */
  record(stepId: string, data: StepRecordData): Promise<void>;
  /** Whether the administrator confirmed or marked this step done by hand, and the note. */
  confirmation(stepId: string): { readonly note: string; readonly at: string } | undefined;
}

/**
 * A step of the guide with the house's verbs: plan (what would change, read from the world now; changes nothing),
 * then the service previews the plan, applies only what is needed, and verifies. Re-running converges: a second
 * apply finds nothing needed.
 */
export interface SetupStep {
  readonly id: string;
  plan(context: SetupStepContext): Promise<SetupStepPlan>;
  /** Reads the world and checks that the step's outcome is there; each check says what and where. */
  verify(context: SetupStepContext): Promise<readonly VerifyCheck[]>;
}
