/**
 * How `exchange-ha setup` writes plans, progress and checks as text: one heading per step ("4.2.2  Create the
 * Exchange IP Address resource"), each change with its marker, target and description, then its exact command
 * lines indented. Pure functions of the service's data, so the wording is tested without a world.
 */
import { catalogueLines } from '../../contract/error-catalogue';
import type { AppError } from '../../contract/result';
import type { PlanChanges, PlannedAction, StepPlan, StepVerification, VerifyCheck } from '../../contract/steps';
import type { CatalogueEntry } from '../../setup/step-catalogue';

/** Indent of the lines under a heading, and of the command lines under an action. */
const ITEM = '  ';
const COMMAND = '      ';

/**
 * An error from the service as text: its message (with its detail when that adds lines: a pair document's
 * problems), then the catalogue's title, explanation and next step for its code, as the wizard shows them.
 */
export function formatError(error: AppError): string {
  const message = error.detail !== undefined && error.detail.includes('\n') ? `${error.message}\n${error.detail}` : error.message;
  return [message, ...catalogueLines(error.code, ITEM)].join('\n');
}

/** `4.2.2  Create the Exchange IP Address resource`. */
export function stepHeading(entry: Pick<CatalogueEntry, 'id' | 'title'>): string {
  return `${entry.id}  ${entry.title}`;
}

/** The marker of a planned change: still to do, or already in place in the world. */
export function actionMarker(action: Pick<PlannedAction, 'needed'>): string {
  return action.needed ? '[needed]  ' : '[in place]';
}

/** Every line of a text, each indented. */
export function indentLines(text: string, indent: string): string[] {
  return text.split('\n').map((line) => `${indent}${line}`);
}

/** One planned change: `  [needed]   SRCCLUS: Create ...` and its command lines under it. */
export function formatAction(action: PlannedAction): string[] {
  return [`${ITEM}${actionMarker(action)} ${action.target}: ${action.description}`, ...indentLines(action.command, COMMAND)];
}

/** A step's whole plan under its heading. */
export function formatPlan(entry: CatalogueEntry, plan: StepPlan): string[] {
  return [stepHeading(entry), ...formatPlanBody(entry, plan)];
}

/** A step's plan without its heading (under a heading printed already, as apply prints what it applies). */
export function formatPlanBody(entry: Pick<CatalogueEntry, 'kind'>, plan: StepPlan): string[] {
  const lines: string[] = [];
  if (plan.actions.length === 0) {
    lines.push(`${ITEM}${entry.kind === 'manual' ? 'Done by hand: the program runs nothing for this step.' : 'No change to make.'}`);
  }
  for (const action of plan.actions) lines.push(...formatAction(action));
  for (const warning of plan.warnings) lines.push(`${ITEM}Warning: ${warning}`);
  for (const finding of plan.findings) lines.push(`${ITEM}Finding: ${finding}`);
  return lines;
}

/** How many changes the plans still need, in words: `5 changes needed in 3 steps` or `nothing needed`. */
export function planTotals(plans: readonly StepPlan[]): string {
  const needed = plans.map((plan) => plan.actions.filter((a) => a.needed).length);
  const changes = needed.reduce((sum, n) => sum + n, 0);
  const steps = needed.filter((n) => n > 0).length;
  if (changes === 0) return 'Nothing needed: every planned change is in place.';
  return `${changes} change${changes === 1 ? '' : 's'} needed in ${steps} step${steps === 1 ? '' : 's'}.`;
}

/** One check: `  ok    what (detail)` or `  FAIL  what: detail`. */
export function formatCheck(check: VerifyCheck): string {
  if (check.ok) return `${ITEM}ok    ${check.what}${check.detail !== undefined ? ` (${check.detail})` : ''}`;
  return `${ITEM}FAIL  ${check.what}${check.detail !== undefined ? `: ${check.detail}` : ''}`;
}

/** A step's verification under its heading. */
export function formatVerification(entry: CatalogueEntry, verification: StepVerification): string[] {
  const lines = [stepHeading(entry), ...verification.checks.map(formatCheck)];
  if (verification.checks.length === 0) lines.push(`${ITEM}FAIL  the step has no check to make`);
  return lines;
}

/** The failed checks in one line, for the message that stops an apply. */
export function failedChecks(verification: StepVerification): string {
  const failed = verification.checks.filter((c) => !c.ok);
  if (failed.length === 0) return 'no check was made';
  return failed.map((c) => `${c.what}${c.detail !== undefined ? ` (${c.detail})` : ''}`).join('; ');
}

/**
 * A line the service logs while it applies (`SRCCLUS: cluster SRCCLUS resource ...`, `OK: ...`, a warning),
 * indented under the step's heading; a multi-line DTCL script keeps its lines under the first.
 */
export function formatLogLine(level: 'info' | 'warn' | 'error', line: string): string[] {
  const prefix = level === 'warn' ? 'Warning: ' : level === 'error' ? 'Error: ' : '';
  const [first = '', ...more] = line.split('\n');
  return [`${ITEM}${ITEM}${prefix}${first}`, ...more.map((l) => `${COMMAND}${l}`)];
}

/** The progress line of a change about to run (the service's onProgress with the change's description). */
export function formatProgress(value: number, title: string): string {
  return `${ITEM}> ${title} [${Math.round(value * 100)}%]`;
}

/** A change of a plan: `  Added:  [needed]   SRCCLUS: description` and its command lines under it. */
function changedAction(label: string, action: PlannedAction): string[] {
  return [`${ITEM}${label}: ${actionMarker(action)} ${action.target}: ${action.description}`, ...indentLines(action.command, COMMAND)];
}

/** What changed in a step's plan since it was seen, a line (or a change with its command lines) each. */
export function formatPlanChanges(changes: PlanChanges): string[] {
  if (!changes.known) return [`${ITEM}The plan seen is not known here any more: compare the plan now (below) with what you expected.`];
  return [
    ...(changes.pairChanged ? [`${ITEM}The pair document changed since the plan was made.`] : []),
    ...changes.added.flatMap((a) => changedAction('Added', a)),
    ...changes.removed.flatMap((a) => changedAction('No longer planned', a)),
    ...changes.neededChanged.flatMap((a) => changedAction(a.needed ? 'Now needed' : 'Now in place', a)),
    ...changes.warningsAdded.map((w) => `${ITEM}New warning: ${w}`),
    ...changes.warningsRemoved.map((w) => `${ITEM}Warning gone: ${w}`),
    ...(changes.reordered ? [`${ITEM}The same changes, in another order.`] : []),
  ];
}
