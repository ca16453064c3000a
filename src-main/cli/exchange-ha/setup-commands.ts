/**
 * `exchange-ha setup plan|verify` over the setup service (apply is setup-apply-command.ts): which steps (all, in the
 * guide's order, or the one of --step), what is printed, the plan file of --out, and the exit code. The service does
 * the work; nothing here touches the world.
 */
import type { StepPlan } from '../../contract/steps';
import type { SetupService } from '../../setup/setup-service';
import { STEP_CATALOGUE, type CatalogueEntry } from '../../setup/step-catalogue';
import type { SetupCommand } from './arguments';
import { planFileOf, writePlanFile, type PlannedStep } from './plan-file';
import { formatError, formatPlan, formatVerification, planTotals, stepHeading } from './setup-output';

/** Where a command writes: lines of text on standard output, problems on standard error, or one JSON value. */
export interface SetupOutput {
  line(text: string): void;
  problem(text: string): void;
  json(value: unknown): void;
}

/** 0 done; 1 a step failed, was not confirmed, or did not verify; 3 a step's plan changed since it was shown or saved. */
export const SetupExit = { ok: 0, failed: 1, planChanged: 3 } as const;

/** The steps a command works on: --step's, or every step of the catalogue in the guide's order. */
export function selectedSteps(step: string | undefined): readonly CatalogueEntry[] {
  return step === undefined ? STEP_CATALOGUE : STEP_CATALOGUE.filter((entry) => entry.id === step);
}

/** What an error from the service says, and what the catalogue says of its code (setup-output.ts). */
export const describeError = formatError;

/** What `setup plan --out` writes beside the plans: when, from which pair document, where, through which mask. */
export interface PlanFileContext {
  readonly madeAt: string;
  readonly where: string;
  readonly mask: (text: string) => string;
}

export async function planCommand(service: SetupService, command: SetupCommand, out: SetupOutput, context?: PlanFileContext): Promise<number> {
  const plans: StepPlan[] = [];
  const steps: unknown[] = [];
  const planned: PlannedStep[] = [];
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
    // A step that waits for others is planned for the record, but its plan would change once those are applied.
    const waitsFor = service.waitingFor(entry.id);
    planned.push(waitsFor.length === 0 ? { id: entry.id, title: entry.title, plan: result.value } : { id: entry.id, title: entry.title, waitsFor });
    plans.push(result.value);
    steps.push({ id: entry.id, title: entry.title, kind: entry.kind, ...result.value, ...(waitsFor.length > 0 ? { waitsFor } : {}) });
    if (!command.json) {
      formatPlan(entry, result.value).forEach((line) => out.line(line));
      if (command.out !== undefined && waitsFor.length > 0) out.line(`  Not in ${command.out}: it waits for ${waitsFor.join(', ')}; plan it again once ${waitsFor.length === 1 ? 'that is' : 'those are'} applied.`);
      out.line('');
    }
  }
  const written = command.out !== undefined && !failed ? await savePlanFile(command.out, planned, command, context) : undefined;
  const needed = plans.reduce((sum, plan) => sum + plan.actions.filter((a) => a.needed).length, 0);
  if (command.json) out.json({ command: 'plan', pair: command.pair, ok: !failed && written?.ok !== false, needed, steps, ...(command.out !== undefined ? { out: command.out } : {}) });
  else out.line(planTotals(plans));
  if (command.out !== undefined && failed) out.problem(`${command.out} was not written: a step could not be planned.`);
  if (written !== undefined && !written.ok) out.problem(`${command.out ?? ''} was not written: ${written.why}.`);
  if (written?.ok === true && !command.json) written.lines.forEach((line) => out.line(line));
  return failed || written?.ok === false ? SetupExit.failed : SetupExit.ok;
}

/** Writes the plan file of `setup plan --out`; says what it holds and what waits, or why it was not written. */
async function savePlanFile(
  path: string,
  planned: readonly PlannedStep[],
  command: SetupCommand,
  context: PlanFileContext | undefined,
): Promise<{ ok: true; lines: string[] } | { ok: false; why: string }> {
  const file = planFileOf(planned, { madeAt: context?.madeAt ?? new Date().toISOString(), pairFile: command.pair, where: context?.where ?? '' });
  if (typeof file === 'string') return { ok: false, why: file };
  await writePlanFile(path, file, context?.mask ?? ((text) => text));
  const ids = file.steps.map((step) => step.id);
  const waiting = file.waiting.map((step) => step.id);
  return {
    ok: true,
    lines: [
      `${path} holds the plan${ids.length === 1 ? '' : 's'} of ${ids.length === 1 ? 'step' : `${ids.length} steps:`} ${ids.join(', ')}; apply exactly ${ids.length === 1 ? 'it' : 'them'} with: setup apply --plan ${path}`,
      ...(waiting.length > 0
        ? [`${waiting.length} step${waiting.length === 1 ? ' waits' : 's wait'} for others (${waiting.join(', ')}): plan again with --out once those are applied.`]
        : []),
    ],
  };
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
