import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWizardActions, type WizardActions } from '../../../src-renderer/state/actions';
import {
  failurePulled,
  formatBytes,
  formatDuration,
  labFailureControls,
  selectPrompt,
  selectResumable,
  selectRunCapabilities,
  selectRunShown,
  titleWithAttention,
} from '../../../src-renderer/state/incident-selectors';
import { createWizardStore, type WizardState, type WizardStore } from '../../../src-renderer/state/store';
import { FAKE_TTF } from './fake-incident';
import { createFakeMain, gate, type FakeMain } from './fake-main';
import { untilState } from './store-until';

let main: FakeMain;
let store: WizardStore;
let actions: WizardActions;
let copiedTexts: string[];
let stops: (() => void)[];

const until = (predicate: (s: WizardState) => boolean): Promise<void> => untilState(store, predicate);
const polled = (s: WizardState) => (s.incident.state?.status === 'ready' ? s.incident.state.value : undefined);

beforeEach(async () => {
  main = createFakeMain();
  store = createWizardStore();
  copiedTexts = [];
  stops = [];
  actions = createWizardActions(store, main.client, {
    checkDelayMs: 5,
    writeClipboard: async (text) => {
      copiedTexts.push(text);
    },
  });
  await actions.start();
});

afterEach(() => {
  for (const stop of stops) stop();
});

/** Reads incident.state until the monitor raises the prompt (one second of Time to Fail per read in the fake). */
async function raisePrompt(): Promise<void> {
  await actions.setMonitor(true);
  main.clusterUp = false;
  for (let i = 0; i <= FAKE_TTF && selectPrompt(store.getState()) === undefined; i++) await actions.refreshIncident();
}

describe('the monitor', () => {
  it('counts Time to Fail down while the source is down, then raises the prompt: the title starts with ⚠', async () => {
    await actions.setMonitor(true);
    expect(main.calls).toContain('incident.monitor');
    await actions.refreshIncident();
    expect(polled(store.getState())?.monitor).toMatchObject({ status: 'green', secondsLeft: FAKE_TTF, ttfSeconds: FAKE_TTF });
    main.clusterUp = false;
    await actions.refreshIncident();
    await actions.refreshIncident();
    expect(polled(store.getState())?.monitor).toMatchObject({ status: 'yellow', secondsLeft: FAKE_TTF - 2 });
    expect(titleWithAttention(store.getState(), 'Lab')).toBe('Lab');
    for (let i = 0; i < FAKE_TTF; i++) await actions.refreshIncident();
    const prompt = selectPrompt(store.getState());
    expect(prompt).toMatchObject({ address: '10.0.0.20', name: 'EXCHVS1', secondPathDetail: expect.stringContaining('TGT1') });
    expect(polled(store.getState())?.monitor.status).toBe('raised');
    expect(titleWithAttention(store.getState(), 'Lab')).toBe('⚠ Lab');
  });

  it('polls incident.state on its own, about once per interval, until stopped', async () => {
    const before = main.calls.filter((c) => c === 'incident.state').length;
    stops.push(actions.startIncidentPolling(20));
    await new Promise((resolve) => setTimeout(resolve, 130));
    const during = main.calls.filter((c) => c === 'incident.state').length - before;
    stops.pop()!();
    await new Promise((resolve) => setTimeout(resolve, 60));
    const after = main.calls.filter((c) => c === 'incident.state').length - before;
    expect(during).toBeGreaterThanOrEqual(3);
    expect(after - during).toBeLessThanOrEqual(1);
  });

  it('Stop: the monitor reports stopped', async () => {
    await actions.setMonitor(true);
    await actions.setMonitor(false);
    expect(polled(store.getState())?.monitor.status).toBe('stopped');
    expect(store.getState().incident.monitorBusy).toBe(false);
  });
});

describe('the manual intervention prompt', () => {
  it('"Start failover" answers accepted, opens the failover panel and shows the failover plan', async () => {
    await raisePrompt();
    expect(store.getState().selected?.kind).toBe('step');
    await actions.acceptPrompt();
    expect(main.incident.answers).toEqual([{ kind: 'accepted' }]);
    expect(selectPrompt(store.getState())).toBeUndefined();
    expect(store.getState().selected).toEqual({ kind: 'failover' });
    expect(store.getState().incident.plan).toMatchObject({ status: 'ready', plan: { runbook: 'failover' } });
  });

  it('"Not now" answers declined with the note written, and the prompt goes', async () => {
    await raisePrompt();
    actions.editPromptNote('  the network team is on it  ');
    await actions.declinePrompt();
    expect(main.incident.answers).toEqual([{ kind: 'declined', note: 'the network team is on it' }]);
    expect(selectPrompt(store.getState())).toBeUndefined();
    expect(store.getState().incident.promptNote).toBe('');
    expect(store.getState().selected?.kind).toBe('step');
  });

  it('a refused answer is shown and the prompt stays', async () => {
    await raisePrompt();
    main.incident.prompt = undefined;
    await actions.declinePrompt();
    expect(store.getState().incident.answerError?.code).toBe('incident/no-question');
  });
});

describe('the guided runs', () => {
  it('a plan with a refusal disables Start; a dry run (which changes nothing) may still walk through it', async () => {
    main.incident.refusal = 'The queue on TGT1 is not empty: 4 MB left.';
    await actions.planRunbook('failover');
    const capabilities = selectRunCapabilities(store.getState());
    expect(capabilities.plan?.refused).toBe(true);
    expect(capabilities.plan?.steps.find((s) => s.id === '7.2')?.refusal).toContain('not empty');
    expect(capabilities.canStart).toBe(false);
    expect(capabilities.whyNot).toContain('refuses');
    await actions.startRun(false);
    expect(main.calls).not.toContain('incident.run');
    expect(capabilities.canDryRun).toBe(true);
    await actions.startRun(true);
    expect(main.incident.runRequests).toEqual([{ runbook: 'failover', dryRun: true }]);
    expect(selectRunShown(store.getState())).toMatchObject({ outcome: 'failed', failedStep: '7.2' });
    expect(selectRunShown(store.getState())?.steps.map((s) => s.status)).toEqual(['planned', 'failed', 'pending', 'pending']);
    main.incident.refusal = undefined;
    await actions.planRunbook('failover');
    expect(selectRunCapabilities(store.getState()).canStart).toBe(true);
  });

  it('shows every step with its guide reference, its exact commands (Copy) and the postover.bat script', async () => {
    await actions.planRunbook('failover');
    const plan = selectRunCapabilities(store.getState()).plan!;
    expect(plan.steps.map((s) => s.guide)).toEqual(['7 step 1', '7 step 2', '7 step 3', '7 step 4']);
    expect(plan.script).toContain('exchfailover -failover');
    await actions.copyIncidentText(plan.script!, 'the postover.bat script');
    expect(copiedTexts).toEqual([plan.script]);
    expect(store.getState().incident.copied).toBe('Copied the postover.bat script.');
  });

  it("a run's steps update from its progress, with the log, the series and the outcome", async () => {
    await actions.planRunbook('failover');
    const gates = [gate(), gate(), gate(), gate()];
    let next = 0;
    main.incident.stepGate = () => gates[next++]!.promise;
    const running = actions.startRun(false);
    await until((s) => s.incident.job.status === 'running');
    gates[0]!.open();
    await until((s) => selectRunShown(s)?.steps[0]?.status === 'running');
    expect(selectRunShown(store.getState())?.steps.map((s) => s.status)).toEqual(['running', 'pending', 'pending', 'pending']);
    expect(store.getState().incident.job).toMatchObject({ status: 'running', title: 'Step 7.1: Confirm the source is down' });
    gates[1]!.open();
    await until((s) => selectRunShown(s)?.steps[1]?.status === 'running');
    expect(selectRunShown(store.getState())?.steps.map((s) => s.status)).toEqual(['done', 'running', 'pending', 'pending']);
    expect(selectRunCapabilities(store.getState()).canStart).toBe(false);
    gates[2]!.open();
    gates[3]!.open();
    await running;
    const run = selectRunShown(store.getState())!;
    expect(run).toMatchObject({ outcome: 'succeeded', running: false });
    expect(run.steps.every((s) => s.status === 'done')).toBe(true);
    expect(run.series.length).toBeGreaterThan(1);
    expect(run.series.at(-1)?.bytes).toBe(0);
    expect(store.getState().incident.log.map((l) => l.line)).toContain('TGTCLUS: cluster TGTCLUS group "Exchange Group" /online');
    expect(polled(store.getState())?.lastIncident?.measures.recoveryTimeSeconds).toBe(95);
    // The plan is read again after the run: what Start offers next is the world as it is now.
    expect(main.calls.filter((c) => c === 'incident.plan')).toHaveLength(2);
    expect(store.getState().incident.plan.status).toBe('ready');
  });

  it('a dry run marks each step planned and changes nothing', async () => {
    await actions.planRunbook('failover');
    await actions.startRun(true);
    expect(main.incident.runRequests).toEqual([{ runbook: 'failover', dryRun: true }]);
    expect(selectRunShown(store.getState())?.steps.every((s) => s.status === 'planned')).toBe(true);
  });

  it('the downtime question sends the time typed as HH:MM, and refuses another shape without sending it', async () => {
    stops.push(actions.startIncidentPolling(10));
    await actions.planRunbook('failback');
    const running = actions.startRun(false);
    await until((s) => polled(s)?.run?.question?.kind === 'downtime');
    actions.editDowntime('2:30');
    await actions.scheduleDowntime();
    expect(store.getState().incident.inputProblem).toContain('HH:MM');
    expect(main.incident.answers).toEqual([]);
    actions.editDowntime('02:30');
    expect(store.getState().incident.inputProblem).toBeUndefined();
    await actions.scheduleDowntime();
    expect(main.incident.answers).toEqual([{ kind: 'scheduled', at: '02:30' }]);
    await running;
    const run = selectRunShown(store.getState())!;
    expect(run.outcome).toBe('succeeded');
    expect(run.steps[0]).toMatchObject({ id: '8.1', status: 'done', detail: 'Downtime at 02:30' });
  });

  it('the guard question needs a reason before accepting; declining needs none', async () => {
    main.incident.failoverQuestion = { kind: 'guard', text: 'A failback ended 5 minutes ago: give the reason for failing over again.' };
    stops.push(actions.startIncidentPolling(10));
    await actions.planRunbook('failover');
    const running = actions.startRun(false);
    await until((s) => polled(s)?.run?.question?.kind === 'guard');
    await actions.answerQuestion('accepted');
    expect(store.getState().incident.inputProblem).toContain('reason');
    expect(main.incident.answers).toEqual([]);
    actions.editQuestionNote('the source lost both disks');
    await actions.answerQuestion('accepted');
    expect(main.incident.answers).toEqual([{ kind: 'accepted', note: 'the source lost both disks' }]);
    await running;
    expect(selectRunShown(store.getState())?.outcome).toBe('succeeded');
  });

  it('Cancel asks the job to stop and the run ends cancelled, the steps not run marked cancelled', async () => {
    await actions.planRunbook('failover');
    const first = gate();
    const second = gate();
    const gates = [first, second];
    let next = 0;
    main.incident.stepGate = () => gates[next++]?.promise ?? Promise.resolve();
    const running = actions.startRun(false);
    first.open();
    await until((s) => selectRunShown(s)?.steps[0]?.status === 'running');
    expect(selectRunCapabilities(store.getState()).canCancel).toBe(true);
    await actions.cancelRun();
    expect(store.getState().incident.job).toMatchObject({ status: 'running', cancelRequested: true });
    expect(selectRunCapabilities(store.getState()).canCancel).toBe(false);
    second.open();
    await running;
    expect(selectRunShown(store.getState())?.outcome).toBe('cancelled');
    expect(selectRunShown(store.getState())?.steps.slice(1).every((s) => s.status === 'cancelled')).toBe(true);
  });

  it('Resume continues the last run when it stopped before it ended', async () => {
    main.incident.run = {
      incident: 'inc-1',
      runbook: 'failover',
      dryRun: false,
      running: false,
      by: 'operator',
      host: 'WORKSTATION',
      startedAt: new Date().toISOString(),
      steps: [
        { id: '7.1', title: 'Confirm the source is down', guide: '7 step 1', status: 'done' },
        { id: '7.2', title: 'Let the queue drain', guide: '7 step 2', status: 'running' },
        { id: '7.3', title: 'Move the mailboxes', guide: '7 step 3', status: 'pending' },
        { id: '7.4', title: 'Bring the group online', guide: '7 step 4', status: 'pending' },
      ],
      series: [],
    };
    await actions.refreshIncident();
    expect(selectResumable(store.getState())?.runbook).toBe('failover');
    await actions.resumeRun();
    expect(main.incident.runRequests).toEqual([{ runbook: 'failover', dryRun: false, resume: true }]);
    expect(selectRunShown(store.getState())?.outcome).toBe('succeeded');
    expect(selectResumable(store.getState())).toBeUndefined();
  });

  it('a run refused by the main process shows its error (the guard reason needed) and sends the reason given', async () => {
    await actions.planRunbook('failover');
    actions.editReason('  flapping ruled out by the network team ');
    await actions.startRun(false);
    expect(main.incident.runRequests[0]).toEqual({ runbook: 'failover', dryRun: false, reason: 'flapping ruled out by the network team' });
  });
});

describe('the lab panel failures', () => {
  it('offers the source, the target, the link, a split and each node', () => {
    const keys = labFailureControls(store.getState()).map((c) => c.key);
    expect(keys).toEqual(['source', 'target', 'link', 'split', 'node SRC1', 'node SRC2', 'node TGT1', 'node TGT2']);
  });

  it('each control pulls and restores its own failure, and the panel shows what is pulled now', async () => {
    for (const control of labFailureControls(store.getState())) {
      await actions.labFailure(control.failure, false);
      expect(main.incident.failureRequests.at(-1)).toEqual({ failure: control.failure, restore: false });
      expect(failurePulled(store.getState(), control)).toBe(true);
      await actions.labFailure(control.failure, true);
      expect(main.incident.failureRequests.at(-1)).toEqual({ failure: control.failure, restore: true });
      expect(failurePulled(store.getState(), control)).toBe(false);
    }
    expect(store.getState().labFailure).toMatchObject({ busy: undefined, error: undefined, failures: [], message: 'Restored: node TGT2.' });
  });

  it('the failures pulled before the window opened are shown from the first read of the state', async () => {
    main.incident.failures.add('link');
    await actions.refreshIncident();
    expect(store.getState().labFailure.failures).toEqual(['link']);
    const link = labFailureControls(store.getState()).find((c) => c.key === 'link');
    expect(link !== undefined && failurePulled(store.getState(), link)).toBe(true);
    main.incident.failures.delete('link');
  });

  it('pulling a node shows it down in the clusters; a refusal is shown and changes nothing', async () => {
    await actions.labFailure({ kind: 'node', node: 'TGT1' }, false);
    const clusters = store.getState().lab.clusters;
    const tgt1 = clusters?.status === 'ready' ? clusters.value.flatMap((c) => c.nodes).find((n) => n.name === 'TGT1') : undefined;
    expect(tgt1?.up).toBe(false);
    await actions.labFailure({ kind: 'node', node: 'TGT1' }, false);
    expect(store.getState().labFailure.error?.code).toBe('lab/failure');
    expect(store.getState().labFailure.failures).toEqual(['node TGT1']);
  });
});

describe('the failures the lab names', () => {
  it('match their control in the lab\'s words, whatever follows ("source (since …)"), and no other node', () => {
    const controls = labFailureControls(store.getState());
    const source = controls.find((c) => c.key === 'source')!;
    const src1 = controls.find((c) => c.key === 'node SRC1')!;
    expect(failurePulled(store.getState(), source)).toBeUndefined();
    store.setState({ labFailure: { busy: undefined, failures: ['source (since 2026-12-08T03:50:09.397Z)', 'node SRC10'], message: undefined, error: undefined } });
    expect(failurePulled(store.getState(), source)).toBe(true);
    expect(failurePulled(store.getState(), src1)).toBe(false);
  });
});

describe('words', () => {
  it('durations and byte counts', () => {
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(7620)).toBe('2 h 07 min');
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(3_400_000)).toBe('3.4 MB');
  });
});
