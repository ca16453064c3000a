/**
 * Measurement: the guided failover of every mailbox (issue 10: "the runbook's own overhead beyond the engine and the
 * cluster commands stays under 10% of the total").
 *
 * Contender: the guided failover runbook, `exchange-ha incident failover --pair P --profile F --yes` as one
 * process (guided-failover-entry.ts: the CLI's own code with the probe aimed at a closed port on 127.0.0.1), on a
 * lab world whose setup is applied and whose source has lost power, reached through the cluster.exe and dtcl.exe
 * emulators, the directory a fresh slapd (syncing every write) loaded with the benchmark's organisation.
 *
 * Peer, in the same run, on its own fresh slapd from the same LDIF and its own fresh copy of the same world: the
 * same work without the runbook, as the application note's postover.bat does it — three processes one after the
 * other: `exchfailover -setup -failover -s EXCHVS -t EXCHVS-DR -r`, `cluster /cluster:TGTCLUS group "Exchange
 * Group" /online` (the emulator), `exchfailover -failover -s EXCHVS -t EXCHVS-DR -r`. Its time is the sum of the
 * three processes' times.
 *
 * overhead = (runbook − peer) / runbook, target < 10 %. Both are checked afterwards with the ldapsearch counts of
 * directory-checks.ts (every mailbox on its paired target store, MTA and server on the target); a run that leaves
 * the directory wrong or does not exit 0 makes the row FAILED. The notes give the runbook's own view from its state
 * file: each step's wall time against the time spent in its actions (the tools' commands, the engine, the waits),
 * and the process's time outside its actions as a share of its total. With `--runs N` the sides alternate which
 * goes first and the medians are compared.
 */
import { readdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { runbookStateFile, readRunbookState, type RunbookState } from '../../src-main/incident/runbook/runbook-state';
import { labPairDocument } from '../../src-main/lab/lab-pair-document';
import { LAB } from '../../src-main/lab/topology';
import { type BenchContext, runFolder } from './bench-context';
import type { BenchDataset } from './bench-dataset';
import { withBenchSlapd } from './bench-slapd';
import { type BenchRow, median, type RowStatus, seconds } from './bench-table';
import { checkMailboxesMoved, checkMailboxesUnmoved } from './directory-checks';
import { exchfailoverArgv } from './exchfailover-command';
import { BENCH_PROBE_PORT_ENV } from './guided-failover-entry-env';
import { buildGuidedBundles, type GuidedBundles } from './guided-bundles';
import { copySite, emulatorPaths, type GuidedSite, prepareTemplateWorld } from './guided-world';
import type { LdapConnection } from './ldap-tools';
import { describeFailure, runTimed, type TimedRun } from './timed-process';

/** The row's target: the runbook's own share of its total stays below this. */
export const GUIDED_OVERHEAD_TARGET = 0.1;
/** Each program may take this long (a 20,000-mailbox failover on a syncing slapd takes minutes on 2 cores). */
const PROGRAM_TIMEOUT_MS = 60 * 60_000;

/** What one side of one run gave: its time, or the problems found. */
interface SideResult {
  readonly ms: number | undefined;
  /** The time the failover engine itself took on this side (the runbook's exchfailover steps' actions, the peer's two exchfailover processes). */
  readonly engineMs?: number;
  readonly notes: readonly string[];
}

/** What a side's run gives back before the directory is checked. */
interface SideRun {
  readonly ms: number;
  readonly engineMs?: number;
  readonly failures: readonly string[];
  readonly notes: readonly string[];
}

/** The runbook's steps that run the failover engine. */
const ENGINE_STEPS: readonly string[] = ['exchfailover-setup', 'exchfailover'];

/** A port on 127.0.0.1 that nothing listens on (just closed): the contender's probe finds the source down there. */
async function closedLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', done);
  });
  const address = server.address();
  await new Promise<void>((done) => server.close(() => done()));
  if (address === null || typeof address === 'string') throw new Error('no TCP port could be reserved on 127.0.0.1');
  return address.port;
}

/** The last lines a program printed, for a FAILED note (the runbook says what went wrong on standard output). */
function failureOf(who: string, run: TimedRun): string {
  const said = run.stdoutTail
    .trim()
    .split('\n')
    .filter((line) => /fail|error|refus|timed out|cancel/i.test(line))
    .slice(-3)
    .map((line) => line.trim())
    .join(' | ');
  return `${who}: ${describeFailure(run)}${said === '' ? '' : ` — ${said.slice(0, 400)}`}`;
}

/** Each step of the runbook's state file: its wall time against its actions' time. */
export function runbookStepNotes(state: RunbookState, processMs: number): string[] {
  const ms = (from: string | undefined, to: string | undefined): number | undefined =>
    from === undefined || to === undefined ? undefined : Date.parse(to) - Date.parse(from);
  let stepsWall = 0;
  let actions = 0;
  const lines = state.steps.map((step, index) => {
    const wall = ms(step.startedAt, step.endedAt);
    if (wall !== undefined) stepsWall += wall;
    actions += step.actionsMs ?? 0;
    const own = wall !== undefined && step.actionsMs !== undefined ? `, its own ${seconds(Math.max(0, wall - step.actionsMs))}` : '';
    return `  step ${index + 1} ${step.id} (${step.status}): wall ${wall === undefined ? '—' : seconds(wall)}, actions ${step.actionsMs === undefined ? '—' : seconds(step.actionsMs)}${own}`;
  });
  const runWall = ms(state.startedAt, state.endedAt);
  const share = processMs > 0 ? ((processMs - actions) / processMs) * 100 : 0;
  return [
    `runbook's own view (its state file, outcome ${state.outcome ?? 'none'}): steps' wall ${seconds(stepsWall)}, their actions (the tools' commands, the engine, the waits) ${seconds(actions)}; run start to end ${runWall === undefined ? '—' : seconds(runWall)} of the process's ${seconds(processMs)} (the rest: start-up, composing the world, the plan before the first step)`,
    `the process's time outside its actions, (process − actions) / process: ${share.toFixed(1)} % (informational: it also counts the steps' planning and verifying reads through cluster.exe and the directory, which the row's peer does not make)`,
    ...lines,
  ];
}

/** The runbook's state file in the site's incidents folder (`pair.json.incidents/<id>/failover.json`). */
async function readContenderState(site: GuidedSite): Promise<RunbookState | undefined> {
  const root = `${site.pairFile}.incidents`;
  const ids = (await readdir(root, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  const last = ids.at(-1);
  return last === undefined ? undefined : readRunbookState(runbookStateFile(join(root, last), 'failover'));
}

interface SideInput {
  readonly context: BenchContext;
  readonly dataset: BenchDataset;
  readonly bundles: GuidedBundles;
  readonly template: string;
  readonly probePort: number;
}

/** Runs one side on a fresh slapd and a fresh copy of the world, then checks the directory. */
async function measureSide(
  input: SideInput,
  who: string,
  checkStart: boolean,
  run: (site: GuidedSite, connection: LdapConnection, folder: string) => Promise<SideRun>,
): Promise<SideResult> {
  const { context, dataset } = input;
  return withBenchSlapd(dataset.ldifFile, { dbnosync: false }, async (server) => {
    const connection: LdapConnection = { url: server.url, bindDn: server.bindDn, passwordFile: server.passwordFile };
    if (checkStart) {
      const before = await checkMailboxesUnmoved(connection, LAB.domain.dn, dataset.expectation);
      if (before.length > 0) return { ms: undefined, notes: before.map((p) => `FAILED: seeded directory before the run: ${p}`) };
    }
    const folder = await runFolder(context, `guided-${who.replace(/\W+/g, '-')}`);
    const site = await copySite(input.template, folder, context.repoRoot, connection, input.bundles.emulatorFolder);
    context.progress(`  ${who} on a fresh slapd (sync, loaded in ${seconds(server.startMs)}) and a fresh copy of the world…`);
    const result = await run(site, connection, folder);
    if (result.failures.length > 0) return { ms: undefined, notes: [...result.failures.map((f) => `FAILED: ${f}`), ...result.notes] };
    const after = await checkMailboxesMoved(connection, LAB.domain.dn, dataset.expectation);
    if (after.length > 0) return { ms: undefined, notes: [...after.map((p) => `FAILED: ${who} left the directory wrong: ${p}`), ...result.notes] };
    context.progress(`  ${who}: ${seconds(result.ms)}, all ${dataset.userCount} mailboxes verified moved`);
    return { ms: result.ms, ...(result.engineMs === undefined ? {} : { engineMs: result.engineMs }), notes: result.notes };
  });
}

function contender(input: SideInput) {
  return async (site: GuidedSite, connection: LdapConnection, folder: string): Promise<SideRun> => {
    const argv = [...input.bundles.contender, '--pair', site.pairFile, '--profile', site.profileFile, '--bind-password-file', connection.passwordFile, '--yes'];
    const run = await runTimed(argv, { cwd: folder, env: { ...site.env, [BENCH_PROBE_PORT_ENV]: String(input.probePort) }, timeoutMs: PROGRAM_TIMEOUT_MS });
    if (run.exitCode !== 0) return { ms: run.ms, failures: [failureOf('the runbook', run)], notes: [] };
    const state = await readContenderState(site);
    if (state === undefined) return { ms: run.ms, failures: [`the runbook exited 0 but left no failover.json in ${site.pairFile}.incidents`], notes: [] };
    const failures = state.outcome === 'succeeded' || state.outcome === 'succeeded-with-warnings' ? [] : [`the runbook's state says ${state.outcome ?? 'no outcome'}${state.failedStep === undefined ? '' : ` at ${state.failedStep}`}`];
    const engineMs = state.steps.filter((step) => ENGINE_STEPS.includes(step.id)).reduce((sum, step) => sum + (step.actionsMs ?? 0), 0);
    return { ms: run.ms, engineMs, failures, notes: runbookStepNotes(state, run.ms) };
  };
}

function peer(input: SideInput) {
  return async (site: GuidedSite, connection: LdapConnection, folder: string): Promise<SideRun> => {
    const { dataset, bundles } = input;
    const pair = labPairDocument();
    const engine = (setup: boolean, label: string): string[] => {
      const argv = exchfailoverArgv(
        { argv: bundles.exchfailover, origin: 'given' },
        { ...connection, source: dataset.source, target: dataset.target, logFile: join(folder, `${label}.log`), journalFile: join(folder, `${label}.jsonl`) },
      );
      if (setup) argv.splice(bundles.exchfailover.length, 0, '-setup');
      return argv;
    };
    const steps: { readonly label: string; readonly argv: readonly string[]; readonly engine: boolean }[] = [
      { label: 'exchfailover -setup -failover', argv: engine(true, 'setup'), engine: true },
      { label: `cluster /cluster:${pair.target.cluster.name} group "${pair.target.group.name}" /online`, argv: [emulatorPaths(input.context.repoRoot).cluster, `/cluster:${pair.target.cluster.name}`, 'group', pair.target.group.name, '/online'], engine: false },
      { label: 'exchfailover -failover', argv: engine(false, 'failover'), engine: true },
    ];
    let ms = 0;
    let engineMs = 0;
    const notes: string[] = [];
    for (const step of steps) {
      const run = await runTimed(step.argv, { cwd: site.world, env: site.env, timeoutMs: PROGRAM_TIMEOUT_MS });
      ms += run.ms;
      if (step.engine) engineMs += run.ms;
      notes.push(`  ${step.label}: ${seconds(run.ms)}`);
      if (run.exitCode !== 0) return { ms, failures: [failureOf(step.label, run)], notes };
    }
    return { ms, engineMs, failures: [], notes };
  };
}

function row(input: {
  readonly users: number;
  readonly runbookMs: number | undefined;
  readonly peerMs: number | undefined;
  readonly failed: boolean;
  readonly notRun?: string;
  readonly notes: readonly string[];
}): BenchRow {
  const { runbookMs, peerMs } = input;
  const overhead = runbookMs !== undefined && peerMs !== undefined && runbookMs > 0 ? (runbookMs - peerMs) / runbookMs : undefined;
  let status: RowStatus;
  if (input.failed) status = 'FAILED';
  else if (input.notRun !== undefined || overhead === undefined) status = 'NOT RUN';
  else status = overhead < GUIDED_OVERHEAD_TARGET ? 'PASS' : 'MISS';
  return {
    measurement: `guided failover ${input.users.toLocaleString('en')} mailboxes (runbook vs postover.bat), slapd sync`,
    contender: runbookMs === undefined ? '—' : seconds(runbookMs),
    peer: peerMs === undefined ? '—' : `${seconds(peerMs)} (postover.bat)`,
    ratio: overhead === undefined ? '—' : `overhead ${(overhead * 100).toFixed(1)} %`,
    target: `< ${(GUIDED_OVERHEAD_TARGET * 100).toFixed(0)} %`,
    status,
    notes: [
      ...(input.notRun === undefined ? [] : [`not run: ${input.notRun}`]),
      'overhead = (runbook − peer) / runbook; runbook: incident failover --profile as one process (emulators + slapd); peer: the same three commands postover.bat runs, as separate processes, times added',
      ...input.notes,
    ],
  };
}

/**
 * The engine's own time on each side (medians): the same work, in the runbook's process and as exchfailover
 * processes. When they differ, the overhead figure absorbs the difference, so a reader sees it here.
 */
function engineNote(
  runbook: readonly number[],
  peer: readonly number[],
  totals: { readonly runbook: readonly number[]; readonly peer: readonly number[] },
  failed: boolean,
): string[] {
  if (failed || runbook.length === 0 || peer.length === 0 || runbook.length !== totals.runbook.length || peer.length !== totals.peer.length) return [];
  const inRunbook = median(runbook);
  const asProcesses = median(peer);
  const difference = asProcesses - inRunbook;
  // Each side's time outside the engine, run by run: what the row compares with the engine's own variance taken out.
  const runbookBeyond = median(totals.runbook.map((ms, index) => ms - (runbook[index] ?? 0)));
  const peerBeyond = median(totals.peer.map((ms, index) => ms - (peer[index] ?? 0)));
  const runbookTotal = median(totals.runbook);
  return [
    `beyond the engine (each side's time minus its engine's, medians): runbook ${seconds(runbookBeyond)}, peer ${seconds(peerBeyond)}; (runbook − peer) / runbook total = ${runbookTotal > 0 ? (((runbookBeyond - peerBeyond) / runbookTotal) * 100).toFixed(1) : '—'} % (informational: the row's figure without the engine's own run-to-run difference)`,
    `the engine itself (medians): ${seconds(inRunbook)} in the runbook (its two exchfailover steps' actions) vs ${seconds(asProcesses)} as the peer's two exchfailover processes: ${
      difference >= 0
        ? `the processes take ${seconds(difference)} more for the same work, which lowers the overhead figure by as much`
        : `the runbook's engine takes ${seconds(-difference)} more for the same work, which raises the overhead figure by as much`
    }`,
  ];
}

/** The guided-failover row: runbook vs the postover.bat sequence, each on its own fresh slapd and world. */
export async function measureGuidedFailover(context: BenchContext, dataset: BenchDataset): Promise<BenchRow> {
  if (context.command === undefined) {
    return row({ users: dataset.userCount, runbookMs: undefined, peerMs: undefined, failed: false, notRun: context.commandMissing ?? 'no command', notes: [] });
  }
  context.progress(`guided failover of ${dataset.userCount} mailboxes (runbook vs postover.bat), slapd sync:`);
  const bundles = await buildGuidedBundles(context.repoRoot, context.workDir);
  const template = join(await runFolder(context, 'guided-template'), 'lab');
  const prepared = performance.now();
  await prepareTemplateWorld(template, context.workDir);
  context.progress(`  bundled the runbook, exchfailover and the emulators in ${seconds(bundles.buildMs)}; a lab set up with its source off in ${seconds(performance.now() - prepared)}`);
  const input: SideInput = { context, dataset, bundles, template, probePort: await closedLoopbackPort() };
  const runbookTimes: number[] = [];
  const peerTimes: number[] = [];
  const runbookEngine: number[] = [];
  const peerEngine: number[] = [];
  const notes: string[] = [];
  let failed = false;
  for (let run = 0; run < context.runs && !failed; run += 1) {
    const label = context.runs > 1 ? ` (run ${run + 1})` : '';
    // Alternating which side goes first spreads a machine whose load changes over both sides.
    const sides = [
      { name: 'runbook', measure: contender(input), times: runbookTimes, engine: runbookEngine },
      { name: 'postover.bat sequence', measure: peer(input), times: peerTimes, engine: peerEngine },
    ];
    if (run % 2 === 1) sides.reverse();
    for (const [index, side] of sides.entries()) {
      const result = await measureSide(input, side.name, run === 0 && index === 0, side.measure);
      notes.push(`${side.name}${label}:`, ...result.notes);
      if (result.ms === undefined) {
        failed = true;
        break;
      }
      side.times.push(result.ms);
      if (result.engineMs !== undefined) side.engine.push(result.engineMs);
    }
  }
  const samples = (name: string, times: readonly number[]): string[] => (times.length > 1 ? [`${name} runs: ${times.map(seconds).join(', ')} (median shown)`] : []);
  return row({
    users: dataset.userCount,
    runbookMs: runbookTimes.length > 0 && !failed ? median(runbookTimes) : undefined,
    peerMs: peerTimes.length > 0 && !failed ? median(peerTimes) : undefined,
    failed,
    notes: [...samples('runbook', runbookTimes), ...samples('postover.bat', peerTimes), ...engineNote(runbookEngine, peerEngine, { runbook: runbookTimes, peer: peerTimes }, failed), ...notes],
  });
}
