/**
 * The whole plan of a runbook, made before anything changes: every step plans against the world as it is now and
 * says exactly what it would run, whether it is still needed, its warnings, findings and refusal. A step whose plan
 * cannot be made says why (the plan shows it; the run fails there when it reaches it). The command line prints it,
 * the panel shows it.
 */
import { DEFAULT_ACTION_TIMEOUT_MS, errorText } from './runbook-helpers';
import type { Runbook, RunbookContext, RunbookStep, RunbookStepPlan, RunbookTool } from './runbook-step';

export interface PlannedActionView {
  readonly tool: RunbookTool;
  readonly target: string;
  readonly command: string;
  readonly description: string;
  readonly needed: boolean;
  readonly timeoutMs: number | null;
}

export interface PlannedStepView {
  /** 1-based. */
  readonly number: number;
  readonly id: string;
  readonly title: string;
  readonly guide: string;
  readonly actions: readonly PlannedActionView[];
  readonly warnings: readonly string[];
  readonly findings: readonly string[];
  readonly refusal?: string;
  /** The plan could not be made (a cluster that does not answer...). */
  readonly error?: string;
  /** A resumed run found it done already: it will be skipped. */
  readonly doneAlready?: boolean;
}

export interface RunbookPlanView {
  readonly runbook: Runbook['kind'];
  readonly dryRun: boolean;
  readonly steps: readonly PlannedStepView[];
}

/** The timeout an action runs with: its own, or its tool's default. */
export function actionTimeoutMs(tool: RunbookTool, own: number | undefined, defaults: Partial<Record<RunbookTool, number>> = {}): number {
  return own ?? defaults[tool] ?? DEFAULT_ACTION_TIMEOUT_MS[tool];
}

export function stepPlanView(
  number: number,
  step: RunbookStep,
  plan: RunbookStepPlan | { readonly error: string },
  timeouts: Partial<Record<RunbookTool, number>> = {},
): PlannedStepView {
  const head = { number, id: step.id, title: step.title, guide: step.guide };
  if ('error' in plan) return { ...head, actions: [], warnings: [], findings: [], error: plan.error };
  return {
    ...head,
    actions: plan.actions.map((a) => {
      const timeout = actionTimeoutMs(a.tool, a.timeoutMs, timeouts);
      return { tool: a.tool, target: a.target, command: a.command, description: a.description, needed: a.needed, timeoutMs: Number.isFinite(timeout) ? timeout : null };
    }),
    warnings: [...plan.warnings],
    findings: [...plan.findings],
    ...(plan.refusal === undefined ? {} : { refusal: plan.refusal }),
  };
}

/** Plans every step (the steps in `done` are marked as done already and planned all the same). Changes nothing. */
export async function planRunbook(
  runbook: Runbook,
  contextOf: (step: RunbookStep) => RunbookContext,
  options: { readonly dryRun: boolean; readonly done?: ReadonlySet<string>; readonly timeouts?: Partial<Record<RunbookTool, number>> },
): Promise<RunbookPlanView> {
  const steps: PlannedStepView[] = [];
  for (const [index, step] of runbook.steps.entries()) {
    let plan: RunbookStepPlan | { error: string };
    try {
      plan = await step.plan(contextOf(step));
    } catch (e) {
      plan = { error: errorText(e) };
    }
    const view = stepPlanView(index + 1, step, plan, options.timeouts);
    steps.push(options.done?.has(step.id) === true ? { ...view, doneAlready: true } : view);
  }
  return { runbook: runbook.kind, dryRun: options.dryRun, steps };
}
