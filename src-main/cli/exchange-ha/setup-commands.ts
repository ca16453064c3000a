/**
 * `exchange-ha setup plan|apply|verify` over the setup service: which steps (all, in the guide's order, or the one
 * of --step), what is printed, and the exit code. The service does the work; nothing here touches the world.
 */
import type { StepPlan, StepVerification } from '../../contract/steps';
import type { SetupService } from '../../setup/setup-service';
import { STEP_CATALOGUE, findCatalogueEntry, type CatalogueEntry } from '../../setup/step-catalogue';
import type { SetupCommand } from './arguments';
import {
  failedChecks,
  formatLogLine,
  formatPlan,
  formatProgress,
  formatVerification,
  planTotals,
  stepHeading,
} from './setup-output';

/** Where a command writes: lines of text on standard output, problems on standard error, or one JSON value. */
export interface SetupOutput {
  line(text: string): void;
  problem(text: string): void;
  json(value: unknown): void;
}

export const SetupExit = { ok: 0, failed: 1 } as const;

/** The steps a command works on: --step's, or every step of the catalogue in the guide's order. */
export function selectedSteps(step: string | undefined): readonly CatalogueEntry[] {
  return step === undefined ? STEP_CATALOGUE : STEP_CATALOGUE.filter((entry) => entry.id === step);
}

/** What an error from the service says, with its detail when it adds lines (a pair document's problems). */
function describeError(error: { readonly message: string; readonly detail?: string }): string {
  return error.detail !== undefined && error.detail.includes('\n') ? `${error.message}\n${error.detail}` : error.message;
}

export async function planCommand(service: SetupService, command: SetupCommand, out: SetupOutput): Promise<number> {
  const plans: StepPlan[] = [];
  const steps: unknown[] = [];
  let failed = false;
  for (const entry of selectedSteps(command.step)) {
    const result = await service.plan(entry.id);
    if (!result.ok) {
      failed = true;
      steps.push({ id: entry.id, title: entry.title, kind: entry.kind, error: result.error });
      if (!command.json) {
        out.line(stepHeading(entry));
        out.problem(`Step ${entry.id} (${entry.title}) cannot be planned: ${describeError(result.error)}`);
        out.line('');
      }
      continue;
    }
    plans.push(result.value);
    steps.push({ id: entry.id, title: entry.title, kind: entry.kind, ...result.value });
    if (!command.json) {
      formatPlan(entry, result.value).forEach((line) => out.line(line));
      out.line('');
    }
  }
  const needed = plans.reduce((sum, plan) => sum + plan.actions.filter((a) => a.needed).length, 0);
  if (command.json) out.json({ command: 'plan', pair: command.pair, ok: !failed, needed, steps });
  else out.line(planTotals(plans));
  return failed ? SetupExit.failed : SetupExit.ok;
}

export async function applyCommand(service: SetupService, command: SetupCommand, out: SetupOutput, signal: AbortSignal): Promise<number> {
  const stop = (entry: CatalogueEntry, why: string): number => {
    out.problem(`Stopped at step ${entry.id} (${entry.title}): ${why}`);
    return SetupExit.failed;
  };
  for (const confirmation of command.confirmations) {
    const handwork = findCatalogueEntry(confirmation.stepId)?.handwork;
    // A step with a part done by hand has that part confirmed (its state stays); any other is marked done by hand.
    const marked = handwork !== undefined ? await service.confirm(confirmation.stepId, confirmation.note) : await service.markDone(confirmation.stepId, confirmation.note);
    if (!marked.ok) {
      out.problem(`--confirm ${confirmation.stepId}: ${describeError(marked.error)}`);
      return SetupExit.failed;
    }
    out.line(
      handwork !== undefined
        ? `Step ${confirmation.stepId}: confirmed by hand (${handwork.charAt(0).toLowerCase()}${handwork.slice(1)}): ${confirmation.note}`
        : `Step ${confirmation.stepId} confirmed by hand: ${confirmation.note}`,
    );
  }
  const steps = selectedSteps(command.step);
  for (const entry of steps) {
    out.line(stepHeading(entry));
    let verification: StepVerification;
    if (entry.kind === 'manual') {
      const got = service.get(entry.id);
      if (!got.ok) return stop(entry, describeError(got.error));
      if (got.value.summary.state !== 'done-by-hand') {
        return stop(
          entry,
          `it is done by hand and is not confirmed yet. Do it, then run again with --confirm ${entry.id}="what was done and where the evidence is".`,
        );
      }
      const verified = await service.verify(entry.id);
      if (!verified.ok) return stop(entry, describeError(verified.error));
      verification = verified.value;
      verification.checks.forEach((check) => formatLogLine('info', `${check.ok ? 'OK' : 'NOT OK'}: ${check.what}`).forEach((line) => out.line(line)));
    } else {
      const applied = await service.apply(entry.id, {
        signal,
        onLog: (level, line) => formatLogLine(level, line).forEach((text) => out.line(text)),
        onProgress: (value, title, description) => {
          if (description !== undefined) out.line(formatProgress(value, title));
        },
      });
      if (!applied.ok) return stop(entry, describeError(applied.error));
      verification = applied.value;
    }
    if (!verification.ok) return stop(entry, `verification found a difference: ${failedChecks(verification)}`);
    out.line(`  Verified.`);
    out.line('');
  }
  out.line(steps.length === 1 ? 'The step is applied and verified.' : `Every step (${steps.length}) is applied and verified.`);
  return SetupExit.ok;
}

export async function verifyCommand(service: SetupService, command: SetupCommand, out: SetupOutput): Promise<number> {
  const steps: unknown[] = [];
  const notOk: string[] = [];
  for (const entry of selectedSteps(command.step)) {
    const result = await service.verify(entry.id);
    if (!result.ok) {
      notOk.push(entry.id);
      steps.push({ id: entry.id, title: entry.title, ok: false, error: result.error });
      if (!command.json) {
        out.line(stepHeading(entry));
        out.problem(`Step ${entry.id} (${entry.title}) cannot be verified: ${describeError(result.error)}`);
        out.line('');
      }
      continue;
    }
    if (!result.value.ok) notOk.push(entry.id);
    steps.push({ id: entry.id, title: entry.title, ok: result.value.ok, checks: result.value.checks });
    if (!command.json) {
      formatVerification(entry, result.value).forEach((line) => out.line(line));
      out.line('');
    }
  }
  const ok = notOk.length === 0;
  if (command.json) out.json({ command: 'verify', pair: command.pair, ok, steps });
  else if (ok) out.line(steps.length === 1 ? 'The step verifies.' : `Every step (${steps.length}) verifies.`);
  else out.problem(`${notOk.length} of ${steps.length} ${notOk.length === 1 ? 'step does' : 'steps do'} not verify: ${notOk.join(', ')}.`);
  return ok ? SetupExit.ok : SetupExit.failed;
}
