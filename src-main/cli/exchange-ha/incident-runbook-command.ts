/**
 * `exchange-ha incident failover|failback|status|resume`: the guided runbooks (guide sections 7 and 8) from the
 * command line, on the same runner, runbooks and incident folder as the failover panel (incident/incident-runs.ts).
 * It prints the whole plan first, then live progress, then one outcome. Exit codes:
 *
 *   0    succeeded (with warnings: said so), or `status`
 *   1    failed at a step (named)
 *   2    bad usage, an invalid pair document or connection profile, or refused before anything changed: another run
 *        holds the pair (its host and start named), nothing to resume, a real run without --yes
 *   130  cancelled (Ctrl+C, or a question declined)
 *
 * A real failover needs --yes: it accepts the manual intervention (and, for a failback, the downtime: now, or at
 * --at HH:MM). Without it the command refuses to start — it never waits on standard input, so it stays scriptable.
 * `runIncidentRunbook` takes an opened world (an IncidentWorld with its folders), whoever built it.
 */
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { labWorldFiles, realWorldFiles } from '../../app/world-files';
import type { RunFailover } from '../../failover/engine-api';
import type { IncidentWorld } from '../../incident/incident-world';
import { incidentRuns, runIncident } from '../../incident/incident-runs';
import { writePostoverScript } from '../../incident/failover-runbook/postover-script';
import { RunbookLockedError } from '../../incident/runbook/runbook-lock';
import { describeOutcome } from '../../incident/runbook/runbook-outcome';
import { RunbookRefusedError, type RunbookOperator, type RunbookReport } from '../../incident/runbook/runbook-runner';
import { RunbookStateError, type RunbookState } from '../../incident/runbook/runbook-state';
import type { OperatorAnswer, OperatorQuestion, RunbookTool } from '../../incident/runbook/runbook-step';
import { openIncidentFolder, TimelineFileError } from '../../incident/store/incident-folder';
import { PromptFileError, readPrompt } from '../../incident/store/prompt-file';
import { incidentMeasures, measureLines } from '../../incident/timeline/timeline-measures';
import type { PairDocument } from '../../pair';
import { PairDocumentError } from '../../pair/pair-problems';
import { openPairStore } from '../../setup/pair-store';
import { UsageError } from '../usage-error';
import { openCommandWorld } from './command-world';
import { nextTimeOfDay, parseIncidentRunbook, type IncidentRunbookCommand, type IncidentRunbookVerb } from './incident-runbook-arguments';
import { liveEvents, statusLines, type StatusView } from './incident-runbook-output';
import type { SubcommandIo } from './subcommand';

export const IncidentRunbookExit = { succeeded: 0, failed: 1, refused: 2, cancelled: 130 } as const;

/** The world a runbook runs on, opened. */
export interface RunbookWorld {
  readonly world: IncidentWorld;
  readonly incidentsRoot: string;
  readonly journalFolder: string;
  /** `the lab in DIR`, `the profile "Production" (FILE)`. */
  readonly where: string;
  readonly warnings: readonly string[];
  close(): Promise<void>;
}

export type OpenRunbookWorld = (command: IncidentRunbookCommand, document: PairDocument, io: SubcommandIo) => Promise<RunbookWorld>;

export interface IncidentRunbookDeps {
  readonly openWorld?: OpenRunbookWorld;
  readonly runFailover?: RunFailover;
  readonly operator?: RunbookOperator;
  readonly timeouts?: Partial<Record<RunbookTool, number>>;
  readonly isAlive?: (pid: number) => boolean;
}

/** The composition's world (app/compose-world.ts) with its incident world, as the desktop program builds it. */
export const openRunbookWorld: OpenRunbookWorld = async (command, document, io) => {
  if (command.world === undefined) throw new UsageError(`incident ${command.verb} needs --lab DIR or --profile FILE`);
  const { world: composed, where } = await openCommandWorld(command.pair, document, command.world, {
    env: io.env,
    mask: io.mask,
    now: io.now,
    cwd: io.cwd,
    ...(io.logger === undefined ? {} : { logger: io.logger }),
  });
  return {
    world: composed.incident,
    incidentsRoot: composed.files.incidents,
    journalFolder: composed.files.failoverJournals,
    where,
    warnings: composed.warnings,
    close: () => composed.close(),
  };
};

async function readPair(file: string): Promise<PairDocument> {
  const loaded = await openPairStore(file).load();
  if (!loaded.ok) throw new PairDocumentError(file, loaded.problems);
  return loaded.document;
}

function currentOperator(env: NodeJS.ProcessEnv): RunbookOperator {
  let user = env['USERNAME'] ?? env['USER'] ?? 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No passwd entry (a container): the environment's name.
  }
  return { user, host: hostname(), pid: process.pid };
}

/** The answers the command line gives: --yes accepts (the downtime at --at first), without it every question is declined. */
export function commandLineAnswers(command: IncidentRunbookCommand, operator: RunbookOperator, now: () => Date): (question: OperatorQuestion) => Promise<OperatorAnswer> {
  let scheduled = false;
  const by = `${operator.user}@${operator.host} (command line)`;
  return async (question) => {
    if (!command.yes) return { kind: 'declined', by, note: 'not accepted: run again with --yes to accept' };
    if (question.kind === 'guard') {
      return command.reason === undefined ? { kind: 'declined', by, note: 'a failover within the guard period needs --reason TEXT' } : { kind: 'accepted', by, note: command.reason };
    }
    if (question.kind === 'downtime' && command.downtimeAt !== undefined && !scheduled) {
      scheduled = true;
      const at = nextTimeOfDay(now(), command.downtimeAt);
      if (at.getTime() > now().getTime()) return { kind: 'scheduled', by, at: at.toISOString() };
    }
    return { kind: 'accepted', by, note: '--yes' };
  };
}

const exitFor = (report: RunbookReport): number =>
  report.outcome.outcome === 'failed' ? IncidentRunbookExit.failed : report.outcome.outcome === 'cancelled' ? IncidentRunbookExit.cancelled : IncidentRunbookExit.succeeded;

/** The kind of the last incident's unfinished run (a failback before its failover). */
async function unfinishedKind(incidentsRoot: string): Promise<'failover' | 'failback'> {
  const [last] = await incidentRuns(openIncidentFolder(incidentsRoot));
  const open = (state: RunbookState | undefined): boolean => state !== undefined && (state.outcome === undefined || state.outcome === 'failed' || state.outcome === 'cancelled');
  if (last !== undefined && open(last.failback)) return 'failback';
  if (last !== undefined && open(last.failover)) return 'failover';
  throw new RunbookRefusedError(last === undefined ? `No incident is recorded in ${incidentsRoot}: nothing to resume.` : `The last incident (${last.id}) has no unfinished run: nothing to resume.`);
}

/** Runs, or resumes, a runbook on an opened world. Returns the exit code. */
export async function runIncidentRunbook(command: IncidentRunbookCommand, document: PairDocument, opened: RunbookWorld, io: SubcommandIo, deps: IncidentRunbookDeps = {}): Promise<number> {
  const line = command.json ? (): void => undefined : io.line;
  const operator = deps.operator ?? currentOperator(io.env);
  const kind = command.verb === 'resume' ? await unfinishedKind(opened.incidentsRoot) : (command.verb as 'failover' | 'failback');
  for (const warning of opened.warnings) io.problem(`warning: ${warning}`);
  line(`${command.verb === 'resume' ? `Resuming the ${kind}` : `The guided ${kind}${command.dryRun ? ' (dry run)' : ''}`} on ${opened.where}.`);
  let incident: string | undefined;
  const report = await runIncident({
    kind,
    dryRun: command.verb === 'resume' ? false : command.dryRun,
    mode: command.verb === 'resume' ? 'resume' : 'start',
    ...(command.reason === undefined ? {} : { reason: command.reason }),
    pair: document,
    world: opened.world,
    incidentsRoot: opened.incidentsRoot,
    journalFolder: opened.journalFolder,
    operator,
    signal: io.signal,
    ask: commandLineAnswers(command, operator, opened.world.now),
    events: liveEvents(line),
    onIncident: (id) => {
      incident = id;
      line(`Incident ${id} (${join(opened.incidentsRoot, id)}).`);
    },
    ...(deps.runFailover === undefined ? {} : { runFailover: deps.runFailover }),
    ...(deps.timeouts === undefined ? {} : { timeouts: deps.timeouts }),
    ...(deps.isAlive === undefined ? {} : { isAlive: deps.isAlive }),
  });
  const folder = openIncidentFolder(opened.incidentsRoot);
  const postover = join(folder.path(report.incident), 'postover.bat');
  if (kind === 'failover') await writePostoverScript(postover, document, report.incident);
  const timeline = await folder.timeline(report.incident);
  const actionsMs = Object.fromEntries(report.state.steps.map((s) => [s.id, s.actionsMs ?? 0]));
  const measures = kind === 'failover' && !report.dryRun ? incidentMeasures(timeline, { actionsMs }) : undefined;
  if (command.json) {
    io.json({ incident: incident ?? report.incident, runbook: report.runbook, dryRun: report.dryRun, outcome: report.outcome, plan: report.plan, steps: report.state.steps, stateFile: report.stateFile, ...(measures === undefined ? {} : { measures }), ...(kind === 'failover' ? { postover } : {}) });
  } else {
    const text = describeOutcome(report.outcome);
    line(`The ${report.dryRun ? 'rehearsal of the ' : ''}${report.runbook} ${text}.${report.outcome.outcome === 'succeeded-with-warnings' ? ' Read the warnings above.' : ''}`);
    if (measures !== undefined && report.outcome.outcome !== 'failed' && report.outcome.outcome !== 'cancelled') {
      measureLines(measures).forEach(line);
    }
    if (report.outcome.outcome === 'failed' || report.outcome.outcome === 'cancelled') line(`Its state is kept in ${report.stateFile}: fix what is said above, then run: exchange-ha incident resume --pair … (the steps done are not run again).`);
    if (kind === 'failover') line(`The equivalent script: ${postover}`);
  }
  return exitFor(report);
}

/** `incident status`: the pending prompt, the last incident's runs, recovery time and point, and its timeline. */
export async function incidentStatus(command: IncidentRunbookCommand, io: SubcommandIo): Promise<number> {
  const incidentsRoot = command.world?.kind === 'lab' ? labWorldFiles(command.world.folder).incidents : realWorldFiles(command.pair).incidents;
  const folder = openIncidentFolder(incidentsRoot);
  const prompt = await readPrompt(incidentsRoot);
  const [last] = await incidentRuns(folder);
  let view: StatusView = { incidentsRoot, ...(prompt === undefined ? {} : { prompt }), timeline: [] };
  if (last !== undefined) {
    const timeline = await folder.timeline(last.id);
    const actionsMs = last.failover === undefined ? undefined : Object.fromEntries(last.failover.steps.map((s) => [s.id, s.actionsMs ?? 0]));
    view = {
      ...view,
      incident: last.id,
      ...(last.failover === undefined ? {} : { failover: last.failover }),
      ...(last.failback === undefined ? {} : { failback: last.failback }),
      measures: incidentMeasures(timeline, actionsMs === undefined ? {} : { actionsMs }),
      timeline,
    };
  }
  if (command.json) io.json(view);
  else statusLines(view).forEach(io.line);
  return IncidentRunbookExit.succeeded;
}

/** `exchange-ha incident failover|failback|status|resume`. */
export async function incidentRunbookCommand(verb: IncidentRunbookVerb, io: SubcommandIo, deps: IncidentRunbookDeps = {}): Promise<number> {
  const command = parseIncidentRunbook(verb, io.args, io.env, io.cwd);
  try {
    if (verb === 'status') return await incidentStatus(command, io);
    if ((verb === 'failover' || verb === 'failback') && !command.dryRun && !command.yes) {
      throw new UsageError(`incident ${verb} changes the pair: add --yes to accept the ${verb === 'failover' ? 'manual intervention' : 'downtime'} (or --dry-run to rehearse it); nothing was changed.`);
    }
    const document = await readPair(command.pair);
    const opened = await (deps.openWorld ?? openRunbookWorld)(command, document, io);
    try {
      return await runIncidentRunbook(command, document, opened, io, deps);
    } finally {
      await opened.close();
    }
  } catch (e) {
    if (e instanceof RunbookLockedError || e instanceof RunbookRefusedError) {
      io.problem(`exchange-ha: ${e.message}`);
      return IncidentRunbookExit.refused;
    }
    if (e instanceof RunbookStateError || e instanceof PromptFileError || e instanceof TimelineFileError) {
      io.problem(`exchange-ha: ${e.message}`);
      return IncidentRunbookExit.refused;
    }
    throw e;
  }
}
