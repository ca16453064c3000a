/**
 * The guided failback (guide section 8) on the lab, step by step: a lab set up by the guide's own setup steps, failed
 * over (the source powered off, exchfailover -setup -failover, the target group online, exchfailover -failover),
 * the source powered up again; then each failback step plans (the exact lines), applies what is needed and
 * verifies, until every mailbox opens on the source again; and the same runbook through the runner (a dry run that
 * changes nothing, a run cancelled at the downtime and resumed). Lab time passes only through the world's sleep (the lab
 * follows the test's clock).
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { borrowedDirectory } from '../../../src-main/directory/borrowed-directory';
import { runFailover } from '../../../src-main/failover/engine';
import type { FailoverRequest } from '../../../src-main/failover/engine-api';
import { failbackRunbook } from '../../../src-main/incident/failback-runbook/failback-runbook';
import { runRunbook, type RunbookReport } from '../../../src-main/incident/runbook/runbook-runner';
import { openIncidentFolder } from '../../../src-main/incident/store/incident-folder';
import type { IncidentWorld } from '../../../src-main/incident/incident-world';
import type {
  OperatorAnswer,
  OperatorQuestion,
  RunbookContext,
  RunbookProgress,
  RunbookStep,
  RunbookStepPlan,
} from '../../../src-main/incident/runbook/runbook-step';
import type { TimelineEventInput } from '../../../src-main/incident/runbook/timeline-event';
import { labIncidentWorld } from '../../../src-main/lab/adapters/lab-incident-world';
import { labSetupWorld } from '../../../src-main/lab/adapters/lab-setup-world';
import { openLab, type Lab } from '../../../src-main/lab/lab';
import { labPairDocument } from '../../../src-main/lab/lab-pair-document';
import { LAB } from '../../../src-main/lab/topology';
import { dumpDifferences, dumpDirectory, type Dump } from '../failover/support/directory-fixtures';
import type { PairDocument } from '../../../src-main/pair/pair-document-schema';
import { setupSteps } from '../../../src-main/setup/steps';
import { STEP_CATALOGUE } from '../../../src-main/setup/step-catalogue';
import type { SetupStepContext, StepRecordData } from '../../../src-main/setup/setup-step';

const START = new Date('2026-11-25T03:00:00Z');

/** A lab whose clock moves only when the world sleeps (and Double-Take's connections with it). */
interface FailbackLab {
  readonly folder: string;
  readonly lab: Lab;
  readonly world: IncidentWorld;
  readonly clock: { now: Date };
  readonly timeline: TimelineEventInput[];
  readonly progress: RunbookProgress[];
  readonly questions: OperatorQuestion[];
  readonly answers: OperatorAnswer[];
  context(pair?: PairDocument, dryRun?: boolean): RunbookContext;
}

async function openFailbackLab(): Promise<FailbackLab> {
  const folder = await mkdtemp(join(tmpdir(), 'exch-ha-failback-'));
  const clock = { now: START };
  const now = (): Date => clock.now;
  const lab = await openLab(folder, { now });
  const base = labIncidentWorld(lab, labSetupWorld(lab, now), {
    realProbe: () => {
      throw new Error('the failback never probes');
    },
    now,
  });
  const world: IncidentWorld = {
    ...base,
    async sleep(ms, signal) {
      signal.throwIfAborted();
      // Lab time follows the clock: Double-Take's connections move by the time passed when next read.
      clock.now = new Date(clock.now.getTime() + ms);
      await lab.exchange.settle();
    },
  };
  const records = new Map<string, Readonly<Record<string, unknown>>>();
  const timeline: TimelineEventInput[] = [];
  const progress: RunbookProgress[] = [];
  const questions: OperatorQuestion[] = [];
  const answers: OperatorAnswer[] = [];
  const context = (pair: PairDocument = labPairDocument(), dryRun = false): RunbookContext => ({
    pair,
    world,
    dryRun,
    signal: new AbortController().signal,
    journalFolder: join(folder, 'journals'),
    log: () => undefined,
    progress: (p) => progress.push(p),
    async timeline(event) {
      timeline.push(event);
    },
    async ask(question) {
      questions.push(question);
      const answer = answers.shift();
      if (answer === undefined) throw new Error(`unexpected question: ${question.text}`);
      return answer;
    },
    recorded: (id) => records.get(id),
    async record(id, data) {
      records.set(id, JSON.parse(JSON.stringify(data)) as Record<string, unknown>);
    },
  });
  return { folder, lab, world, clock, timeline, progress, questions, answers, context };
}

/** Applies the whole setup (guide 3-6) with the setup's own steps, as `exchange-ha setup apply` would. */
async function applySetup(lab: Lab): Promise<void> {
  const steps = setupSteps();
  const pair = labPairDocument();
  const records = new Map<string, StepRecordData>();
  const world = labSetupWorld(lab, () => START);
  const context: SetupStepContext = {
    pair,
    world,
    recorded: (id) => records.get(id),
    async record(id, data) {
      records.set(id, data);
    },
    confirmation: (id) => {
      const handwork = steps.get(id)?.handwork?.(pair);
      return id === '3' ? { note: 'lab', at: '' } : handwork === undefined ? undefined : { note: 'entered on TGT1 and TGT2', at: START.toISOString(), subject: handwork.subject };
    },
  };
  const signal = new AbortController().signal;
  for (const entry of STEP_CATALOGUE.filter((e) => e.kind === 'automated')) {
    const step = steps.get(entry.id);
    if (step === undefined) throw new Error(`no step ${entry.id}`);
    const plan = await step.plan(context);
    for (const action of plan.actions.filter((a) => a.needed)) await action.run(signal);
    const failed = (await step.verify(context)).filter((c) => !c.ok);
    expect(failed, `setup step ${entry.id}`).toEqual([]);
  }
}

/** Section 7 by hand: the source lost, the target's stores flagged, its group online, the mailboxes moved. */
async function failOver(lab: Lab): Promise<void> {
  await lab.power('SRCCLUS', false);
  const request: FailoverRequest = { direction: 'failover', source: 'EXCHVS', target: 'EXCHVS-DR', rules: [{ kind: 'one-to-one' }], setupOnly: true, test: false, noRus: false, noSpn: false };
  const deps = { connect: async () => borrowedDirectory(lab.directory) };
  expect((await runFailover(request, deps)).status).toBe('done');
  await lab.target.run({ kind: 'group-online', group: 'Exchange Group' });
  expect((await runFailover({ ...request, setupOnly: false }, deps)).status).toBe('done');
  expect((await lab.exchange.openMailboxes('EXCHVS-DR')).failures).toEqual([]);
}

const needed = (plan: RunbookStepPlan): string[] => plan.actions.filter((a) => a.needed).map((a) => a.command);

async function applyStep(step: RunbookStep, context: RunbookContext): Promise<RunbookStepPlan> {
  const plan = await step.plan(context);
  expect(plan.refusal, `${step.id} refused`).toBeUndefined();
  for (const action of plan.actions.filter((a) => a.needed)) await action.run(context);
  const failed = (await step.verify(context)).filter((c) => !c.ok);
  expect(failed, `${step.id} verify`).toEqual([]);
  return plan;
}

const stepOf = (id: string): RunbookStep => {
  const step = failbackRunbook().steps.find((s) => s.id === id);
  if (step === undefined) throw new Error(`no failback step ${id}`);
  return step;
};

let fb: FailbackLab;
/** The directory as it was before the incident. */
let before: Dump;

beforeEach(async () => {
  fb = await openFailbackLab();
  await applySetup(fb.lab);
  before = await dumpDirectory(borrowedDirectory(fb.lab.directory), LAB.domain.dn, false);
  await failOver(fb.lab);
}, 120_000);

afterEach(async () => {
  await fb.lab.close();
  await rm(fb.folder, { recursive: true, force: true });
});

describe('the guided failback on the lab', () => {
  it('step 1 refuses while the source is down, and while its Exchange group came back online, quoting the NOTE', async () => {
    const down = await stepOf('source-node-up').plan(fb.context());
    expect(down.refusal).toContain('SRCCLUS');
    expect(down.actions).toEqual([]);

    await fb.lab.power('SRCCLUS', true);
    const online = await stepOf('source-node-up').plan(fb.context());
    expect(online.refusal).toContain('"Exchange Group" is Online on SRC1');
    expect(online.refusal).toContain('cluster SRCCLUS group "Exchange Group" /offline');
    expect(online.refusal).toContain('disconnect one cluster node from the production network, bring it online, take the Exchange resource group offline');
    expect((await stepOf('source-node-up').verify(fb.context())).map((c) => c.ok)).toEqual([true, false]);

    await fb.lab.source.run({ kind: 'group-offline', group: 'Exchange Group' });
    const ready = await applyStep(stepOf('source-node-up'), fb.context());
    expect(ready.actions).toEqual([]);
    expect(ready.findings.join('\n')).toContain('cluster SRCCLUS group "Exchange Group"');
  });

  it('runs every step to the end: every mailbox opens on the source again', async () => {
    await fb.lab.power('SRCCLUS', true);
    await fb.lab.source.run({ kind: 'group-offline', group: 'Exchange Group' });
    const ctx = fb.context();
    const plans = new Map<string, RunbookStepPlan>();
    fb.answers.push({ kind: 'scheduled', by: 'J. Admin', at: new Date(START.getTime() + 5 * 60_000).toISOString() }, { kind: 'accepted', by: 'J. Admin' });
    const MiB = 1_048_576;
    for (const step of failbackRunbook().steps) {
      if (step.id === 'mirror') {
        // The lab's DTCL emulator mirrors nothing (its sets' data is not measured): the mirror is started again with
        // 5 MiB to send, as a day of mail on the target would need, once the resource's online.dtcl connected.
        const plan = await step.plan(ctx);
        await plan.actions[0]?.run(ctx);
        const [connection] = fb.lab.doubleTake.server('TGT1').connections();
        expect(connection).toMatchObject({ replicationSet: 'Exchange', target: '10.0.0.10' });
        fb.lab.doubleTake.server('TGT1').startMirror(connection?.id ?? 0, { mode: 'different', checksum: true, orphans: true }, 5 * MiB);
      }
      if (step.id === 'queue-drained') {
        // The last changes users made before the downtime are still queued: the Source Connection must not go.
        const [connection] = fb.lab.doubleTake.server('TGT1').connections();
        fb.lab.doubleTake.server('TGT1').replicate(connection?.id ?? 0, 3 * MiB);
        const early = await stepOf('source-connection-offline').plan(ctx);
        await expect(early.actions[0]?.run(ctx)).rejects.toThrow(
          `Failback is refused while the queue is not empty: connection ${connection?.id ?? 0} on TGT1 (Exchange → 10.0.0.10) still has 3 MB (3145728 bytes) of Queued Replication Bytes. ` +
            'Taking the Source Connection offline now would lose those changes; wait for it to drain to zero (the previous step waits for it).',
        );
        await expect((await stepOf('exchfailover-setup-failback').plan(ctx)).actions[0]?.run(ctx)).rejects.toThrow('Failback is refused while the queue is not empty');
        expect((await stepOf('queue-drained').verify(ctx)).map((c) => c.ok)).toEqual([false, false]);
      }
      if (step.id === 'source-connection-offline') {
        // Bytes queued again after the queue drained (Exchange back on the target): the step refuses until they are sent.
        const [connection] = fb.lab.doubleTake.server('TGT1').connections();
        fb.lab.doubleTake.server('TGT1').replicate(connection?.id ?? 0, 1024);
        expect((await step.plan(ctx)).refusal).toMatch(/^Failback is refused while the queue is not empty: .* still has 1 KB \(1024 bytes\)/);
        await fb.world.sleep(1000, ctx.signal);
      }
      // Each step plans on what the earlier ones left.
      plans.set(step.id, await applyStep(step, ctx));
    }

    expect(needed(plans.get('reverse-replication-set') as RunbookStepPlan)).toEqual([
      expect.stringMatching(/^LOGIN TGT1 .+ \*{8};\nREPSET CREATE Exchange;\nREPSET RULE ADD "E:\\Exchsrvr" INCLUDE RECURSIVE TO Exchange;\nREPSET SAVE;$/),
      expect.stringMatching(/^LOGIN TGT2 .+ \*{8};\nREPSET CREATE Exchange;/),
    ]);
    expect(needed(plans.get('reverse-source-connection') as RunbookStepPlan)).toEqual([
      'cluster TGTCLUS res "Double-Take Source Connection" /create /group:"Exchange Group" /type:"Double-Take Source Connection"',
      'cluster TGTCLUS res "Double-Take Source Connection" /priv ReplicationSet="Exchange" Target=10.0.0.10',
      'cluster TGTCLUS res "Double-Take Source Connection" /adddep:"Disk E:"',
    ]);
    expect(needed(plans.get('mirror') as RunbookStepPlan)).toEqual(['LOGIN TGT1 Administrator ********;\nCONNECTION LIST;\nLOGIN TGT2 Administrator ********;\nCONNECTION LIST;']);
    // Dependents first; the Source Connection and the disk it needs stay online.
    expect(needed(plans.get('target-exchange-offline') as RunbookStepPlan)).toEqual([
      'cluster TGTCLUS res "Exchange System Attendant" /offline',
      'cluster TGTCLUS res "Exchange Network Name" /offline',
      'cluster TGTCLUS res "Exchange IP Address" /offline',
      'cluster TGTCLUS res "Double-Take Replication IP Address" /offline',
    ]);
    expect(plans.get('target-exchange-offline')?.findings).toEqual(['Left online: "Disk E:" (Online), "Double-Take Source Connection" (Online).']);
    expect(needed(plans.get('source-connection-offline') as RunbookStepPlan)).toEqual(['cluster TGTCLUS res "Double-Take Source Connection" /offline']);
    expect(needed(plans.get('exchfailover-setup-failback') as RunbookStepPlan)).toEqual(['exchfailover -setup -failback -s EXCHVS -t EXCHVS-DR -r']);
    expect(needed(plans.get('source-online') as RunbookStepPlan)[0]).toBe('cluster SRCCLUS group "Exchange Group" /online');
    expect(needed(plans.get('exchfailover-failback') as RunbookStepPlan)).toEqual(['exchfailover -failback -s EXCHVS -t EXCHVS-DR -r']);

    // The mirror was followed with bytes, percent, rate and time left (the lab's link sends 1 MiB/s, the target's
    // users' writes first; read every 2 s).
    const mirror = fb.progress.filter((p) => p.what === 'Mirror to 10.0.0.10 from TGT1');
    expect(mirror.map((p) => p.text)).toEqual([
      '0 B of 5 MB, 0%',
      expect.stringMatching(/^1\.\d MB of 5 MB, 3\d%, \d+ KB\/s, [45] s left$/),
      expect.stringMatching(/^3\.\d MB of 5 MB, 7\d%, \d+ KB\/s, [23] s left$/),
      expect.stringMatching(/^5 MB of 5 MB, 100%, \d+ KB\/s$/),
    ]);
    expect(mirror.map((p) => p.fraction)).toEqual([0, expect.any(Number), expect.any(Number), 1]);
    expect(mirror.at(-1)).toMatchObject({ bytes: 5 * MiB, totalBytes: 5 * MiB });
    // The downtime waited until the time chosen, then asked again.
    expect(fb.questions.map((q) => q.kind)).toEqual(['downtime', 'downtime']);
    expect(fb.progress.filter((p) => p.what === 'Scheduled downtime').map((p) => p.text)).toEqual([
      'Downtime at 2026-11-25T03:05:00.000Z, in 5 min',
      'Downtime at 2026-11-25T03:05:00.000Z, in 4 min',
      'Downtime at 2026-11-25T03:05:00.000Z, in 3 min',
      'Downtime at 2026-11-25T03:05:00.000Z, in 2 min',
      'Downtime at 2026-11-25T03:05:00.000Z, in 1 min',
    ]);
    // The queue drained, bytes left and rate after every read (what the panel charts).
    expect(fb.progress.filter((p) => p.what === 'Queued replication bytes on TGT1').map((p) => p.bytes)).toEqual([3 * MiB, 1 * MiB, 0]);
    expect(fb.timeline).toContainEqual({ kind: 'mailboxes-reachable', server: 'EXCHVS', count: expect.any(Number) as number });
    const check = await fb.lab.exchange.openMailboxes('EXCHVS');
    expect(check.failures).toEqual([]);
    expect(check.opened).toBe(check.total);
    // Every mailbox attribute, the RUS, the SPNs and the routing master are as before the incident; only the
    // overwrite-on-restore flags differ: set on both sides' paired stores (4 each), and they stay set.
    const differences = dumpDifferences(before, await dumpDirectory(borrowedDirectory(fb.lab.directory), LAB.domain.dn, false));
    expect(differences.filter((line) => !line.endsWith(' msexchpatchmdb: ["FALSE"] -> ["TRUE"]'))).toEqual([]);
    expect(differences.filter((line) => line.includes(',cn=exchvs,cn=servers,'))).toHaveLength(4);
    expect(differences.filter((line) => line.includes(',cn=exchvs-dr,cn=servers,'))).toHaveLength(4);
    expect((await readdir(join(fb.folder, 'journals'))).sort()).toEqual([
      'ExchFailover-incident-failback-exchfailover-failback.journal',
      'ExchFailover-incident-failback-exchfailover-setup-failback.journal',
    ]);
  }, 120_000);
});

describe('the guided failback through the runner', () => {
  async function run(options: { dryRun?: boolean; mode?: 'start' | 'resume'; incident?: string; ask?: (q: OperatorQuestion) => Promise<OperatorAnswer> } = {}): Promise<RunbookReport> {
    const incidents = openIncidentFolder(join(fb.folder, 'incidents'));
    const incident = options.incident ?? (await incidents.create(fb.clock.now));
    return runRunbook({
      runbook: failbackRunbook({ incident }),
      incidents,
      incident,
      pair: labPairDocument(),
      world: fb.world,
      dryRun: options.dryRun ?? false,
      mode: options.mode ?? 'start',
      signal: new AbortController().signal,
      journalFolder: join(fb.folder, 'journals'),
      operator: { user: 'tester', host: 'ADMINWS', pid: process.pid },
      ask: options.ask ?? (async () => ({ kind: 'accepted', by: 'tester' })),
    });
  }

  beforeEach(async () => {
    await fb.lab.power('SRCCLUS', true);
    const group = (await fb.lab.source.groups()).find((g) => g.name === 'Exchange Group');
    if (group?.state !== 'Offline') await fb.lab.source.run({ kind: 'group-offline', group: 'Exchange Group' });
  });

  it('a dry run walks every step with no refusal in the whole plan and changes nothing', async () => {
    const files = async () => Promise.all(['clusters.json', 'doubletake.json', 'exchange.json'].map((name) => readFile(join(fb.folder, name), 'utf8')));
    const directory = await dumpDirectory(borrowedDirectory(fb.lab.directory), LAB.domain.dn, false);
    const clusters = await files();
    const report = await run({ dryRun: true });
    expect(report.plan.steps.filter((s) => s.refusal !== undefined || s.error !== undefined)).toEqual([]);
    expect(report.outcome.outcome).toBe('succeeded');
    expect(report.state.steps.map((s) => s.status)).toEqual(failbackRunbook().steps.map(() => 'planned'));
    expect(dumpDifferences(directory, await dumpDirectory(borrowedDirectory(fb.lab.directory), LAB.domain.dn, false))).toEqual([]);
    expect(await files()).toEqual(clusters);
  }, 60_000);

  it('a run cancelled at the downtime resumes there, skipping what is done, and every mailbox opens on the source', async () => {
    const first = await run({ ask: async (q) => ({ kind: 'declined', by: 'tester', note: `not now (${q.kind})` }) });
    expect(first.plan.steps.filter((s) => s.refusal !== undefined || s.error !== undefined)).toEqual([]);
    expect(first.outcome).toMatchObject({ outcome: 'cancelled', step: { number: 5, id: 'downtime' } });
    expect(first.state.steps.map((s) => s.status).slice(0, 5)).toEqual(['done', 'done', 'done', 'done', 'cancelled']);

    const resumed = await run({ mode: 'resume', incident: first.incident });
    expect(resumed.outcome.outcome).toBe('succeeded');
    expect(resumed.state.steps.filter((s) => s.skippedAsDone === true).map((s) => s.id)).toEqual(['source-node-up', 'reverse-replication-set', 'reverse-source-connection', 'mirror']);
    const timeline = await openIncidentFolder(join(fb.folder, 'incidents')).timeline(first.incident);
    expect(timeline.filter((e) => e.kind === 'mailboxes-reachable')).toMatchObject([{ server: 'EXCHVS' }]);
    expect(timeline.at(-1)).toMatchObject({ kind: 'run-end', runbook: 'failback', outcome: 'succeeded' });
    const check = await fb.lab.exchange.openMailboxes('EXCHVS');
    expect(check.opened).toBe(check.total);
  }, 120_000);
});
