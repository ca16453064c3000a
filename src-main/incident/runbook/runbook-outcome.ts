/**
 * A run's one outcome, declared from its steps' final states only (so only after their checks): failed at the
 * first step that failed, cancelled when a step was cancelled, succeeded with warnings when a step warned or a
 * check was reported as a warning, succeeded when every step is done.
 */
import type { RunOutcome, StepState } from './runbook-state';

export interface RunbookOutcome {
  readonly outcome: RunOutcome;
  /** The step the run failed at (or was cancelled in): its 1-based number, id and title. */
  readonly step?: { readonly number: number; readonly id: string; readonly title: string };
  readonly errors: number;
  readonly warnings: number;
}

export function runbookOutcome(steps: readonly StepState[], dryRun: boolean): RunbookOutcome {
  const warnings = steps.reduce((n, s) => n + (s.warnings?.length ?? 0), 0);
  const errors = steps.reduce((n, s) => n + (s.status === 'failed' ? Math.max(1, (s.checks ?? []).filter((c) => !c.ok).length) : 0), 0);
  const at = (index: number) => {
    const s = steps[index];
    return s === undefined ? {} : { step: { number: index + 1, id: s.id, title: s.title } };
  };
  const failed = steps.findIndex((s) => s.status === 'failed');
  if (failed !== -1) return { outcome: 'failed', ...at(failed), errors, warnings };
  const cancelled = steps.findIndex((s) => s.status === 'cancelled');
  if (cancelled !== -1) return { outcome: 'cancelled', ...at(cancelled), errors, warnings };
  const wanted = dryRun ? 'planned' : 'done';
  const unfinished = steps.findIndex((s) => s.status !== wanted);
  // A run that stopped before its last step without a failure or a cancel did not succeed (a killed run): unfinished.
  if (unfinished !== -1) return { outcome: 'cancelled', ...at(unfinished), errors, warnings };
  return { outcome: warnings > 0 ? 'succeeded-with-warnings' : 'succeeded', errors, warnings };
}

/** "succeeded", "succeeded with 2 warnings", "failed at step 3 (exchfailover-setup: Set the ...)", "cancelled at step 2 (...)". */
export function describeOutcome(outcome: RunbookOutcome): string {
  const where = outcome.step === undefined ? '' : ` at step ${outcome.step.number} (${outcome.step.id}: ${outcome.step.title})`;
  switch (outcome.outcome) {
    case 'succeeded':
      return 'succeeded';
    case 'succeeded-with-warnings':
      return `succeeded with ${outcome.warnings} warning${outcome.warnings === 1 ? '' : 's'}`;
    case 'failed':
      return `failed${where}`;
    case 'cancelled':
      return `cancelled${where}`;
  }
}
