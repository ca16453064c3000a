import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLab, type Lab } from '../../../src-main/lab/lab';
import { labPairDocument } from '../../../src-main/lab/lab-pair-document';
import { writePairDocument } from '../../../src-main/pair/pair-document-file';
import { labSetupWorld } from '../../../src-main/lab/adapters/lab-setup-world';
import { openPairStore, pairDigest } from '../../../src-main/setup/pair-store';
import { planDigest } from '../../../src-main/setup/plan-digest';
import { openProgressStore } from '../../../src-main/setup/progress-store';
import { clusterAction, sameClusterName } from '../../../src-main/setup/setup-actions';
import { openSetupJournal } from '../../../src-main/setup/setup-journal';
import { LAB_BACKUP_NOTE, createSetupService, type ApplyHooks, type SetupService } from '../../../src-main/setup/setup-service';
import type { SetupStep } from '../../../src-main/setup/setup-step';
import type { SetupWorld } from '../../../src-main/setup/setup-world';
import { STEP_CATALOGUE } from '../../../src-main/setup/step-catalogue';
import { backupsConfirmed } from '../../../src-main/setup/steps/backups-confirmed';
import { bringOnlineAndMonitor } from '../../../src-main/setup/steps/bring-online-and-monitor';
import { monitorHandworkCheck } from '../../../src-main/setup/steps/virtual-server/monitor-settings';

/**
 * The service's own rules (states, prerequisites, journal, only-what-is-needed, refusals), with small steps of the
 * test's own over the real lab clusters; the guide's steps have their own tests in test/unit/setup/steps.
 */

let folder: string;
let lab: Lab;
let pairFile: string;

/** 4.2.1 as a test step: the group from the pair document, created when missing. */
const groupStep: SetupStep = {
  id: '4.2.1',
  async plan({ pair, world }) {
    const exists = (await world.source.groups()).some((g) => sameClusterName(g.name, pair.source.group.name));
    return {
      actions: [clusterAction(world.source, { kind: 'group-create', group: pair.source.group.name }, 'Create the group', !exists)],
      warnings: [],
      findings: [],
    };
  },
  async verify({ pair, world }) {
    const exists = (await world.source.groups()).some((g) => sameClusterName(g.name, pair.source.group.name));
    return [{ what: `Group ${pair.source.group.name}`, ok: exists }];
  },
};

/** 4.2.2 as a test step that the cluster refuses (a resource of a type the cluster does not have). */
const refusedStep: SetupStep = {
  id: '4.2.2',
  async plan({ pair, world }) {
    return {
      actions: [
        clusterAction(world.source, { kind: 'resource-create', resource: 'X', group: pair.source.group.name, type: 'No Such Type' }, 'Create X', true),
      ],
      warnings: ['a warning'],
      findings: [],
    };
  },
  async verify() {
    return [{ what: 'X exists', ok: false }];
  },
};

/** 6 as a test step with the real step's handwork rule: verified only once its part done by hand is confirmed. */
const handworkStep: SetupStep = {
  id: '6',
  async plan() {
    return { actions: [], warnings: [], findings: [] };
  },
  async verify({ pair, confirmation }) {
    return [monitorHandworkCheck(bringOnlineAndMonitor.handwork!(pair), confirmation('6'), '6')];
  },
  handwork: (pair) => bringOnlineAndMonitor.handwork!(pair),
};

async function service(world: SetupWorld = labSetupWorld(lab, () => new Date('2026-11-25T03:00:00Z'))) {
  return createSetupService({
    world,
    pair: openPairStore(pairFile),
    progress: await openProgressStore(join(folder, 'progress.json')),
    journal: openSetupJournal(join(folder, 'journal.jsonl')),
    steps: new Map([
      ['3', backupsConfirmed],
      ['4.2.1', groupStep],
      ['4.2.2', refusedStep],
      ['6', handworkStep],
    ]),
    now: () => new Date('2026-11-25T03:00:00Z'),
  });
}

const hooks = () => ({ signal: new AbortController().signal });

/** A digest no plan has. */
const UNSEEN = 'f'.repeat(64);

/**
 * Applies as the wizard does: plans, then applies that plan by its digest; the verification when it ran (the
 * result as it is otherwise: a refusal, or a plan that changed).
 */
async function planAndApply(setup: SetupService, stepId: string, applyHooks: ApplyHooks = hooks()) {
  const plan = await setup.plan(stepId);
  const applied = await setup.apply(stepId, { digest: plan.ok ? plan.value.digest : UNSEEN }, applyHooks);
  return applied.ok && applied.value.kind === 'applied' ? { ok: true as const, value: applied.value.verification } : applied;
}
const journalLines = async () =>
  (await readFile(join(folder, 'journal.jsonl'), 'utf8').catch(() => ''))
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'exch-ha-setup-'));
  lab = await openLab(folder);
  pairFile = join(folder, 'pair.json');
  await writePairDocument(pairFile, labPairDocument());
});
afterEach(async () => {
  await lab.close();
  await rm(folder, { recursive: true, force: true });
});

describe('setup service', () => {
  it('lists every step of guide sections 3-6 in order; in a lab the backups are confirmed already', async () => {
    const steps = (await service()).list();
    expect(steps.map((s) => s.id)).toEqual(STEP_CATALOGUE.map((e) => e.id));
    expect(steps.map((s) => s.id)).toEqual(['3', '4.1', '4.2.1', '4.2.2', '4.2.3', '4.2.4', '4.2.5', '4.3', '4.4', '4.5', '5.1', '5.2', '5.3', '6']);
    expect(steps[0]).toMatchObject({ id: '3', kind: 'manual', state: 'done-by-hand', note: LAB_BACKUP_NOTE });
    expect(steps.slice(1).every((s) => s.state === 'not-started' && s.kind === 'automated')).toBe(true);
  });

  it('outside a lab the backups step waits for a confirmation with a note, and verify checks it', async () => {
    const setup = await service({ ...labSetupWorld(lab), kind: 'real' });
    expect(setup.list()[0]?.state).toBe('not-started');
    expect(await setup.verify('3')).toMatchObject({ ok: true, value: { ok: false } });
    expect(setup.list()[0]?.state).toBe('failed');
    expect(await planAndApply(setup, '3')).toMatchObject({ ok: false, error: { code: 'setup/manual-step' } });
    expect(await setup.markDone('3', ' x ')).toMatchObject({ ok: false, error: { code: 'setup/note' } });
    expect(await setup.markDone('3', 'Tapes 41-44, taken 02:10 by J. Admin')).toMatchObject({ ok: true, value: { summary: { state: 'done-by-hand' } } });
    const verified = await setup.verify('3');
    expect(verified).toMatchObject({ ok: true, value: { ok: true } });
    expect(setup.list()[0]).toMatchObject({ state: 'done-by-hand', note: 'Tapes 41-44, taken 02:10 by J. Admin' });
    expect((await journalLines()).map((l) => l['outcome'])).toEqual(['marked-done']);
  });

  it('planning never changes a state but not started: the lab\'s confirmed backups stay confirmed, on disk too', async () => {
    const setup = await service();
    expect(await setup.plan('3')).toMatchObject({ ok: true });
    expect(setup.list()[0]).toMatchObject({ id: '3', state: 'done-by-hand', note: LAB_BACKUP_NOTE });
    // The confirmation the lab gives is stored with the plan, so a reader of the progress file sees it too.
    const stored = (await openProgressStore(join(folder, 'progress.json'))).get('3');
    expect(stored).toMatchObject({ state: 'done-by-hand', note: LAB_BACKUP_NOTE, plan: { stepId: '3' } });
    expect((await service()).list()[0]).toMatchObject({ state: 'done-by-hand', note: LAB_BACKUP_NOTE });
    // Step 4.2.1 can be applied after the plan of 3: its prerequisite is still confirmed.
    expect(await planAndApply(setup, '4.2.1')).toMatchObject({ ok: true, value: { ok: true } });
  });

  it('planning a verified step leaves it verified, and a failed step failed', async () => {
    const setup = await service();
    await planAndApply(setup, '4.2.1');
    expect(await setup.plan('4.2.1')).toMatchObject({ ok: true });
    expect(setup.list().find((s) => s.id === '4.2.1')?.state).toBe('verified');
    await planAndApply(setup, '4.2.2');
    expect(setup.list().find((s) => s.id === '4.2.2')?.state).toBe('failed');
    expect(await setup.plan('4.2.2')).toMatchObject({ ok: true });
    expect(setup.list().find((s) => s.id === '4.2.2')?.state).toBe('failed');
  });

  it('confirms the part of step 6 only the administrator can do, without making the step done by hand', async () => {
    const setup = await service();
    const MONITOR = 'The Failover Control Center monitor entered on each target node';
    expect(setup.get('6')).toMatchObject({ ok: true, value: { handwork: { what: MONITOR } } });
    expect(setup.get('4.2.1')).toMatchObject({ ok: true, value: { summary: { id: '4.2.1' } } });
    expect(setup.get('4.2.1')).not.toMatchObject({ value: { handwork: expect.anything() } });
    expect(await setup.verify('6')).toMatchObject({ ok: true, value: { ok: false, checks: [{ ok: false, detail: expect.stringMatching(/^Not confirmed yet/) }] } });
    expect(setup.list().find((s) => s.id === '6')?.state).toBe('failed');

    expect(await setup.confirm('4.2.1', 'entered by hand')).toMatchObject({ ok: false, error: { code: 'setup/no-handwork', message: expect.stringContaining('only step 6 has one') } });
    expect(await setup.confirm('3', 'entered by hand')).toMatchObject({ ok: false, error: { code: 'setup/no-handwork', message: expect.stringContaining('confirm the step itself with a note') } });
    expect(await setup.confirm('6', ' x ')).toMatchObject({ ok: false, error: { code: 'setup/note' } });

    const confirmed = await setup.confirm('6', '  Entered on TGT1 and TGT2 by J. Admin ');
    expect(confirmed).toMatchObject({
      ok: true,
      value: { summary: { state: 'failed' }, handwork: { what: MONITOR, confirmation: { note: 'Entered on TGT1 and TGT2 by J. Admin', at: '2026-11-25T03:00:00.000Z' } } },
    });
    // The note is the confirmation's, not the step's (which is not done by hand).
    expect(setup.list().find((s) => s.id === '6')?.note).toBeUndefined();
    expect(await setup.verify('6')).toMatchObject({ ok: true, value: { ok: true, checks: [{ ok: true, detail: 'Confirmed at 2026-11-25T03:00:00.000Z: Entered on TGT1 and TGT2 by J. Admin' }] } });
    expect(setup.list().find((s) => s.id === '6')?.state).toBe('verified');
    const last = (await journalLines()).at(-1);
    expect(last).toMatchObject({ stepId: '6', outcome: 'confirmed', detail: 'Entered on TGT1 and TGT2 by J. Admin', command: expect.stringContaining('Monitored name: EXCHVS') });
    // Kept across a restart.
    expect((await service()).get('6')).toMatchObject({ ok: true, value: { summary: { state: 'verified' }, handwork: { confirmation: { note: 'Entered on TGT1 and TGT2 by J. Admin' } } } });
  });

  it('marking step 6 done by hand does not stand for the monitor\'s confirmation', async () => {
    const setup = await service();
    expect(await setup.markDone('6', 'Brought online in Cluster Administrator')).toMatchObject({ ok: true, value: { summary: { state: 'done-by-hand' } } });
    expect(await setup.verify('6')).toMatchObject({ ok: true, value: { ok: false } });
    expect(setup.list().find((s) => s.id === '6')?.state).toBe('failed');
    await setup.confirm('6', 'Entered on TGT1 and TGT2');
    expect(await setup.verify('6')).toMatchObject({ ok: true, value: { ok: true } });
  });

  it('plans without changing anything, applies only what is needed, journals it, and a re-run changes nothing', async () => {
    const setup = await service();
    const before = await readFile(join(folder, 'clusters.json'));
    const plan = await setup.plan('4.2.1');
    expect(plan).toMatchObject({
      ok: true,
      value: { actions: [{ tool: 'cluster', target: 'SRCCLUS', command: 'cluster SRCCLUS group "Exchange Group" /create', needed: true }] },
    });
    expect(await readFile(join(folder, 'clusters.json'))).toEqual(before);
    expect(setup.list().find((s) => s.id === '4.2.1')?.state).toBe('planned');

    const logs: string[] = [];
    const applied = await planAndApply(setup, '4.2.1', { ...hooks(), onLog: (_level, line) => logs.push(line) });
    expect(applied).toMatchObject({ ok: true, value: { ok: true } });
    expect(logs[0]).toBe('SRCCLUS: cluster SRCCLUS group "Exchange Group" /create');
    expect(setup.list().find((s) => s.id === '4.2.1')?.state).toBe('verified');
    const afterFirst = await readFile(join(folder, 'clusters.json'));

    expect(await planAndApply(setup, '4.2.1')).toMatchObject({ ok: true, value: { ok: true } });
    expect(await readFile(join(folder, 'clusters.json'))).toEqual(afterFirst);
    expect((await journalLines()).map((l) => [l['stepId'], l['outcome']])).toEqual([
      ['4.2.1', 'sending'],
      ['4.2.1', 'applied'],
      ['4.2.1', 'nothing-to-do'],
    ]);
  });

  it('applies exactly the plan seen, named by its digest: only that plan\'s needed actions run', async () => {
    const setup = await service();
    const plan = await setup.plan('4.2.1');
    if (!plan.ok) throw new Error(plan.error.message);
    expect(plan.value.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(plan.value.pairDigest).toBe(pairDigest(labPairDocument()));
    expect(planDigest(plan.value)).toBe(plan.value.digest);
    // The plan remembered for the step (shown again after a restart) carries the same digest.
    expect(setup.get('4.2.1')).toMatchObject({ ok: true, value: { plan: { digest: plan.value.digest } } });
    const applied = await setup.apply('4.2.1', { digest: plan.value.digest }, hooks());
    expect(applied).toMatchObject({ ok: true, value: { kind: 'applied', verification: { ok: true } } });
    // Journalled before it is sent, and again once it is done.
    expect((await journalLines()).map((l) => [l['outcome'], l['command']])).toEqual([
      ['sending', 'cluster SRCCLUS group "Exchange Group" /create'],
      ['applied', 'cluster SRCCLUS group "Exchange Group" /create'],
    ]);
  });

  it('on a real pair, applies a plan with changes only once they are confirmed; unconfirmed, nothing is sent', async () => {
    const world = labSetupWorld(lab, () => new Date('2026-11-25T03:00:00Z'));
    // Backups are not confirmed by rule on a real pair: confirm them as an administrator would.
    const setup = await service({ ...world, kind: 'real' });
    expect(await setup.markDone('3', 'Full backups of both clusters taken 2026-11-24, tapes 41 and 42.')).toMatchObject({ ok: true });
    const plan = await setup.plan('4.2.1');
    if (!plan.ok) throw new Error(plan.error.message);
    const refused = await setup.apply('4.2.1', { digest: plan.value.digest }, hooks());
    expect(refused).toMatchObject({ ok: false, error: { code: 'setup/confirmation-needed' } });
    if (refused.ok) throw new Error('applied without confirmation');
    expect(refused.error.message).toContain('SRCCLUS (cluster)');
    expect(refused.error.message).toContain('Nothing was applied');
    expect((await journalLines()).filter((l) => l['outcome'] !== 'marked-done')).toEqual([]);
    expect((await lab.source.groups()).some((g) => g.name === 'Exchange Group')).toBe(false);
    const applied = await setup.apply('4.2.1', { digest: plan.value.digest, confirmed: true }, hooks());
    expect(applied).toMatchObject({ ok: true, value: { kind: 'applied' } });
    expect((await lab.source.groups()).some((g) => g.name === 'Exchange Group')).toBe(true);
    // Nothing left to change: a re-run needs no confirmation.
    const again = await setup.plan('4.2.1');
    if (!again.ok) throw new Error(again.error.message);
    expect(await setup.apply('4.2.1', { digest: again.value.digest }, hooks())).toMatchObject({ ok: true });
  });

  it('runs nothing when the world changed since the plan was shown, and answers the new plan with what changed', async () => {
    const setup = await service();
    const seen = await setup.plan('4.2.1');
    if (!seen.ok) throw new Error(seen.error.message);
    // Someone creates the group in Cluster Administrator meanwhile.
    await lab.source.run({ kind: 'group-create', group: 'Exchange Group' });
    const logs: string[] = [];
    const refused = await setup.apply('4.2.1', { digest: seen.value.digest }, { ...hooks(), onLog: (_level, line) => logs.push(line) });
    expect(refused).toMatchObject({
      ok: true,
      value: {
        kind: 'plan-changed',
        plan: { stepId: '4.2.1', actions: [{ command: 'cluster SRCCLUS group "Exchange Group" /create', needed: false }] },
        changes: { known: true, pairChanged: false, added: [], removed: [], neededChanged: [{ command: 'cluster SRCCLUS group "Exchange Group" /create', needed: false }] },
      },
    });
    expect(logs).toEqual(['The plan changed since it was shown: nothing was applied. Read the new plan, then apply it.']);
    expect(await journalLines()).toEqual([]);
    expect(setup.list().find((s) => s.id === '4.2.1')?.state).toBe('planned');
    // The new plan is the one the step shows now; applied by its digest, it runs (here: nothing is needed).
    if (!refused.ok || refused.value.kind !== 'plan-changed') throw new Error('not refused');
    expect(setup.get('4.2.1')).toMatchObject({ ok: true, value: { plan: { digest: refused.value.plan.digest } } });
    expect(await setup.apply('4.2.1', { digest: refused.value.plan.digest }, hooks())).toMatchObject({ ok: true, value: { kind: 'applied', verification: { ok: true } } });
    expect((await journalLines()).map((l) => l['outcome'])).toEqual(['nothing-to-do']);
  });

  it('runs nothing when the pair document changed since the plan was shown, and says so', async () => {
    const setup = await service();
    const seen = await setup.plan('4.2.1');
    if (!seen.ok) throw new Error(seen.error.message);
    const renamed = labPairDocument();
    renamed.source.group.name = 'Exchange Group 2';
    renamed.target.group.name = 'Exchange Group 2';
    await writePairDocument(pairFile, renamed);
    const refused = await setup.apply('4.2.1', { digest: seen.value.digest }, hooks());
    expect(refused).toMatchObject({
      ok: true,
      value: {
        kind: 'plan-changed',
        changes: {
          known: true,
          pairChanged: true,
          added: [{ command: 'cluster SRCCLUS group "Exchange Group 2" /create', needed: true }],
          removed: [{ command: 'cluster SRCCLUS group "Exchange Group" /create', needed: true }],
          neededChanged: [],
        },
      },
    });
    expect((await lab.source.groups()).map((g) => g.name)).not.toContain('Exchange Group 2');
    expect(await journalLines()).toEqual([]);
  });

  it('a digest the program never showed is refused too; the plan seen, when the caller has it, says what changed', async () => {
    const setup = await service();
    expect(await setup.apply('4.2.1', { digest: UNSEEN }, hooks())).toMatchObject({
      ok: true,
      value: { kind: 'plan-changed', changes: { known: false, added: [], removed: [] } },
    });
    // A plan seen elsewhere (a plan file): with the same digest it is compared action by action.
    const other = await (await service()).plan('4.2.1');
    if (!other.ok) throw new Error(other.error.message);
    const seen = { ...other.value, warnings: ['an old warning'] };
    const withSeen = { ...seen, digest: planDigest(seen) };
    expect(await setup.apply('4.2.1', { digest: withSeen.digest, seen: withSeen }, hooks())).toMatchObject({
      ok: true,
      value: { kind: 'plan-changed', changes: { known: true, warningsRemoved: ['an old warning'], warningsAdded: [] } },
    });
    expect((await lab.source.groups()).map((g) => g.name)).not.toContain('Exchange Group');
  });

  it('refuses to apply a step whose prerequisites are not verified, naming them', async () => {
    const setup = await service();
    const refused = await planAndApply(setup, '4.2.2');
    expect(refused).toMatchObject({ ok: false, error: { code: 'setup/prerequisite' } });
    if (!refused.ok) expect(refused.error.message).toContain('4.2.1 (Create the Exchange group: not-started)');
    expect(await journalLines()).toEqual([]);
  });

  it('records a refusal by the cluster as failed, journalled with the command, and says why', async () => {
    const setup = await service();
    await planAndApply(setup, '4.2.1');
    const failed = await planAndApply(setup, '4.2.2');
    expect(failed).toMatchObject({ ok: false, error: { code: 'setup/cluster-refused' } });
    if (!failed.ok) expect(failed.error.message).toMatch(/System error 5078/);
    expect(setup.list().find((s) => s.id === '4.2.2')?.state).toBe('failed');
    const last = (await journalLines()).at(-1);
    expect(last).toMatchObject({ stepId: '4.2.2', outcome: 'refused', command: 'cluster SRCCLUS res "X" /create /group:"Exchange Group" /type:"No Such Type"' });
  });

  it('refuses every step while the pair document has problems, naming each field', async () => {
    const document = labPairDocument();
    await writeFile(pairFile, JSON.stringify({ ...document, source: { ...document.source, ipAddress: { ...document.source.ipAddress, subnetMask: '255.0.255.0' } } }));
    const setup = await service();
    const plan = await setup.plan('4.2.1');
    expect(plan).toMatchObject({ ok: false, error: { code: 'pair/invalid' } });
    if (!plan.ok) expect(plan.error.message).toContain('source.ipAddress.subnetMask');
    expect(await planAndApply(setup, '4.2.1')).toMatchObject({ ok: false, error: { code: 'pair/invalid' } });
    const status = await setup.pair.status();
    expect(status.problems.map((p) => p.path)).toContain('source.ipAddress.subnetMask');
  });

  it('saves a pair document only when it has no problems', async () => {
    const setup = await service();
    const before = await readFile(pairFile);
    const bad = { ...labPairDocument(), version: 7 };
    const refused = await setup.pair.save(bad);
    expect(refused.saved).toBe(false);
    expect(refused.problems.map((p) => p.path)).toEqual(['version']);
    expect(await readFile(pairFile)).toEqual(before);
    const good = labPairDocument();
    good.source.group.description = 'Changed';
    expect(await setup.pair.save(good)).toMatchObject({ saved: true, problems: [] });
    expect(JSON.parse(await readFile(pairFile, 'utf8'))).toMatchObject({ source: { group: { description: 'Changed' } } });
  });

  it('says a verified step is stale once the pair document changes, until it is verified again', async () => {
    const setup = await service();
    await planAndApply(setup, '4.2.1');
    expect(setup.list().find((s) => s.id === '4.2.1')).toMatchObject({ state: 'verified' });
    expect(setup.list().find((s) => s.id === '4.2.1')?.stale).toBeUndefined();
    const changed = labPairDocument();
    changed.source.group.description = 'Changed after 4.2.1 was verified';
    expect(await setup.pair.save(changed)).toMatchObject({ saved: true });
    expect(setup.list().find((s) => s.id === '4.2.1')).toMatchObject({ state: 'needs-recheck', recheckOf: 'verified', stale: true });
    expect(setup.list().find((s) => s.id === '4.2.2')?.stale).toBeUndefined();
    expect(await setup.verify('4.2.1')).toMatchObject({ ok: true, value: { ok: true } });
    expect(setup.list().find((s) => s.id === '4.2.1')?.stale).toBeUndefined();
    // Saving the same content again is no change.
    expect(await setup.pair.save(changed)).toMatchObject({ saved: true });
    expect(setup.list().find((s) => s.id === '4.2.1')?.stale).toBeUndefined();
  });

  it('keeps states, the last plan and the last verification across a restart', async () => {
    await planAndApply(await service(), '4.2.1');
    const reopened = await service();
    const detail = reopened.get('4.2.1');
    expect(detail).toMatchObject({ ok: true, value: { summary: { state: 'verified' }, verification: { ok: true }, plan: { stepId: '4.2.1' } } });
    expect(reopened.get('9.9')).toMatchObject({ ok: false, error: { code: 'setup/unknown-step' } });
  });

  it('stops before the next change when cancelled, and says how many were applied', async () => {
    const setup = await service();
    const controller = new AbortController();
    controller.abort();
    const cancelled = await planAndApply(setup, '4.2.1', { signal: controller.signal });
    expect(cancelled).toMatchObject({ ok: false, error: { code: 'job/cancelled' } });
    if (!cancelled.ok) expect(cancelled.error.message).toContain('0 of 1 changes were applied');
    expect((await lab.source.groups()).some((g) => g.name === 'Exchange Group')).toBe(false);
  });
});
