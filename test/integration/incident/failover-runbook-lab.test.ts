/**
 * The guided failover (guide section 7) on the lab, through the runner: the whole setup applied by the guide's own
 * steps, the source's plug pulled, then every step to every mailbox opening on the target; a split brain refused
 * with the fencing line; a run killed after each step's actions resumes at that step and leaves the directory
 * exactly as an uninterrupted run does; a dry run changes nothing.
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExchangeHa } from '../../../src-main/cli/exchange-ha/run-exchange-ha';
import { failoverRunbook } from '../../../src-main/incident/failover-runbook/failover-runbook';
import { postoverScript } from '../../../src-main/incident/failover-runbook/postover-script';
import type { IncidentWorld } from '../../../src-main/incident/incident-world';
import { runRunbook, type RunbookReport } from '../../../src-main/incident/runbook/runbook-runner';
import type { Runbook, RunbookStep } from '../../../src-main/incident/runbook/runbook-step';
import { openIncidentFolder } from '../../../src-main/incident/store/incident-folder';
import { labIncidentWorld } from '../../../src-main/lab/adapters/lab-incident-world';
import { labSetupWorld } from '../../../src-main/lab/adapters/lab-setup-world';
import { openLab, type Lab } from '../../../src-main/lab/lab';
import { labPairDocument } from '../../../src-main/lab/lab-pair-document';
import { setupSteps } from '../../../src-main/setup/steps';

const START = new Date('2026-12-08T03:00:00Z');
let work: string;
let template: string;

async function exchangeHa(argv: readonly string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runExchangeHa({
    argv,
    env: {},
    cwd: work,
    stdout: (t) => (out += t),
    stderr: (t) => (out += t),
    now: () => START,
    signal: new AbortController().signal,
    steps: setupSteps,
  });
  return { code, out };
}

/** The lab's own incident world (its probe and second path answer for the lab), on a clock that only moves forward. */
function labWorld(lab: Lab): IncidentWorld {
  let now = START.getTime();
  const clock = (): Date => new Date((now += 1));
  return labIncidentWorld(lab, labSetupWorld(lab, clock), {
    realProbe: () => {
      throw new Error('no real probe in these tests: every address is the lab\'s');
    },
    now: clock,
  });
}

interface Opened {
  readonly folder: string;
  readonly lab: Lab;
  readonly world: IncidentWorld;
}

async function openCopy(name: string): Promise<Opened> {
  const folder = join(work, name);
  await cp(template, folder, { recursive: true });
  const lab = await openLab(folder);
  return { folder, lab, world: labWorld(lab) };
}

async function run(opened: Opened, runbook: (incident: string, root: string) => Runbook, options: { mode?: 'start' | 'resume'; dryRun?: boolean; incident?: string; signal?: AbortSignal } = {}): Promise<RunbookReport> {
  const incidents = openIncidentFolder(join(opened.folder, 'incidents'));
  const incident = options.incident ?? (await incidents.create(opened.world.now()));
  return runRunbook({
    runbook: runbook(incident, incidents.root),
    incidents,
    incident,
    pair: labPairDocument(),
    world: opened.world,
    dryRun: options.dryRun ?? false,
    mode: options.mode ?? 'start',
    signal: options.signal ?? new AbortController().signal,
    journalFolder: join(opened.folder, 'journals'),
    operator: { user: 'tester', host: 'ADMINWS', pid: process.pid },
    ask: async () => ({ kind: 'accepted', by: 'tester' }),
  });
}

const failover = (incident: string, root: string) => failoverRunbook({ incidentsRoot: root, incident });

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'failover-runbook-'));
  template = join(work, 'template');
  expect((await exchangeHa(['lab', 'init', template])).code).toBe(0);
  const applied = await exchangeHa(['setup', 'apply', '--pair', join(template, 'pair.json'), '--lab', template, '--confirm', '6=monitor entered on TGT1 and TGT2']);
  expect(applied.out).not.toContain('failed');
  expect(applied.code).toBe(0);
}, 120_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('the guided failover on the lab', () => {
  it('refuses a split (the source runs its Exchange group, unseen from the target side), saying how to fence it; nothing changes', async () => {
    const opened = await openCopy('split');
    try {
      await opened.lab.fail({ kind: 'split' });
      const report = await run(opened, failover);
      expect(report.outcome).toMatchObject({ outcome: 'failed', step: { number: 1, id: 'confirm-source-down' } });
      expect(report.state.steps[0]?.result).toContain('Split brain: SRCCLUS answers and "Exchange Group" is Online on SRC1');
      expect(report.state.steps[0]?.result).toContain('cluster /cluster:SRCCLUS group "Exchange Group" /offline');
      expect(report.plan.steps[0]?.refusal).toContain('power off SRC1 and SRC2');
      expect(report.state.steps.slice(1).every((s) => s.status === 'pending')).toBe(true);
      expect((await opened.lab.exchange.openMailboxes('EXCHVS-DR')).opened).toBe(0);
      // Healthy (nothing pulled): the probe answers; refused too.
      await opened.lab.restore({ kind: 'split' });
      const healthy = await run(opened, failover);
      expect(healthy.state.steps[0]?.result).toMatch(/^Refused: Split brain/);
    } finally {
      await opened.lab.close();
    }
  });

  it('with the second path vetoing (the source cluster answers, its group offline), refuses: the probe alone does not decide', async () => {
    const opened = await openCopy('veto');
    try {
      await opened.lab.source.run({ kind: 'group-offline', group: 'Exchange Group' });
      const report = await run(opened, failover);
      expect(report.state.steps[0]?.result).toMatch(/^Refused: The second path vetoes: SRCCLUS answers/);
      expect(report.state.steps[0]?.checks).toBeUndefined();
    } finally {
      await opened.lab.close();
    }
  });

  it('runs every step after the plug is pulled: the target group online in dependency order, every mailbox opens on the target', async () => {
    const opened = await openCopy('whole');
    try {
      await opened.lab.power('SRCCLUS', false);
      const before = await opened.lab.exchange.openMailboxes('EXCHVS-DR');
      expect(before.opened).toBe(0);
      const report = await run(opened, failover);
      expect(report.state.steps.map((s) => `${s.id} ${s.status}`)).toEqual([
        'confirm-source-down done',
        'intervention done',
        'exchfailover-setup done',
        'target-online done',
        'exchfailover done',
        'mailboxes-open done',
      ]);
      expect(report.outcome.outcome).toMatch(/^succeeded/);
      const online = report.plan.steps[3]?.actions.filter((a) => a.tool === 'cluster').map((a) => a.command) ?? [];
      expect(online.length).toBeGreaterThan(2);
      for (const line of online) expect(line).toMatch(/^cluster \/cluster:TGTCLUS res ".+" \/online$/);
      const check = await opened.lab.exchange.openMailboxes('EXCHVS-DR');
      expect(check.total).toBeGreaterThan(0);
      expect(check.opened).toBe(check.total);
      const timeline = await openIncidentFolder(join(opened.folder, 'incidents')).timeline(report.incident);
      expect(timeline.find((e) => e.kind === 'mailboxes-reachable')).toMatchObject({ server: 'EXCHVS-DR', count: check.total });
      expect(timeline.find((e) => e.kind === 'intervention')).toMatchObject({ accepted: true, by: 'tester' });
    } finally {
      await opened.lab.close();
    }
  });

  it('a dry run plans every step and changes nothing in the lab', async () => {
    const opened = await openCopy('dry');
    try {
      await opened.lab.power('SRCCLUS', false);
      await opened.lab.close();
      const before = await readFile(join(opened.folder, 'directory.ldif'), 'utf8');
      const clustersBefore = await readFile(join(opened.folder, 'clusters.json'), 'utf8');
      const lab = await openLab(opened.folder);
      const again = { ...opened, lab, world: labWorld(lab) };
      const report = await run(again, failover, { dryRun: true });
      expect(report.state.steps.map((s) => s.status)).toEqual(['planned', 'planned', 'planned', 'planned', 'planned', 'planned']);
      await lab.close();
      expect(await readFile(join(opened.folder, 'directory.ldif'), 'utf8')).toBe(before);
      expect(await readFile(join(opened.folder, 'clusters.json'), 'utf8')).toBe(clustersBefore);
    } catch (e) {
      await opened.lab.close().catch(() => undefined);
      throw e;
    }
  });

  it('killed after each step in turn, resumes at that step; the directory ends exactly as after an uninterrupted run', async () => {
    const reference = await openCopy('reference');
    await reference.lab.power('SRCCLUS', false);
    expect((await run(reference, failover)).outcome.outcome).toMatch(/^succeeded/);
    await reference.lab.close();
    const expected = await readFile(join(reference.folder, 'directory.ldif'), 'utf8');
    // The failover changed the directory (so equal directories below say something).
    expect(expected).not.toBe(await readFile(join(template, 'directory.ldif'), 'utf8'));

    const ids = ['confirm-source-down', 'intervention', 'exchfailover-setup', 'target-online', 'exchfailover', 'mailboxes-open'];
    for (const [index, id] of ids.entries()) {
      const opened = await openCopy(`killed-${index}`);
      try {
        await opened.lab.power('SRCCLUS', false);
        const controller = new AbortController();
        // The kill: after the step's actions ran, before its verification (the worst moment: work done, not recorded as done).
        const killing = (incident: string, root: string): Runbook => {
          const book = failover(incident, root);
          return {
            ...book,
            steps: book.steps.map((step): RunbookStep => (step.id !== id ? step : { ...step, verify: async () => { controller.abort(new Error('killed')); throw new Error('killed'); } })),
          };
        };
        const first = await run(opened, killing, { signal: controller.signal });
        expect(first.outcome).toMatchObject({ outcome: 'cancelled', step: { id } });
        const skipped: string[] = [];
        const resumed = await run(opened, failover, { mode: 'resume', incident: first.incident });
        expect(resumed.outcome.outcome, `resumed after a kill in ${id}`).toMatch(/^succeeded/);
        skipped.push(...resumed.state.steps.filter((s) => s.skippedAsDone === true).map((s) => s.id));
        expect(skipped).toEqual(ids.slice(0, index));
      } finally {
        await opened.lab.close();
      }
      expect(await readFile(join(opened.folder, 'directory.ldif'), 'utf8'), `the directory after a kill in ${id}`).toBe(expected);
    }
  }, 180_000);

  it("writes postover.bat as the guide's NOTE, with the pair's rules and no password", () => {
    const pair = labPairDocument();
    const script = postoverScript({ ...pair, incident: { ...pair.incident, rules: ['First Storage Group, Mailbox Store (EXCHVS):First Storage Group, Mailbox Store (EXCHVS-DR)', ''], noRus: true } }, '20261208-030000Z');
    const lines = script.split('\r\n');
    // A rule with parentheses is quoted and caret-escaped whole (cmd.exe never enters its quote state); `-r` alone stays alone.
    expect(lines).toContain('exchfailover.exe -setup -failover -s EXCHVS -t EXCHVS-DR -r ^"First Storage Group, Mailbox Store ^(EXCHVS^):First Storage Group, Mailbox Store ^(EXCHVS-DR^)^" -r -norus');
    expect(lines).toContain('exchfailover.exe -failover -s EXCHVS -t EXCHVS-DR -r ^"First Storage Group, Mailbox Store ^(EXCHVS^):First Storage Group, Mailbox Store ^(EXCHVS-DR^)^" -r -norus');
    expect(lines).toContain('cluster /cluster:TGTCLUS group "Exchange Group" /online');
    expect(lines).toContain('"C:\\Program Files\\DoubleTake\\dtcl.exe" wait 25000');
    expect(lines.filter((l) => l.startsWith('exchfailover.exe'))).toHaveLength(2);
    expect(lines.filter((l) => l.includes('-u') && !l.startsWith('REM'))).toEqual([]);
  });
});
