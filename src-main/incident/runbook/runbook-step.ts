/**
 * A runbook step (guide sections 7 and 8) with the setup's verbs: plan (read the world now, say exactly what would
 * run and whether it is still needed; change nothing), apply only what is needed, verify by reading the world again.
 * The runner (runbook-runner.ts) keeps each step's state on disk so a killed run resumes at the step it was in,
 * skipping — and saying so — what is already done.
 */
import type { VerifyCheck } from '../../contract/steps';
import type { PairDocument } from '../../pair/pair-document-schema';
import type { IncidentWorld } from '../incident-world';
import type { TimelineEventInput } from './timeline-event';

/** Which tool an action goes through, for the label and the log. */
export type RunbookTool = 'cluster' | 'dtcl' | 'exchfailover' | 'directory' | 'probe' | 'wait' | 'operator';

/** Live progress of a long action (the mirror, the queue draining, the stores mounting, the engine's mailboxes). */
export interface RunbookProgress {
  /** What is being measured ("Mirror to SRCCLUS", "Queued replication bytes on TGT1"). */
  readonly what: string;
  /** 0..1 when known. */
  readonly fraction?: number;
  readonly bytes?: number;
  readonly totalBytes?: number;
  readonly bytesPerSecond?: number;
  /** Seconds left at the current rate, when it can be told. */
  readonly secondsLeft?: number;
  /** A one-line summary ("412 MB of 1.2 GB, 38%, 1.0 MB/s, 13 min left"). */
  readonly text: string;
}

/** A question only a person can answer (the manual intervention prompt, the scheduled downtime). */
export type OperatorQuestion =
  | { readonly kind: 'intervention'; readonly text: string }
  | { readonly kind: 'downtime'; readonly text: string }
  | { readonly kind: 'guard'; readonly text: string };

export type OperatorAnswer =
  | { readonly kind: 'accepted'; readonly by: string; readonly note?: string }
  /** The downtime chosen: the step waits until then (ISO 8601), then asks again. */
  | { readonly kind: 'scheduled'; readonly by: string; readonly at: string }
  | { readonly kind: 'declined'; readonly by: string; readonly note?: string };

/** What every step is given. */
export interface RunbookContext {
  readonly pair: PairDocument;
  readonly world: IncidentWorld;
  /** A dry run: every step plans and shows what it would run; nothing is applied. */
  readonly dryRun: boolean;
  readonly signal: AbortSignal;
  /** Where the failover engine's write-ahead journals go (one per engine run). */
  readonly journalFolder: string;
  log(level: 'info' | 'warn' | 'error', line: string): void;
  progress(progress: RunbookProgress): void;
  /** Adds an event to the incident's timeline (kept on disk before this resolves). */
  timeline(event: TimelineEventInput): Promise<void>;
  /** Asks the operator; resolves with the answer (the command line's --yes answers at once). */
  ask(question: OperatorQuestion): Promise<OperatorAnswer>;
  /** Data a step kept for later steps and for the report in this run (the engine's journal, the queue at loss). */
  recorded(stepId: string): Readonly<Record<string, unknown>> | undefined;
  record(stepId: string, data: Readonly<Record<string, unknown>>): Promise<void>;
}

/** One thing a step runs, shown before it runs. `run` is called only when `needed`, and never in a dry run. */
export interface RunbookAction {
  readonly tool: RunbookTool;
  /** The cluster, node, directory or address it acts on. */
  readonly target: string;
  /** The exact command line(s), "\n"-separated; never a password. */
  readonly command: string;
  readonly description: string;
  readonly needed: boolean;
  /** How long it may take before the step fails as timed out (ms); the runner's default when absent. */
  readonly timeoutMs?: number;
  run(context: RunbookContext): Promise<void>;
}

export interface RunbookStepPlan {
  readonly actions: readonly RunbookAction[];
  readonly warnings: readonly string[];
  readonly findings: readonly string[];
  /**
   * Why this step must not run now, with what to do (split brain: the source's Exchange group is online on SRC1;
   * fence the source first). A plan with a refusal runs nothing, and the run fails at this step.
   */
  readonly refusal?: string;
}

export interface RunbookStep {
  /** Stable id, kept in the run's state file ("confirm-source-down"). */
  readonly id: string;
  readonly title: string;
  /** Where the guide says it ("7 step 2", "8 step 6"). */
  readonly guide: string;
  plan(context: RunbookContext): Promise<RunbookStepPlan>;
  verify(context: RunbookContext): Promise<readonly VerifyCheck[]>;
}

/** A runbook: the guide section it automates and its steps in order. */
export interface Runbook {
  readonly kind: 'failover' | 'failback';
  readonly steps: readonly RunbookStep[];
}
