/**
 * Runs a runbook (guide section 7 or 8) for one incident, the way the setup steps run: the whole plan first (before
 * anything changes), then each step in order — `step-start` on the timeline, plan again, run the needed actions in
 * order (each with its timeout, cancellable), verify; done only when every check passes; `step-end`.
 *
 * - State on disk (`<incident>/<kind>.json`, runbook-state.ts), written atomically before and after each step. A run
 *   killed at any step resumes at that step (`mode: 'resume'`): the steps already done are skipped, and the
 *   timeline and the events say so; the resumed step plans again, so what is already in place is not needed.
 * - One run at a time per pair: the incidents folder's lock (runbook-lock.ts), taken before anything is read.
 * - A dry run walks the very same steps: each plans and shows; nothing is applied (the timeline's run-start says
 *   dryRun) and each step ends `planned`.
 * - One outcome, from the steps' final states only (runbook-outcome.ts): succeeded, succeeded with warnings,
 *   failed at step N, cancelled; `run-end` on the timeline.
 * - Time waiting for the operator (ctx.ask) is measured per step, apart from the time in the actions.
 */
import type { VerifyCheck } from '../../contract/steps';
import type { PairDocument } from '../../pair/pair-document-schema';
import type { IncidentFolder } from '../store/incident-folder';
import type { IncidentWorld } from '../incident-world';
import { errorText, formatDuration, RunbookCancelled, RunbookTimeout } from './runbook-helpers';
import { takeRunbookLock, type HeldRunbookLock, type RunbookLockHolder } from './runbook-lock';
import { describeOutcome, runbookOutcome, type RunbookOutcome } from './runbook-outcome';
import { actionTimeoutMs, planRunbook, stepPlanView, type PlannedStepView, type RunbookPlanView } from './runbook-plan';
import { readRunbookState, runbookStateFile, RUNBOOK_STATE_FORMAT, writeRunbookState, type RunbookState, type StepState } from './runbook-state';
import type { OperatorAnswer, OperatorQuestion, Runbook, RunbookAction, RunbookContext, RunbookProgress, RunbookStep, RunbookStepPlan, RunbookTool } from './runbook-step';
import type { TimelineEventInput } from './timeline-event';

/** Who runs, where: named in the lock, the timeline and the state. */
export interface RunbookOperator {
  readonly user: string;
  readonly host: string;
  readonly pid: number;
}

/** What the runner tells whoever shows the run (the command line's lines, the panel's channel). */
export interface RunbookEvents {
  plan?(plan: RunbookPlanView): void;
  /** A dead holder's lock was taken over. */
  lockTakenOver?(from: RunbookLockHolder): void;
  stepStart?(step: PlannedStepView, attempt: number): void;
  /** A resumed run skips a step an earlier attempt did. */
  stepSkipped?(number: number, state: StepState): void;
  /** An action starts, ends, is not needed, or is only shown (dry run). */
  action?(number: number, action: RunbookAction, phase: 'start' | 'done' | 'not-needed' | 'dry-run' | 'failed', detail?: string): void;
  stepEnd?(number: number, state: StepState): void;
  log?(level: 'info' | 'warn' | 'error', line: string): void;
  progress?(number: number, progress: RunbookProgress): void;
}

export interface RunbookRunRequest {
  readonly runbook: Runbook;
  readonly incidents: IncidentFolder;
  readonly incident: string;
  readonly pair: PairDocument;
  readonly world: IncidentWorld;
  /** A rehearsal: every step plans and shows, nothing is applied. Ignored on resume: a run resumes as it was started. */
  readonly dryRun: boolean;
  /** `start`: a new run of this incident (refused while an unfinished one is on disk); `resume`: the one on disk. */
  readonly mode: 'start' | 'resume';
  readonly signal: AbortSignal;
  readonly journalFolder: string;
  readonly operator: RunbookOperator;
  ask(question: OperatorQuestion): Promise<OperatorAnswer>;
  readonly events?: RunbookEvents;
  /** Per-tool defaults replacing DEFAULT_ACTION_TIMEOUT_MS. */
  readonly timeouts?: Partial<Record<RunbookTool, number>>;
  /** Whether a process of this host lives (tests). */
  readonly isAlive?: (pid: number) => boolean;
  /** How long a cancelled or timed-out action is given to stop (STOP_GRACE_MS by default). */
  readonly stopGraceMs?: number;
}

export interface RunbookReport {
  readonly incident: string;
  readonly runbook: Runbook['kind'];
  readonly dryRun: boolean;
  readonly plan: RunbookPlanView;
  readonly state: RunbookState;
  readonly outcome: RunbookOutcome;
  readonly stateFile: string;
}

/** A run refused before anything changed (an unfinished run on disk, nothing to resume, a state of another runbook). */
export class RunbookRefusedError extends Error {
  override readonly name = 'RunbookRefusedError';
}

function freshState(request: RunbookRequestLike, now: string): RunbookState {
  return {
    format: RUNBOOK_STATE_FORMAT,
    version: 1,
    runbook: request.runbook.kind,
    incident: request.incident,
    dryRun: request.dryRun,
    startedAt: now,
    updatedAt: now,
    by: request.operator.user,
    host: request.operator.host,
    steps: request.runbook.steps.map((s) => ({ id: s.id, title: s.title, guide: s.guide, status: 'pending' })),
    records: {},
  };
}

type RunbookRequestLike = Pick<RunbookRunRequest, 'runbook' | 'incident' | 'dryRun' | 'operator'>;

/** The state to continue from: checked against the runbook (same steps), or refused saying why. */
function resumable(state: RunbookState | undefined, request: RunbookRunRequest, file: string): RunbookState {
  if (state === undefined) throw new RunbookRefusedError(`Incident ${request.incident} has no ${request.runbook.kind} run to resume (${file} does not exist).`);
  if (state.outcome === 'succeeded' || state.outcome === 'succeeded-with-warnings') {
    throw new RunbookRefusedError(`The ${state.runbook} run of incident ${request.incident} ${state.outcome === 'succeeded' ? 'succeeded' : 'succeeded with warnings'} at ${state.endedAt ?? state.updatedAt}: there is nothing to resume.`);
  }
  const known = new Set(request.runbook.steps.map((s) => s.id));
  const unknown = state.steps.filter((s) => !known.has(s.id));
  if (unknown.length > 0) throw new RunbookRefusedError(`${file} names steps this program does not have (${unknown.map((s) => s.id).join(', ')}): it was written by another version; nothing was changed.`);
  // Steps the state does not have yet (a newer runbook) are added as pending, in the runbook's order.
  const byId = new Map(state.steps.map((s) => [s.id, s]));
  const steps = request.runbook.steps.map((s): StepState => byId.get(s.id) ?? { id: s.id, title: s.title, guide: s.guide, status: 'pending' });
  const { outcome: _outcome, failedStep: _failed, endedAt: _ended, ...rest } = state;
  return { ...rest, steps, by: request.operator.user, host: request.operator.host };
}

/** How long a stopped action (cancelled, timed out) is given to stop before the step ends without it, by default. */
export const STOP_GRACE_MS = 15_000;

/**
 * Runs an action until it settles, its timeout passes (RunbookTimeout) or `outer` aborts (RunbookCancelled). A
 * stopped action is told through its own signal and given `graceMs` to stop (the engine finishes the write in
 * flight and its journal line), so the step ends — and the world may be closed — after it has.
 */
async function bounded<T>(start: (signal: AbortSignal) => Promise<T>, timeoutMs: number, outer: AbortSignal, what: string, graceMs: number): Promise<T> {
  if (outer.aborted) throw new RunbookCancelled(`Cancelled before ${what}.`);
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    onAbort = () => {
      controller.abort(outer.reason);
      reject(new RunbookCancelled(`Cancelled during ${what}.`));
    };
    outer.addEventListener('abort', onAbort, { once: true });
    if (Number.isFinite(timeoutMs)) {
      timer = setTimeout(() => {
        const error = new RunbookTimeout(`${what} did not finish within ${formatDuration(timeoutMs)}; it was stopped.`);
        controller.abort(error);
        reject(error);
      }, timeoutMs);
    }
  });
  const running = start(controller.signal);
  try {
    return await Promise.race([running, stop]);
  } catch (error) {
    if (controller.signal.aborted) {
      // Give the stopped action a moment to stop; it is not waited for beyond that.
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([running.then(() => undefined, () => undefined), new Promise<void>((done) => (grace = setTimeout(done, graceMs)))]);
      if (grace !== undefined) clearTimeout(grace);
    }
    throw error;
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    if (onAbort !== undefined) outer.removeEventListener('abort', onAbort);
  }
}

/**
 * Runs (or resumes) the runbook; resolves with the report once the outcome is declared and the lock released.
 * Throws RunbookLockedError (another run holds the pair) or RunbookRefusedError before anything changed.
 */
export async function runRunbook(request: RunbookRunRequest): Promise<RunbookReport> {
  const { runbook, incidents, incident, world, events = {} } = request;
  const lock: HeldRunbookLock = await takeRunbookLock(
    incidents.root,
    { host: request.operator.host, pid: request.operator.pid, user: request.operator.user, startedAt: world.now().toISOString(), runbook: runbook.kind, incident },
    { hostname: request.operator.host, ...(request.isAlive === undefined ? {} : { isAlive: request.isAlive }) },
  );
  try {
    if (lock.tookOverFrom !== undefined) events.lockTakenOver?.(lock.tookOverFrom);
    return await runLocked(request, lock);
  } finally {
    await lock.release();
  }
}

async function runLocked(request: RunbookRunRequest, lock: HeldRunbookLock): Promise<RunbookReport> {
  const { runbook, incidents, incident, world, events = {} } = request;
  const stateFile = runbookStateFile(incidents.path(incident), runbook.kind);
  const onDisk = await readRunbookState(stateFile);
  let state: RunbookState;
  if (request.mode === 'resume') {
    // A run resumes as it was started: a rehearsal stays a rehearsal, a real run stays real.
    state = resumable(onDisk, request, stateFile);
  } else {
    if (onDisk !== undefined && onDisk.outcome === undefined && !onDisk.dryRun) {
      throw new RunbookRefusedError(`Incident ${incident} has an unfinished ${runbook.kind} run (started ${onDisk.startedAt} by ${onDisk.by} on ${onDisk.host}, stopped in step ${onDisk.steps.find((s) => s.status !== 'done')?.id ?? '?'}); resume it instead of starting again.`);
    }
    state = freshState(request, world.now().toISOString());
  }
  const dryRun = state.dryRun;
  const save = async (): Promise<void> => {
    state = { ...state, updatedAt: world.now().toISOString() };
    await writeRunbookState(stateFile, state);
  };
  const setStep = (index: number, patch: Partial<StepState>): StepState => {
    const steps = [...state.steps];
    const next = { ...(steps[index] as StepState), ...patch };
    steps[index] = next;
    state = { ...state, steps };
    return next;
  };
  const timeline = async (event: TimelineEventInput): Promise<void> => {
    await incidents.append(incident, event, world.now());
  };

  // The context a step is given; ask is timed into `waited` of the step running.
  let waited = 0;
  let currentStep = 0;
  const context: RunbookContext = {
    pair: request.pair,
    world,
    dryRun,
    signal: request.signal,
    journalFolder: request.journalFolder,
    log: (level, line) => events.log?.(level, line),
    progress: (progress) => events.progress?.(currentStep, progress),
    timeline,
    async ask(question) {
      const start = performance.now();
      try {
        return await request.ask(question);
      } finally {
        waited += performance.now() - start;
      }
    },
    recorded: (stepId) => state.records[stepId],
    async record(stepId, data) {
      state = { ...state, records: { ...state.records, [stepId]: { ...(state.records[stepId] ?? {}), ...JSON.parse(JSON.stringify(data)) } } };
      await save();
    },
  };

  const done = new Set(state.steps.filter((s) => s.status === (dryRun ? 'planned' : 'done')).map((s) => s.id));
  // The run starts (on the timeline: the recovery time counts from here when the monitor saw nothing) with its plan.
  await save();
  await timeline({ kind: 'run-start', runbook: runbook.kind, dryRun, by: request.operator.user, host: request.operator.host });
  if (lock.tookOverFrom !== undefined) {
    const from = lock.tookOverFrom;
    await timeline({ kind: 'note', text: `Took over the lock of a ${from.runbook} run started ${from.startedAt} on ${from.host} by process ${from.pid}, which is no longer running.` });
  }
  const plan = await planRunbook(runbook, () => context, { dryRun, done, ...(request.timeouts === undefined ? {} : { timeouts: request.timeouts }) });
  events.plan?.(plan);

  for (const [index, step] of runbook.steps.entries()) {
    const number = index + 1;
    currentStep = number;
    if (done.has(step.id)) {
      const skipped = setStep(index, { skippedAsDone: true });
      events.stepSkipped?.(number, skipped);
      await timeline({ kind: 'step-end', step: step.id, result: 'skipped', detail: `Done already by an earlier attempt (ended ${skipped.endedAt ?? '?'}); not run again.` });
      await save();
      continue;
    }
    const stop = await runStep(step, index);
    if (stop) break;
  }

  const outcome = runbookOutcome(state.steps, dryRun);
  state = {
    ...state,
    outcome: outcome.outcome,
    ...(outcome.step !== undefined && outcome.outcome !== 'succeeded' && outcome.outcome !== 'succeeded-with-warnings' ? { failedStep: outcome.step.id } : {}),
    endedAt: world.now().toISOString(),
  };
  await save();
  await timeline({
    kind: 'run-end',
    runbook: runbook.kind,
    outcome: outcome.outcome,
    ...(outcome.outcome === 'failed' && outcome.step !== undefined ? { failedStep: outcome.step.id } : {}),
    errors: outcome.errors,
    warnings: outcome.warnings,
  });
  events.log?.('info', `The ${dryRun ? 'rehearsal of the ' : ''}${runbook.kind} ${describeOutcome(outcome)}.`);
  return { incident, runbook: runbook.kind, dryRun, plan, state, outcome, stateFile };

  /** Runs one step; true when the run must stop after it (failed or cancelled). */
  async function runStep(step: RunbookStep, index: number): Promise<boolean> {
    const number = index + 1;
    const before = state.steps[index] as StepState;
    waited = 0;
    let actionsMs = 0;
    const attempt = (before.attempts ?? 0) + 1;
    setStep(index, { status: 'running', startedAt: world.now().toISOString(), attempts: attempt, skippedAsDone: false });
    await save();
    await timeline({ kind: 'step-start', step: step.id, title: step.title });
    const finish = async (status: StepState['status'], result: string, extra: Partial<StepState> = {}): Promise<boolean> => {
      const ended = setStep(index, {
        status,
        endedAt: world.now().toISOString(),
        result,
        waitedForOperatorMs: Math.round(waited),
        actionsMs: Math.max(0, Math.round(actionsMs)),
        ...extra,
      });
      await save();
      await timeline({
        kind: 'step-end',
        step: step.id,
        result: status === 'done' ? 'done' : status === 'planned' ? 'planned' : status === 'cancelled' ? 'cancelled' : 'failed',
        detail: result,
        waitedForOperatorMs: Math.round(waited),
      });
      events.stepEnd?.(number, ended);
      return status === 'failed' || status === 'cancelled';
    };
    const failedOrCancelled = (e: unknown): Promise<boolean> =>
      e instanceof RunbookCancelled || request.signal.aborted ? finish('cancelled', errorText(e)) : finish('failed', errorText(e));

    let plan: RunbookStepPlan;
    try {
      if (request.signal.aborted) throw new RunbookCancelled('Cancelled before the step started.');
      plan = await step.plan(context);
    } catch (e) {
      events.stepStart?.({ number, id: step.id, title: step.title, guide: step.guide, actions: [], warnings: [], findings: [], error: errorText(e) }, attempt);
      return failedOrCancelled(e);
    }
    const view = stepPlanView(number, step, plan, request.timeouts);
    events.stepStart?.(view, attempt);
    const warnings = [...plan.warnings];
    if (plan.refusal !== undefined) {
      await timeline({ kind: 'note', text: `${step.id} refused: ${plan.refusal}` });
      return finish('failed', `Refused: ${plan.refusal}`, { warnings });
    }
    if (dryRun) {
      for (const action of plan.actions) events.action?.(number, action, action.needed ? 'dry-run' : 'not-needed');
      const needed = plan.actions.filter((a) => a.needed).length;
      return finish('planned', `Dry run: ${needed} action${needed === 1 ? '' : 's'} would run; nothing was applied.`, { warnings });
    }
    for (const action of plan.actions) {
      if (!action.needed) {
        events.action?.(number, action, 'not-needed');
        continue;
      }
      events.action?.(number, action, 'start');
      const timeout = actionTimeoutMs(action.tool, action.timeoutMs, request.timeouts);
      const startedAt = performance.now();
      const waitedBefore = waited;
      try {
        await bounded((signal) => action.run({ ...context, signal }), timeout, request.signal, `${action.description} (${action.tool} on ${action.target})`, request.stopGraceMs ?? STOP_GRACE_MS);
        events.action?.(number, action, 'done');
      } catch (e) {
        actionsMs += performance.now() - startedAt - (waited - waitedBefore);
        events.action?.(number, action, 'failed', errorText(e));
        return failedOrCancelled(e);
      }
      actionsMs += performance.now() - startedAt - (waited - waitedBefore);
    }
    let checks: readonly VerifyCheck[];
    try {
      if (request.signal.aborted) throw new RunbookCancelled('Cancelled before the step was verified.');
      checks = await step.verify(context);
    } catch (e) {
      return failedOrCancelled(e);
    }
    const failing = checks.filter((c) => !c.ok);
    if (checks.length === 0) return finish('failed', 'The step has no check: it cannot be declared done.', { checks: [], warnings });
    if (failing.length > 0) {
      return finish('failed', `Verification found ${failing.length} of ${checks.length} check${checks.length === 1 ? '' : 's'} failing: ${failing.map((c) => `${c.what}${c.detail === undefined ? '' : ` (${c.detail})`}`).join('; ')}`, {
        checks: [...checks],
        warnings,
      });
    }
    return finish('done', `${checks.length} check${checks.length === 1 ? '' : 's'} passed.`, { checks: [...checks], warnings });
  }
}
