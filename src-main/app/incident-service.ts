/**
 * The failover panel's service (guide sections 6-8) on the world chosen: the monitor, running in the main process
 * whether the panel is open or not (started and stopped by the administrator; the choice is remembered in the
 * incidents folder, so a restarted program watches again, and a prompt pending on disk is shown at once); the
 * manual intervention prompt, which brings the window forward (`onAttention`); the guided failover and failback
 * (incident-runs.ts), one at a time, with the questions a run waits on answered from the panel; the last incident's
 * timeline and measures.
 */
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { IncidentAnswer, IncidentState, RunView, RunbookKind } from '../contract/incident';
import { err, ok, type Result } from '../contract/result';
import type { IncidentWorld } from '../incident/incident-world';
import { incidentForStart, runbookFor, runIncident } from '../incident/incident-runs';
import { createMonitor, MonitorError, type Monitor } from '../incident/monitor/monitor-service';
import type { MonitorSnapshot } from '../incident/monitor/monitor-snapshot';
import { planRunbook } from '../incident/runbook/runbook-plan';
import { nextTimeOfDay } from '../incident/runbook/time-of-day';
import { RunbookLockedError } from '../incident/runbook/runbook-lock';
import { RunbookRefusedError, type RunbookOperator } from '../incident/runbook/runbook-runner';
import type { OperatorAnswer, OperatorQuestion, RunbookContext } from '../incident/runbook/runbook-step';
import { readRunbookState, runbookStateFile, RunbookStateError } from '../incident/runbook/runbook-state';
import { openIncidentFolder, TimelineFileError } from '../incident/store/incident-folder';
import { PromptFileError, readPrompt } from '../incident/store/prompt-file';
import { postoverScript } from '../incident/failover-runbook/postover-script';
import type { PairDocument } from '../pair/pair-document-schema';
import { writeFileAtomic } from '../shared/write-file-atomic';
import { silentLogger, type Logger } from '../shared/log-port';
import type { IncidentService } from './incident-port';
import { measuresView, monitorView, promptView, runViewOfState, timelineText } from './incident-views';

const MONITOR_CHOICE_FILE = 'monitor.json';
const SERIES_LIMIT = 600;

export interface IncidentServiceDeps {
  readonly world: IncidentWorld;
  /** The world's incidents folder and the engine's journal folder. */
  readonly incidentsRoot: string;
  readonly journalFolder: string;
  /** The pair document open now, when valid. */
  readonly pair: () => Promise<PairDocument | undefined>;
  readonly operator: RunbookOperator;
  readonly onAttention?: (attention: { readonly title: string; readonly body: string }) => void;
  /** The lab's failures pulled now, shown in the lab panel from the first read (the lab only). */
  readonly labFailures?: () => Promise<readonly string[]>;
  readonly logger?: Logger;
}

interface Asking {
  readonly question: OperatorQuestion;
  readonly resolve: (answer: OperatorAnswer) => void;
}

interface LiveRun {
  view: RunView;
  asking?: Asking;
}


export function createIncidentService(deps: IncidentServiceDeps): IncidentService {
  const { world, incidentsRoot, operator } = deps;
  const log = (deps.logger ?? silentLogger).child({ subsystem: 'incident' });
  const folder = openIncidentFolder(incidentsRoot);
  let pair: PairDocument | undefined;
  let snapshot: MonitorSnapshot | undefined;
  let raisedShown: string | undefined;
  let live: LiveRun | undefined;

  const monitor: Monitor = createMonitor({
    world,
    pair: () => pair,
    incidentsRoot,
    promptShownWhere: 'the window (brought forward), a desktop notification and the panel’s banner',
    onChange(next) {
      snapshot = next;
      const prompt = next.prompt;
      if (next.status === 'raised' && prompt !== undefined && raisedShown !== prompt.raisedAt) {
        raisedShown = prompt.raisedAt;
        log.warn('manual intervention prompt raised', { event: 'prompt', incident: prompt.incident, address: prompt.address });
        deps.onAttention?.({
          title: `${prompt.name} (${prompt.address}) is not answering`,
          body: `Time to Fail reached zero at ${prompt.raisedAt}. Open Exchange HA Wizard to start the failover or decline it.`,
        });
      }
    },
  });

  const choiceFile = join(incidentsRoot, MONITOR_CHOICE_FILE);
  const rememberChoice = async (on: boolean): Promise<void> => {
    await mkdir(incidentsRoot, { recursive: true });
    if (on) await writeFileAtomic(choiceFile, [`${JSON.stringify({ on: true, at: world.now().toISOString(), by: operator.user })}\n`]);
    else await rm(choiceFile, { force: true });
  };
  const remembered = async (): Promise<boolean> => {
    try {
      const value: unknown = JSON.parse(await readFile(choiceFile, 'utf8'));
      return typeof value === 'object' && value !== null && 'on' in value && value.on === true;
    } catch {
      return false;
    }
  };

  const refreshPair = async (): Promise<PairDocument | undefined> => {
    pair = await deps.pair();
    return pair;
  };

  const startMonitor = async (): Promise<void> => {
    if (await refreshPair() === undefined) throw new MonitorError('The pair document has problems: correct it before starting the monitor (it reads the monitored address from it).');
    snapshot = await monitor.start();
  };

  // At start: watch again when the administrator left the monitor on, or show a prompt pending on disk.
  const starting = (async () => {
    try {
      if ((await remembered()) || (await readPrompt(incidentsRoot))?.status === 'pending') await startMonitor();
    } catch (e) {
      log.warn('the monitor did not start', { event: 'monitor-start', error: e instanceof Error ? e.message : String(e) });
    }
  })();

  const failure = (e: unknown): Result<never> => {
    if (e instanceof MonitorError) return err('incident/refused', e.message);
    if (e instanceof RunbookLockedError) return err('incident/busy', e.message);
    if (e instanceof RunbookRefusedError) return err(/no unfinished|nothing to resume/i.test(e.message) ? 'incident/no-run' : 'incident/refused', e.message);
    if (e instanceof PromptFileError || e instanceof RunbookStateError || e instanceof TimelineFileError) return err('incident/damaged', e.message);
    throw e;
  };

  /** The last incident's latest run (the failback when it has one), for the panel when nothing runs here. */
  const lastRun = async (): Promise<{ view?: RunView; incident?: IncidentState['lastIncident'] }> => {
    // Only the newest incident is read: the panel polls about once a second, whatever the history holds.
    const id = (await folder.list()).at(-1);
    if (id === undefined) return {};
    const failover = await readRunbookState(runbookStateFile(folder.path(id), 'failover'));
    const failback = await readRunbookState(runbookStateFile(folder.path(id), 'failback'));
    const last = { id, failover, failback };
    const state = last.failback ?? last.failover;
    const events = await folder.timeline(last.id);
    const actionsMs: Record<string, number> = {};
    for (const run of [last.failover, last.failback]) for (const step of run?.steps ?? []) if (step.actionsMs !== undefined) actionsMs[step.id] = (actionsMs[step.id] ?? 0) + step.actionsMs;
    return {
      ...(state === undefined ? {} : { view: runViewOfState(state, false, { series: [] }) }),
      incident: { id: last.id, timeline: events.map((e) => ({ at: e.at, kind: e.kind, text: timelineText(e) })), measures: measuresView(events, actionsMs) },
    };
  };

  return {
    async state() {
      try {
        await starting;
        if (pair === undefined) await refreshPair();
        const now = world.now();
        const prompt = await readPrompt(incidentsRoot);
        const last = await lastRun();
        const run = live?.view ?? last.view;
        return ok({
          monitor: monitorView(snapshot === undefined ? undefined : monitor.snapshot(), pair, now),
          ...(prompt?.status === 'pending' ? { prompt: promptView(prompt, now) } : {}),
          ...(run === undefined ? {} : { run }),
          ...(last.incident === undefined ? {} : { lastIncident: last.incident }),
          ...(deps.labFailures === undefined ? {} : { labFailures: [...(await deps.labFailures())] }),
        });
      } catch (e) {
        return failure(e);
      }
    },

    async monitor(on) {
      try {
        await starting;
        if (on) {
          await startMonitor();
          await rememberChoice(true);
        } else {
          await monitor.stop('stopped by the administrator');
          snapshot = monitor.snapshot();
          await rememberChoice(false);
        }
        return ok(monitorView(monitor.snapshot(), pair, world.now()));
      } catch (e) {
        return failure(e);
      }
    },

    async answer(answer: IncidentAnswer) {
      try {
        const asking = live?.asking;
        if (asking !== undefined && live !== undefined) {
          const by = operator.user;
          if (answer.kind === 'scheduled') {
            if (asking.question.kind !== 'downtime') return err('incident/no-question', `The run asks "${asking.question.text}": answer it with accept or decline, not a time.`);
            const [hours, minutes] = answer.at.split(':').map(Number) as [number, number];
            asking.resolve({ kind: 'scheduled', by, at: nextTimeOfDay(world.now(), { hours, minutes }).toISOString() });
          } else if (asking.question.kind === 'guard' && answer.kind === 'accepted' && (answer.note ?? '').trim() === '') {
            return err('incident/reason-needed', 'A failover within the guard period after a failback needs the reason in the note.');
          } else {
            asking.resolve({ kind: answer.kind, by, ...(answer.note === undefined ? {} : { note: answer.note }) });
          }
          const { question: _q, ...rest } = live.view;
          live.view = rest;
          live.asking = undefined;
          return this.state();
        }
        const prompt = await readPrompt(incidentsRoot);
        if (prompt?.status !== 'pending') return err('incident/no-question', 'No prompt is pending and no run waits for an answer.');
        if (answer.kind === 'scheduled') return err('incident/no-question', 'The monitor’s prompt is answered with accept or decline, not a time.');
        if (monitor.snapshot().status !== 'raised') await startMonitor();
        await monitor.answer(answer.kind, operator.user, answer.note);
        snapshot = monitor.snapshot();
        if (answer.kind === 'declined') await rememberChoice(false);
        return this.state();
      } catch (e) {
        return failure(e);
      }
    },

    async plan(kind: RunbookKind) {
      try {
        const document = await refreshPair();
        if (document === undefined) return err('pair/invalid', 'The pair document has problems: correct it before planning a run (the plan reads its names).');
        const incident = (await incidentForStart(kind, folder, world.now(), false)) ?? 'new';
        const runbook = runbookFor(kind, incidentsRoot, incident);
        const controller = new AbortController();
        const context: RunbookContext = {
          pair: document,
          world,
          dryRun: true,
          signal: controller.signal,
          journalFolder: deps.journalFolder,
          log: () => undefined,
          progress: () => undefined,
          timeline: async () => undefined,
          ask: async () => ({ kind: 'declined', by: operator.user, note: 'only planning' }),
          recorded: () => undefined,
          record: async () => undefined,
        };
        const plan = await planRunbook(runbook, () => context, { dryRun: true });
        return ok({
          runbook: kind,
          steps: plan.steps.map((step) => ({
            id: step.id,
            title: step.title,
            guide: step.guide,
            actions: step.actions.map((a) => ({ tool: a.tool, target: a.target, command: a.command, description: a.description, needed: a.needed })),
            warnings: [...step.warnings],
            findings: [...step.findings],
            ...(step.refusal !== undefined ? { refusal: step.refusal } : step.error !== undefined ? { refusal: `The plan could not be made: ${step.error}` } : {}),
          })),
          refused: plan.steps.some((s) => s.refusal !== undefined || s.error !== undefined),
          ...(kind === 'failover' ? { script: postoverScript(document, incident) } : {}),
        });
      } catch (e) {
        return failure(e);
      }
    },

    async run(request, hooks) {
      if (live?.view.running === true) return err('incident/busy', `A ${live.view.runbook} is running here since ${live.view.startedAt}; wait for it to end or cancel it.`);
      const document = await refreshPair();
      if (document === undefined) return err('pair/invalid', 'The pair document has problems: correct it before running (the run reads its names).');
      const series: RunView['series'] = [];
      let current: LiveRun | undefined;
      // How many steps the run has (from its plan), for the job's progress bar.
      let stepsTotal = 1;
      const ask = (question: OperatorQuestion): Promise<OperatorAnswer> => {
        // Start on the shown plan is the acceptance of the intervention: the plan's step 2 says so.
        if (question.kind === 'intervention') return Promise.resolve({ kind: 'accepted', by: operator.user, note: 'accepted with Start on the failover panel' });
        return new Promise<OperatorAnswer>((resolve, reject) => {
          const onAbort = () => reject(hooks.signal.reason);
          if (hooks.signal.aborted) return onAbort();
          hooks.signal.addEventListener('abort', onAbort, { once: true });
          const asking: Asking = {
            question,
            resolve: (answer) => {
              hooks.signal.removeEventListener('abort', onAbort);
              resolve(answer);
            },
          };
          if (current !== undefined) {
            current.asking = asking;
            current.view = { ...current.view, question: { kind: question.kind, text: question.text } };
          }
          hooks.log('warn', `Waiting for an answer: ${question.text}`);
        });
      };
      const refresh = async (incident: string): Promise<void> => {
        if (current === undefined) return;
        const state = await readRunbookState(runbookStateFile(folder.path(incident), request.runbook));
        if (state !== undefined) {
          const { progress, question } = current.view;
          current.view = runViewOfState(state, true, { series, ...(progress === undefined ? {} : { progress }), ...(question === undefined ? {} : { question }) });
        }
      };
      try {
        const report = await runIncident({
          kind: request.runbook,
          dryRun: request.dryRun,
          mode: request.resume === true ? 'resume' : 'start',
          ...(request.reason === undefined ? {} : { reason: request.reason }),
          pair: document,
          world,
          incidentsRoot,
          journalFolder: deps.journalFolder,
          operator,
          signal: hooks.signal,
          ask,
          onIncident(incident) {
            const startedAt = world.now().toISOString();
            current = { view: { incident, runbook: request.runbook, dryRun: request.dryRun, running: true, by: operator.user, host: operator.host, startedAt, steps: [], series } };
            live = current;
          },
          events: {
            plan(plan) {
              stepsTotal = Math.max(1, plan.steps.length);
            },
            stepStart(step) {
              hooks.progress(Math.min(0.99, (step.number - 1) / stepsTotal), `Step ${step.number}: ${step.title}`, step.guide);
              if (current !== undefined) void refresh(current.view.incident);
            },
            stepEnd(number, state) {
              hooks.log(state.status === 'failed' ? 'error' : 'info', `Step ${number} ${state.status}: ${state.title}${state.result === undefined ? '' : ` — ${state.result}`}`);
              if (current !== undefined) void refresh(current.view.incident);
            },
            stepSkipped(number, state) {
              hooks.log('info', `Step ${number} skipped: done already (${state.endedAt ?? '?'}): ${state.title}`);
            },
            log: (level, line) => hooks.log(level, line),
            progress(number, progress) {
              if (current === undefined) return;
              current.view = { ...current.view, progress: { what: progress.what, text: progress.text, ...(progress.fraction === undefined ? {} : { fraction: Math.min(1, Math.max(0, progress.fraction)) }) } };
              if (progress.bytes !== undefined) {
                const left = progress.totalBytes === undefined ? progress.bytes : Math.max(0, progress.totalBytes - progress.bytes);
                series.push({ at: world.now().toISOString(), bytes: Math.round(left), what: progress.what });
                if (series.length > SERIES_LIMIT) series.splice(0, series.length - SERIES_LIMIT);
              }
              hooks.progress(Math.min(0.99, (number - 1 + (progress.fraction ?? 0)) / stepsTotal), progress.what, progress.text);
            },
          },
        });
        const view = runViewOfState(report.state, false, { series });
        if (current !== undefined) current.view = view;
        // Exchange is home again: the monitor the administrator had on watches the source again.
        const home = report.runbook === 'failback' && !report.dryRun && (report.outcome.outcome === 'succeeded' || report.outcome.outcome === 'succeeded-with-warnings');
        if (home && (await remembered())) {
          try {
            await startMonitor();
            hooks.log('info', 'The monitor watches the source again.');
          } catch (e) {
            hooks.log('warn', `The monitor did not start again: ${e instanceof Error ? e.message : String(e)}`);
          }
        }
        hooks.progress(1, `The ${request.runbook} ${report.outcome.outcome}`);
        return ok(view);
      } catch (e) {
        if (current !== undefined) current.view = { ...current.view, running: false };
        return failure(e);
      } finally {
        if (live === current && live !== undefined) {
          const { question: _q, ...rest } = live.view;
          live.view = { ...rest, running: false };
          live.asking = undefined;
        }
      }
    },

    async close() {
      await starting;
      await monitor.stop('the program is closing');
    },
  };
}
