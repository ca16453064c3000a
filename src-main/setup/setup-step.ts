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
  /**
   * What the administrator confirmed for a step, with the note: for a step with a part only they can do (the
   * catalogue's `handwork`: step 6's monitor), the confirmation of that part and what it covered (`subject`, from the
   * step's `handwork`); for any other step, that it was done by hand (the backups of step 3).
   */
  confirmation(stepId: string): StepConfirmation | undefined;
}

export interface StepConfirmation {
  readonly note: string;
  /** When it was confirmed (ISO 8601; empty for the lab's own confirmation of the backups). */
  readonly at: string;
  /** What the confirmation of a step's handwork covered (the settings shown to the administrator then). */
  readonly subject?: string;
}

/** The part of a step only the administrator can do, as the pair document asks for it now. */
export interface StepHandwork {
  /** The check verify shows for it (`The administrator confirmed the monitor was entered on TGT1, TGT2`). */
  readonly what: string;
  /** What is confirmed, in full (the settings to enter): a confirmation of another subject does not count. */
  readonly subject: string;
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
  /** For a step whose catalogue entry has `handwork`: that part as the pair document asks for it. */
  handwork?(pair: PairDocument): StepHandwork;
}
