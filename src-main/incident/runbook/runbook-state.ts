/**
 * A runbook run's state on disk, `<incident>/<kind>.json` (failover.json, failback.json): each step's status,
 * start, end, result, checks, and whether it was skipped as already done, plus the data steps recorded for later
 * steps. Written atomically before and after each step, so a run killed at any step resumes at that step.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { verifyCheckSchema } from '../../contract/steps';
import { writeFileAtomic } from '../../shared/write-file-atomic';

export const RUNBOOK_STATE_FORMAT = 'exchange-ha-runbook-state';

export const stepStatusSchema = z.enum(['pending', 'running', 'done', 'failed', 'cancelled', 'planned']);
export type StepStatus = z.infer<typeof stepStatusSchema>;

export const stepStateSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  guide: z.string(),
  status: stepStatusSchema,
  startedAt: z.string().optional(),
  endedAt: z.string().optional(),
  /** One line: what the step found or why it failed. */
  result: z.string().optional(),
  checks: z.array(verifyCheckSchema).optional(),
  warnings: z.array(z.string()).optional(),
  /** A resumed run found this step done by an earlier attempt and did not run it again. */
  skippedAsDone: z.boolean().optional(),
  /** Time spent waiting for a person inside the step. */
  waitedForOperatorMs: z.number().int().nonnegative().optional(),
  /** Time spent in the step's actions (the tools' commands, the engine, the waits), operator excluded. */
  actionsMs: z.number().int().nonnegative().optional(),
  /** How many times the step was started (more than 1 after a resume). */
  attempts: z.number().int().positive().optional(),
});
export type StepState = z.infer<typeof stepStateSchema>;

export const runOutcomeSchema = z.enum(['succeeded', 'succeeded-with-warnings', 'failed', 'cancelled']);
export type RunOutcome = z.infer<typeof runOutcomeSchema>;

export const runbookStateSchema = z.strictObject({
  format: z.literal(RUNBOOK_STATE_FORMAT),
  version: z.literal(1),
  runbook: z.enum(['failover', 'failback']),
  incident: z.string(),
  dryRun: z.boolean(),
  startedAt: z.string(),
  updatedAt: z.string(),
  /** Who ran it, where (the latest attempt). */
  by: z.string(),
  host: z.string(),
  steps: z.array(stepStateSchema),
  /** Data steps kept for later steps (ctx.record), by step id. */
  records: z.record(z.string(), z.record(z.string(), z.unknown())),
  outcome: runOutcomeSchema.optional(),
  /** The step the run failed at (its id), with `outcome` failed. */
  failedStep: z.string().optional(),
  endedAt: z.string().optional(),
});
export type RunbookState = z.infer<typeof runbookStateSchema>;

/** A state file that cannot be read: names the file and what is wrong. */
export class RunbookStateError extends Error {
  override readonly name = 'RunbookStateError';
}

export function runbookStateFile(incidentFolder: string, kind: 'failover' | 'failback'): string {
  return join(incidentFolder, `${kind}.json`);
}

/** The state of a run, or undefined when the incident has none of that kind. */
export async function readRunbookState(file: string): Promise<RunbookState | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new RunbookStateError(`${file} is not JSON: the run's state is damaged; move it away to start the run again from its first step.`);
  }
  const parsed = runbookStateSchema.safeParse(value);
  if (!parsed.success) {
    throw new RunbookStateError(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

export async function writeRunbookState(file: string, state: RunbookState): Promise<void> {
  await writeFileAtomic(file, [`${JSON.stringify(runbookStateSchema.parse(state), null, 2)}\n`]);
}
