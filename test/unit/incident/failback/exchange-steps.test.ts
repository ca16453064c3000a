import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FailoverOutcome, FailoverRequest, PlannedChange, RunFailover } from '../../../../src-main/failover/engine-api';
import { exchfailoverFailbackStep, exchfailoverSetupFailbackStep } from '../../../../src-main/incident/failback-runbook/exchfailover-steps';
import { failbackRunbook } from '../../../../src-main/incident/failback-runbook/failback-runbook';
import { mailboxesOpenStep } from '../../../../src-main/incident/failback-runbook/mailboxes-open';
import { sourceOnlineStep } from '../../../../src-main/incident/failback-runbook/source-online';
import type { StoreMount } from '../../../../src-main/incident/incident-world';
import { RunbookTimeout } from '../../../../src-main/incident/runbook/runbook-helpers';
import { FailbackRefusedError } from '../../../../src-main/incident/failback-runbook/failback-actions';
import { labPairDocument } from '../../../../src-main/lab/lab-pair-document';
import type { PairDocument } from '../../../../src-main/pair/pair-document-schema';
import { connection, fakeRun, fakeState, resource } from './fake-failback-world';

function outcome(status: FailoverOutcome['status'], errors: string[] = []): FailoverOutcome {
  return { status, pairs: [], unpaired: [], phases: [], conflicts: [], errors, mailboxCounts: [], verification: [] };
}

/** A fake engine: `left` changes to make until a run that is not a test; every request kept. */
function fakeEngine(left: number, result: FailoverOutcome['status'] = 'done') {
  const requests: FailoverRequest[] = [];
  let remaining = left;
  const engine: RunFailover = async (request, _deps, events) => {
    requests.push(request);
    if (request.test) {
      for (let i = 0; i < remaining; i += 1) events?.onPlannedChange?.({ phase: 'patch-flag' } as PlannedChange);
      return outcome('planned');
    }
    if (result === 'done') remaining = 0;
    return outcome(result, result === 'done' ? [] : ['the directory refused a change']);
  };
  return { engine, requests };
}

const rulesPair = (): PairDocument => {
  const pair = labPairDocument();
  return { ...pair, incident: { ...pair.incident, rules: ['Indy, Sales:Indy_Bkup, Sales', ''], noRus: true, noSpn: true } };
};

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'failback-engine-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('failback steps 9 and 11: exchfailover -setup -failback and -failback', () => {
  it('show the utility\'s line with the ORIGINAL source and target, the -r rules, -norus and -nospn; run the engine journalled', async () => {
    const state = fakeState();
    state.target.resources = [resource('Exchange System Attendant', 'Microsoft Exchange System Attendant', 'Offline')];
    const run = fakeRun(state, { pair: rulesPair(), journalFolder: folder });
    const { engine, requests } = fakeEngine(4);
    const setup = exchfailoverSetupFailbackStep({ incident: 'i42', runFailover: engine });
    const plan = await setup.plan(run.context);
    expect(plan.refusal).toBeUndefined();
    expect(plan.actions.map((a) => [a.tool, a.command, a.needed, a.description])).toEqual([
      [
        'exchfailover',
        'exchfailover -setup -failback -s EXCHVS -t EXCHVS-DR -r "Indy, Sales:Indy_Bkup, Sales" -r -norus -nospn',
        true,
        'Set msExchPatchMDB TRUE on 4 stores of EXCHVS, so they mount with the data mirrored back',
      ],
    ]);
    await plan.actions[0]?.run(run.context);
    expect(requests.at(-1)).toMatchObject({ direction: 'failback', source: 'EXCHVS', target: 'EXCHVS-DR', setupOnly: true, test: false, noRus: true, noSpn: true });
    expect(requests.at(-1)?.rules).toEqual([{ kind: 'store', sourceGroup: 'Indy', sourceStore: 'Sales', targetGroup: 'Indy_Bkup', targetStore: 'Sales' }, { kind: 'one-to-one' }]);
    expect(run.records.get('exchfailover-setup-failback')).toMatchObject({ engine: { status: 'done', journalFile: join(folder, 'ExchFailover-incident-i42-exchfailover-setup-failback.journal') } });
    expect((await setup.verify(run.context)).map((c) => [c.what, c.ok])).toEqual([
      ['exchfailover -setup -failback -s EXCHVS -t EXCHVS-DR -r "Indy, Sales:Indy_Bkup, Sales" -r -norus -nospn ended done', true],
      ['exchfailover -setup -failback -s EXCHVS -t EXCHVS-DR -r "Indy, Sales:Indy_Bkup, Sales" -r -norus -nospn -test finds nothing left to change', true],
    ]);
    expect((await setup.plan(run.context)).actions[0]?.needed).toBe(false);

    const failback = exchfailoverFailbackStep({ incident: 'i42', runFailover: fakeEngine(0).engine });
    expect((await failback.plan(run.context)).actions.map((a) => a.command)).toEqual(['exchfailover -failback -s EXCHVS -t EXCHVS-DR -r "Indy, Sales:Indy_Bkup, Sales" -r -norus -nospn']);
    expect((await failback.plan(run.context)).findings).toEqual([
      'The overwrite-on-restore flags (msExchPatchMDB) stay set on the stores of EXCHVS and EXCHVS-DR: the utility sets them and never clears them.',
    ]);
  });

  it('do not run the engine while the reverse connection is still there or the target\'s Exchange runs; refuse when the engine cannot plan', async () => {
    const state = fakeState();
    state.target.resources = [resource('Exchange System Attendant', 'Microsoft Exchange System Attendant', 'Online')];
    state.connections = { TGT1: [connection()] };
    const { engine, requests } = fakeEngine(1);
    const setup = exchfailoverSetupFailbackStep({ incident: 'i', runFailover: engine });
    const run = fakeRun(state, { journalFolder: folder });
    const plan = await setup.plan(run.context);
    expect(plan.refusal).toBeUndefined();
    expect(plan.findings[0]).toBe('Not yet: connection 1 on TGT1 (Exchange → 10.0.0.10) is still connected: take "Double-Take Source Connection" offline first (step 8) (steps 6 to 8 see to it before this step runs).');
    await expect(plan.actions[0]?.run(run.context)).rejects.toThrow(
      new FailbackRefusedError('connection 1 on TGT1 (Exchange → 10.0.0.10) is still connected: take "Double-Take Source Connection" offline first (step 8)'),
    );
    state.connections = {};
    await expect(plan.actions[0]?.run(run.context)).rejects.toThrow(/^"Exchange System Attendant" is Online on TGTCLUS: the target's Exchange must be offline/);
    expect(requests.every((r) => r.test)).toBe(true);
    state.connections = { TGT1: [connection({ queuedReplicationBytes: 10 })] };
    await run.context.record('queue-drained', { drainedAt: '2026-11-25T03:10:00.000Z' });
    expect((await setup.plan(run.context)).refusal).toMatch(/^Failback is refused while the queue is not empty: connection 1 on TGT1 .* still has 10 B \(10 bytes\)/);
    state.target.resources = [];
    const broken: RunFailover = async () => {
      throw new Error('cannot pair the stores: database file Sales.edb is not unique on EXCHVS');
    };
    expect((await exchfailoverSetupFailbackStep({ incident: 'i', runFailover: broken }).plan(fakeRun(state).context)).refusal).toBe(
      'exchfailover -setup -failback -s EXCHVS -t EXCHVS-DR -r -test cannot plan: cannot pair the stores: database file Sales.edb is not unique on EXCHVS.',
    );
  });

  it('a run that does not end done fails the step, saying why', async () => {
    const run = fakeRun(fakeState(), { journalFolder: folder });
    const failback = exchfailoverFailbackStep({ incident: 'i', runFailover: fakeEngine(3, 'stopped').engine });
    await expect((await failback.plan(run.context)).actions[0]?.run(run.context)).rejects.toThrow(/^exchfailover ended stopped: the directory refused a change \(journal .*ExchFailover-incident-i-exchfailover-failback\.journal\)\.$/);
    expect((await failback.verify(run.context)).map((c) => c.ok)).toEqual([false, false]);
  });

  it('the runbook passes its incident and engine to both steps', async () => {
    const { engine, requests } = fakeEngine(0);
    const runbook = failbackRunbook({ incident: 'x', runFailover: engine });
    const run = fakeRun(fakeState());
    for (const id of ['exchfailover-setup-failback', 'exchfailover-failback']) await runbook.steps.find((s) => s.id === id)?.verify(run.context);
    expect(requests.map((r) => [r.setupOnly, r.test])).toEqual([
      [true, true],
      [false, true],
    ]);
  });
});

const store = (name: string, mounted: boolean, event?: StoreMount['event']): StoreMount => ({
  server: 'EXCHVS',
  storageGroup: 'First Storage Group',
  store: name,
  dn: `CN=${name}`,
  kind: 'mailbox',
  mounted,
  basis: 'store',
  ...(event === undefined ? {} : { event }),
});

describe('failback step 10: the source group online, its stores mounted', () => {
  it('does not bring the group online before exchfailover -setup -failback completed (a finding in the plan)', async () => {
    const state = fakeState();
    const run = fakeRun(state);
    const plan = await sourceOnlineStep.plan(run.context);
    expect(plan.refusal).toBeUndefined();
    expect(plan.findings[0]).toBe('exchfailover -setup -failback has not completed in this failback yet (step 9 provides it before this step runs).');
    await expect(plan.actions[0]?.run(run.context)).rejects.toThrow(
      new FailbackRefusedError(
        'exchfailover -setup -failback has not completed in this failback: without the overwrite-on-restore flag the source\'s stores would not mount (event 1087), so "Exchange Group" is not brought online.',
      ),
    );
    expect(state.source.commands).toEqual([]);
  });

  it('brings the group online and waits for every store, showing the mount events; times out naming them', async () => {
    const state = fakeState();
    const run = fakeRun(state);
    await run.context.record('exchfailover-setup-failback', { engine: { status: 'done' } });
    state.stores = [store('Mailbox Store (EXCHVS)', false), store('Sales', false, { id: 1087, text: 'cannot be mounted', at: '2026-11-25T03:00:00Z' })];
    let polls = 0;
    state.onSleep = () => {
      polls += 1;
      if (polls === 2) state.stores = state.stores.map((s) => ({ ...s, mounted: true }));
    };
    const plan = await sourceOnlineStep.plan(run.context);
    expect(plan.actions.map((a) => [a.command, a.needed])).toEqual([
      ['cluster SRCCLUS group "Exchange Group" /online', true],
      ['Read the stores of EXCHVS every 2 s until every one is mounted (at most 10 min)', true],
    ]);
    for (const action of plan.actions) await action.run(run.context);
    expect(state.source.commands).toEqual([{ kind: 'group-online', group: 'Exchange Group' }]);
    expect(run.progress.map((p) => p.text)).toEqual([
      '0 of 2 stores mounted; First Storage Group, Mailbox Store (EXCHVS); First Storage Group, Sales: event 1087 cannot be mounted',
      '0 of 2 stores mounted; First Storage Group, Mailbox Store (EXCHVS); First Storage Group, Sales: event 1087 cannot be mounted',
      '2 of 2 stores mounted',
    ]);

    state.stores = [store('Sales', false, { id: 1087, text: 'cannot be mounted', at: '2026-11-25T03:00:00Z' })];
    state.onSleep = undefined;
    await expect(plan.actions[1]?.run(run.context)).rejects.toThrow(
      new RunbookTimeout('Timed out after 10 min waiting for the stores of EXCHVS to mount: 0 of 1 stores mounted; First Storage Group, Sales: event 1087 cannot be mounted.'),
    );
    expect((await sourceOnlineStep.verify(run.context)).map((c) => [c.what, c.ok])).toEqual([
      ['SRCCLUS: "Exchange Group" is online', false],
      ['EXCHVS: First Storage Group, Sales is mounted', false],
    ]);
  });
});

describe('failback step 12: every mailbox opens on the source', () => {
  it('records mailboxes-reachable on the timeline when every one opens', async () => {
    const state = fakeState();
    state.mailboxes = { total: 120, opened: 120, failures: [], method: 'opened' };
    const run = fakeRun(state);
    await (await mailboxesOpenStep.plan(run.context)).actions[0]?.run(run.context);
    expect(run.timeline).toEqual([{ kind: 'mailboxes-reachable', server: 'EXCHVS', count: 120 }]);
    expect(await mailboxesOpenStep.verify(run.context)).toEqual([{ what: 'Every mailbox opens on EXCHVS', ok: true, detail: '120 of 120 mailboxes opened.' }]);
  });

  it('fails naming the mailboxes that do not open, and when none is homed there', async () => {
    const state = fakeState();
    state.mailboxes = { total: 3, opened: 2, failures: [{ mailbox: 'user007', reason: 'its store Sales (Indy) is not mounted' }], method: 'resolved' };
    const run = fakeRun(state);
    const action = (await mailboxesOpenStep.plan(run.context)).actions[0];
    await expect(action?.run(run.context)).rejects.toThrow(
      'Not every mailbox can be opened on EXCHVS: 2 of 3 mailboxes resolved to a mounted store on a running node; user007: its store Sales (Indy) is not mounted.',
    );
    state.mailboxes = { total: 0, opened: 0, failures: [], method: 'opened' };
    await expect(action?.run(run.context)).rejects.toThrow('Not every mailbox can be opened on EXCHVS: no mailbox is homed on its stores.');
    expect(run.timeline).toEqual([]);
  });
});
