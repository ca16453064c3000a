/**
 * `exchange-ha setup apply`: the confirmations first (--confirm), then each step in the guide's order, the plan it
 * applies printed before it runs. Without --plan a step is planned, printed, and that plan (by its digest) applied;
 * with --plan FILE the file's plans are applied exactly, step by step. When a step's plan is not the same at apply
 * (the world or the pair document changed), nothing of that step runs and the run stops with exit 3, naming the step
 * and what changed. The service does the work; nothing here touches the world.
 */
import type { StepPlan, StepVerification } from '../../contract/steps';
import type { SetupService } from '../../setup/setup-service';
import { findCatalogueEntry, type CatalogueEntry } from '../../setup/step-catalogue';
import type { SetupCommand } from './arguments';
import type { PlanFile } from './plan-file';
import { SetupExit, describeError, selectedSteps, type SetupOutput } from './setup-commands';
import { failedChecks, formatLogLine, formatPlan, formatPlanBody, formatPlanChanges, formatProgress, stepHeading } from './setup-output';

/** The steps to apply: the file's (each with the plan it holds), or --step's, or every step. */
function stepsToApply(command: SetupCommand, file: PlanFile | undefined): { entry: CatalogueEntry; plan?: StepPlan }[] {
  if (file === undefined) return selectedSteps(command.step).map((entry) => ({ entry }));
  return file.steps.flatMap(({ id, plan }) => {
    const entry = findCatalogueEntry(id);
    return entry === undefined ? [] : [{ entry, plan }];
  });
}

async function recordConfirmations(service: SetupService, command: SetupCommand, out: SetupOutput): Promise<boolean> {
  for (const confirmation of command.confirmations) {
    const handwork = findCatalogueEntry(confirmation.stepId)?.handwork;
    // A step with a part done by hand has that part confirmed (its state stays); any other is marked done by hand.
    const marked = handwork !== undefined ? await service.confirm(confirmation.stepId, confirmation.note) : await service.markDone(confirmation.stepId, confirmation.note);
    if (!marked.ok) {
      out.problem(`--confirm ${confirmation.stepId}: ${describeError(marked.error)}`);
      return false;
    }
    out.line(
      handwork !== undefined
        ? `Step ${confirmation.stepId}: confirmed by hand (${handwork.charAt(0).toLowerCase()}${handwork.slice(1)}): ${confirmation.note}`
        : `Step ${confirmation.stepId} confirmed by hand: ${confirmation.note}`,
    );
  }
  return true;
}

export async function applyCommand(service: SetupService, command: SetupCommand, out: SetupOutput, signal: AbortSignal, file?: PlanFile): Promise<number> {
  const stop = (entry: CatalogueEntry, why: string): number => {
    out.problem(`Stopped at step ${entry.id} (${entry.title}): ${why}`);
    return SetupExit.failed;
  };
  if (!(await recordConfirmations(service, command, out))) return SetupExit.failed;
  if (file !== undefined && command.planFile !== undefined) {
    out.line(`Applying the plans of ${command.planFile}, made at ${file.madeAt} on ${file.where} from ${file.pair.file}.`);
    out.line('');
  }
  const steps = stepsToApply(command, file);
  for (const { entry, plan: filed } of steps) {
    out.line(stepHeading(entry));
    let verification: StepVerification;
    if (entry.kind === 'manual') {
      // A step done by hand runs nothing: its confirmation is what is checked (a plan file's plan of it is advice).
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
      let plan = filed;
      if (plan === undefined) {
        const planned = await service.plan(entry.id);
        if (!planned.ok) return stop(entry, describeError(planned.error));
        plan = planned.value;
      }
      formatPlanBody(entry, plan).forEach((line) => out.line(line));
      // `setup apply` is the administrator's confirmation: it runs exactly the plan printed above or saved in the
      // plan file they read (a changed plan stops with exit 3, nothing of it run).
      const applied = await service.apply(entry.id, { digest: plan.digest, seen: plan, confirmed: true }, {
        signal,
        onLog: (level, line) => formatLogLine(level, line).forEach((text) => out.line(text)),
        onProgress: (value, title, description) => {
          if (description !== undefined) out.line(formatProgress(value, title));
        },
      });
      if (!applied.ok) return stop(entry, describeError(applied.error));
      if (applied.value.kind === 'plan-changed') {
        const { changes, plan: now } = applied.value;
        out.problem(
          `Stopped at step ${entry.id} (${entry.title}): its plan changed since ${filed !== undefined ? `${command.planFile ?? 'the plan file'} was made` : 'it was printed above'}; nothing of step ${entry.id} was run. What changed:`,
        );
        formatPlanChanges(changes).forEach((line) => out.problem(line));
        out.line('');
        out.line(`The plan of step ${entry.id} now:`);
        formatPlan(entry, now).forEach((line) => out.line(line));
        out.problem(
          filed !== undefined
            ? `The steps before it are applied and verified. Plan again (setup plan --out FILE), read the new plans, then apply that file.`
            : `The steps before it are applied and verified. Read the plan now (above) and run setup apply again to apply it.`,
        );
        return SetupExit.planChanged;
      }
      verification = applied.value.verification;
    }
    if (!verification.ok) return stop(entry, `verification found a difference: ${failedChecks(verification)}`);
    out.line(`  Verified.`);
    out.line('');
  }
  if (file !== undefined) {
    out.line(`Every step of ${command.planFile ?? 'the plan file'} (${steps.length}) is applied and verified.`);
    const waiting = file.waiting.map((step) => step.id);
    if (waiting.length > 0) {
      out.line(`${waiting.length} step${waiting.length === 1 ? ' was' : 's were'} not in it, waiting for these (${waiting.join(', ')}): plan again with --out and apply the new file.`);
    }
    return SetupExit.ok;
  }
  out.line(steps.length === 1 ? 'The step is applied and verified.' : `Every step (${steps.length}) is applied and verified.`);
  return SetupExit.ok;
}
