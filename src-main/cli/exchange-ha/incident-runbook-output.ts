/**
 * What `exchange-ha incident failover|failback|resume|status` prints: the whole plan first (every step with its exact
 * commands, what is needed or in place, warnings, findings and refusals), then one line per step started, action
 * run, progress change and step ended (with its checks), then the outcome with the recovery time and point; and the
 * status of the last incident. Pure: lines in, lines out.
 */
import type { RunbookEvents } from '../../incident/runbook/runbook-runner';
import type { RunbookPlanView } from '../../incident/runbook/runbook-plan';
import type { RunbookState, StepState } from '../../incident/runbook/runbook-state';
import { formatDuration } from '../../incident/runbook/runbook-helpers';
import type { TimelineEvent } from '../../incident/runbook/timeline-event';
import type { InterventionPrompt } from '../../incident/store/prompt-file';
import { measureLines, type IncidentMeasures } from '../../incident/timeline/timeline-measures';

const indent = (text: string, by = '      '): string[] => text.split('\n').map((line) => `${by}${line}`);

/** The whole plan, as shown before anything changes. */
export function planLines(plan: RunbookPlanView): string[] {
  const lines = [`The ${plan.dryRun ? 'rehearsal (dry run: nothing is applied) of the ' : ''}${plan.runbook} plan, ${plan.steps.length} steps:`];
  for (const step of plan.steps) {
    lines.push(`  ${step.number}. ${step.title} [${step.id}, guide ${step.guide}]${step.doneAlready === true ? ' — done already: skipped' : ''}`);
    for (const action of step.actions) {
      lines.push(`    ${action.needed ? '-' : '='} ${action.description}${action.needed ? '' : ' (in place: not run)'} — ${action.tool} on ${action.target}${action.timeoutMs === null ? '' : `, up to ${formatDuration(action.timeoutMs)}`}`);
      lines.push(...indent(action.command));
    }
    for (const finding of step.findings) lines.push(`    · ${finding}`);
    for (const warning of step.warnings) lines.push(`    ! ${warning}`);
    if (step.refusal !== undefined) lines.push(`    REFUSED: ${step.refusal}`);
    if (step.error !== undefined) lines.push(`    cannot be planned now: ${step.error}`);
  }
  return lines;
}

function stepEndLines(number: number, state: StepState): string[] {
  const lines = [`Step ${number} ${state.id}: ${state.status === 'done' ? 'done' : state.status === 'planned' ? 'planned (dry run)' : state.status} — ${state.result ?? ''}`];
  for (const check of state.checks ?? []) lines.push(`    ${check.ok ? 'ok  ' : 'FAIL'} ${check.what}${check.detail === undefined ? '' : `: ${check.detail}`}`);
  if ((state.waitedForOperatorMs ?? 0) > 0) lines.push(`    waited for the operator ${formatDuration(state.waitedForOperatorMs ?? 0)}`);
  return lines;
}

/** The runner's events as live lines. */
export function liveEvents(line: (text: string) => void): RunbookEvents {
  let lastProgress = '';
  return {
    plan: (plan) => planLines(plan).forEach(line),
    lockTakenOver: (from) => line(`Took over the lock of a ${from.runbook} run started ${from.startedAt} on ${from.host} by process ${from.pid}, which is no longer running.`),
    stepStart: (step, attempt) => line(`Step ${step.number} ${step.id}: ${step.title}${attempt > 1 ? ` (attempt ${attempt}: resumed here)` : ''}`),
    stepSkipped: (number, state) => line(`Step ${number} ${state.id}: skipped — done already by an earlier attempt (ended ${state.endedAt ?? '?'})`),
    action: (_number, action, phase, detail) => {
      if (phase === 'start') line(`  running: ${action.command.split('\n')[0] ?? ''}${action.command.includes('\n') ? ' …' : ''}`);
      else if (phase === 'failed') line(`  failed: ${detail ?? ''}`);
      else if (phase === 'not-needed') line(`  in place: ${action.description}`);
      else if (phase === 'dry-run') line(`  would run: ${action.command.split('\n')[0] ?? ''}`);
    },
    progress: (_number, progress) => {
      if (progress.text === lastProgress) return;
      lastProgress = progress.text;
      line(`  … ${progress.text}`);
    },
    stepEnd: (number, state) => stepEndLines(number, state).forEach(line),
    log: (level, text) => {
      if (level !== 'info') line(`  ${level}: ${text}`);
    },
  };
}

/** The steps of a run's state, one line each. */
export function stateLines(state: RunbookState): string[] {
  const head = `${state.runbook}${state.dryRun ? ' (dry run)' : ''} started ${state.startedAt} by ${state.by} on ${state.host}: ${state.outcome ?? 'unfinished (resume it with: exchange-ha incident resume)'}${state.failedStep === undefined ? '' : ` at ${state.failedStep}`}${state.endedAt === undefined ? '' : `, ended ${state.endedAt}`}`;
  return [
    head,
    ...state.steps.map(
      (s, i) => `  ${i + 1}. ${s.id}: ${s.status}${s.skippedAsDone === true ? ' (skipped as done)' : ''}${s.result === undefined ? '' : ` — ${s.result}`}${(s.waitedForOperatorMs ?? 0) > 0 ? ` [operator ${formatDuration(s.waitedForOperatorMs ?? 0)}]` : ''}`,
    ),
  ];
}

function timelineLine(event: TimelineEvent): string {
  const { kind, at, ...rest } = event;
  const detail = Object.entries(rest)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  return `  ${at} ${kind}${detail === '' ? '' : ` ${detail}`}`;
}

export interface StatusView {
  readonly incidentsRoot: string;
  readonly prompt?: InterventionPrompt;
  readonly incident?: string;
  readonly failover?: RunbookState;
  readonly failback?: RunbookState;
  readonly measures?: IncidentMeasures;
  readonly timeline: readonly TimelineEvent[];
}

export function statusLines(view: StatusView): string[] {
  const lines: string[] = [];
  if (view.prompt?.status === 'pending') {
    lines.push(`A manual intervention prompt is pending since ${view.prompt.raisedAt} for ${view.prompt.name} (${view.prompt.address}): incident ${view.prompt.incident}. Run: exchange-ha incident failover --yes …`);
  }
  if (view.incident === undefined) {
    lines.push(`No incident is recorded in ${view.incidentsRoot}.`);
    return lines;
  }
  lines.push(`Incident ${view.incident} (${view.incidentsRoot}):`);
  if (view.failover === undefined && view.failback === undefined) lines.push('  No runbook was run for it.');
  if (view.failover !== undefined) lines.push(...stateLines(view.failover));
  if (view.failback !== undefined) lines.push(...stateLines(view.failback));
  if (view.measures !== undefined) lines.push(...measureLines(view.measures));
  lines.push('Timeline:', ...view.timeline.map(timelineLine));
  return lines;
}
