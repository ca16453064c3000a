/**
 * Which incident a guided run belongs to, and the run itself — one place for every host (the failover panel,
 * `exchange-ha incident`):
 *
 * - a failover joins the incident of the monitor's pending prompt (its timeline already holds the first missed reply,
 *   Time to Fail and the prompt), or opens a new incident when it was started by hand;
 * - a failover within the guard period after a failback needs a reason (pair document `incident.guardMinutes`): the
 *   reason given, or the operator's answer to the `guard` question; declined, nothing runs;
 * - a failback belongs to the latest incident whose failover succeeded for real and whose failback has not succeeded;
 * - a resume continues the latest incident's unfinished run of that kind.
 */
import type { PairDocument } from '../pair/pair-document-schema';
import type { RunFailover } from '../failover/engine-api';
import type { IncidentWorld } from './incident-world';
import { failbackGuard } from './failback-runbook/failback-guard';
import { failbackRunbook } from './failback-runbook/failback-runbook';
import { failoverRunbook } from './failover-runbook/failover-runbook';
import { runRunbook, RunbookRefusedError, type RunbookEvents, type RunbookOperator, type RunbookReport } from './runbook/runbook-runner';
import { readRunbookState, runbookStateFile, type RunbookState } from './runbook/runbook-state';
import type { OperatorAnswer, OperatorQuestion, Runbook, RunbookTool } from './runbook/runbook-step';
import { openIncidentFolder, type IncidentFolder } from './store/incident-folder';
import { readPrompt } from './store/prompt-file';

export interface IncidentRunRequest {
  readonly kind: 'failover' | 'failback';
  readonly dryRun: boolean;
  readonly mode: 'start' | 'resume';
  /** A failover within the guard period after a failback: why it must run anyway. */
  readonly reason?: string;
  readonly pair: PairDocument;
  readonly world: IncidentWorld;
  /** The world's incidents folder and the engine's journal folder (app/world-files.ts). */
  readonly incidentsRoot: string;
  readonly journalFolder: string;
  readonly operator: RunbookOperator;
  readonly signal: AbortSignal;
  ask(question: OperatorQuestion): Promise<OperatorAnswer>;
  readonly events?: RunbookEvents;
  /** Called once the incident is chosen, before anything runs (the host shows which). */
  onIncident?(incident: string): void;
  readonly runFailover?: RunFailover;
  readonly timeouts?: Partial<Record<RunbookTool, number>>;
  readonly isAlive?: (pid: number) => boolean;
}

const succeeded = (state: RunbookState | undefined): boolean =>
  state !== undefined && !state.dryRun && (state.outcome === 'succeeded' || state.outcome === 'succeeded-with-warnings');

/** Each incident's runs, newest incident first. */
export async function incidentRuns(folder: IncidentFolder): Promise<{ id: string; failover?: RunbookState; failback?: RunbookState }[]> {
  const ids = (await folder.list()).reverse();
  const out: { id: string; failover?: RunbookState; failback?: RunbookState }[] = [];
  for (const id of ids) {
    const failover = await readRunbookState(runbookStateFile(folder.path(id), 'failover'));
    const failback = await readRunbookState(runbookStateFile(folder.path(id), 'failback'));
    out.push({ id, ...(failover === undefined ? {} : { failover }), ...(failback === undefined ? {} : { failback }) });
  }
  return out;
}

/** The runbook of a kind, for an incident. */
export function runbookFor(kind: 'failover' | 'failback', incidentsRoot: string, incident: string, runFailover?: RunFailover): Runbook {
  const engine = runFailover === undefined ? {} : { runFailover };
  return kind === 'failover' ? failoverRunbook({ incidentsRoot, incident, ...engine }) : failbackRunbook({ incident, ...engine });
}

/**
 * The incident a new run of this kind belongs to (opened when needed unless `open` is false: a plan looks without
 * creating anything), or refused saying why.
 */
export async function incidentForStart(
  kind: 'failover' | 'failback',
  folder: IncidentFolder,
  now: Date,
  open: boolean,
): Promise<string | undefined> {
  const runs = await incidentRuns(folder);
  if (kind === 'failback') {
    const from = runs.find((run) => succeeded(run.failover));
    if (from === undefined) throw new RunbookRefusedError('There is no failover to fail back from: no incident has a failover that succeeded (a dry run does not count).');
    if (succeeded(from.failback)) {
      throw new RunbookRefusedError(`Incident ${from.id} has been failed back already (at ${from.failback?.endedAt ?? '?'}); there is no later failover to fail back from.`);
    }
    return from.id;
  }
  const prompt = await readPrompt(folder.root);
  if (prompt !== undefined && prompt.status !== 'declined') {
    const run = runs.find((r) => r.id === prompt.incident);
    // The prompt's incident, unless a real failover of it has already ended: then this is a new incident.
    if (run === undefined || run.failover === undefined || run.failover.dryRun || run.failover.outcome === undefined) return prompt.incident;
  }
  return open ? folder.create(now) : undefined;
}

/** The latest incident with an unfinished run of this kind, or refused. */
async function incidentForResume(kind: 'failover' | 'failback', folder: IncidentFolder): Promise<string> {
  for (const run of await incidentRuns(folder)) {
    const state = run[kind];
    if (state === undefined) continue;
    if (state.outcome === undefined || state.outcome === 'failed' || state.outcome === 'cancelled') return run.id;
    break;
  }
  throw new RunbookRefusedError(`There is no unfinished ${kind} run to resume in the last incident.`);
}

/** When the last real failback ended successfully, if one did. */
async function lastFailbackEnd(folder: IncidentFolder): Promise<string | undefined> {
  for (const run of await incidentRuns(folder)) {
    if (succeeded(run.failback)) return run.failback?.endedAt;
  }
  return undefined;
}

/** Runs (or resumes) a guided failover or failback for the incident it belongs to. */
export async function runIncident(request: IncidentRunRequest): Promise<RunbookReport> {
  const folder = openIncidentFolder(request.incidentsRoot);
  const now = request.world.now();
  let reason = request.reason;
  if (request.kind === 'failover' && request.mode === 'start' && !request.dryRun) {
    const guard = failbackGuard(await lastFailbackEnd(folder), now, request.pair.incident.guardMinutes);
    if (guard.kind === 'reason-needed' && reason === undefined) {
      const answer = await request.ask(guard.question);
      const note = answer.kind === 'scheduled' ? undefined : answer.note?.trim();
      if (answer.kind !== 'accepted' || note === undefined || note === '') {
        throw new RunbookRefusedError(`No reason was given for a failover ${guard.minutesLeft} min before the guard period after the last failback ends; nothing was changed.`);
      }
      reason = `${note} (given by ${answer.by})`;
    }
  }
  const incident = request.mode === 'resume' ? await incidentForResume(request.kind, folder) : ((await incidentForStart(request.kind, folder, now, true)) as string);
  request.onIncident?.(incident);
  if (reason !== undefined) await folder.append(incident, { kind: 'note', text: `Reason given for this ${request.kind} within the guard period after a failback: ${reason}` }, now);
  return runRunbook({
    runbook: runbookFor(request.kind, request.incidentsRoot, incident, request.runFailover),
    incidents: folder,
    incident,
    pair: request.pair,
    world: request.world,
    dryRun: request.dryRun,
    mode: request.mode,
    signal: request.signal,
    journalFolder: request.journalFolder,
    operator: request.operator,
    ask: (question) => request.ask(question),
    ...(request.events === undefined ? {} : { events: request.events }),
    ...(request.timeouts === undefined ? {} : { timeouts: request.timeouts }),
    ...(request.isAlive === undefined ? {} : { isAlive: request.isAlive }),
  });
}
