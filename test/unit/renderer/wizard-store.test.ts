import { beforeEach, describe, expect, it } from 'vitest';
import { createWizardActions, type WizardActions } from '../../../src-renderer/state/actions';
import {
  groupStepsBySection,
  selectClusterHealth,
  selectPrerequisites,
  selectStepCapabilities,
  stepDepth,
} from '../../../src-renderer/state/selectors';
import { createWizardStore, type WizardState, type WizardStore } from '../../../src-renderer/state/store';
import { FAKE_HANDWORK, createFakeMain, gate, type FakeMain } from './fake-main';
import { untilState } from './store-until';

let main: FakeMain;
let store: WizardStore;
let actions: WizardActions;
let copiedTexts: string[];

const until = (predicate: (s: WizardState) => boolean): Promise<void> => untilState(store, predicate);

function build(environment: Parameters<typeof createFakeMain>[0] = {}): void {
  main = createFakeMain(environment);
  store = createWizardStore();
  copiedTexts = [];
  actions = createWizardActions(store, main.client, {
    checkDelayMs: 5,
    writeClipboard: async (text) => {
      copiedTexts.push(text);
    },
  });
}

beforeEach(() => build());

const navState = (id: string): string | undefined => {
  const steps = store.getState().steps;
  return steps.status === 'ready' ? steps.value.find((s) => s.id === id)?.state : undefined;
};

async function open(stepId: string): Promise<void> {
  await actions.start();
  await actions.selectStep(stepId);
}

describe('the wizard store: steps', () => {
  it('starts with the environment, every step, the pair document, the first step open and the lab clusters', async () => {
    await actions.start();
    const s = store.getState();
    expect(s.environment).toMatchObject({ status: 'ready', value: { kind: 'lab', sourceCluster: 'SRCCLUS' } });
    expect(s.steps.status === 'ready' && s.steps.value.map((x) => x.id)).toEqual(['3', '4.2.1', '4.2.2', '5.1', '6']);
    expect(s.pair).toMatchObject({ status: 'ready', value: { path: '/tmp/lab/pair.json', problems: [] } });
    expect(s.selected).toEqual({ kind: 'step', stepId: '3' });
    expect(s.current?.detail).toMatchObject({ status: 'ready', value: { summary: { state: 'done-by-hand', kind: 'manual' } } });
    expect(selectClusterHealth(s, 'SRCCLUS')).toMatchObject({ known: true, up: true });
  });

  it('does not ask for lab clusters in a real environment', async () => {
    build({ kind: 'real', labFolder: undefined });
    await actions.start();
    expect(main.calls).not.toContain('lab.clusters');
    expect(selectClusterHealth(store.getState(), 'SRCCLUS')).toEqual({ known: false });
  });

  it('never offers Apply on a manual step, and says why', async () => {
    await open('3');
    const can = selectStepCapabilities(store.getState());
    expect(can.canApply).toBe(false);
    expect(can.applyBlockers.join(' ')).toMatch(/confirm it with a note/);
    await actions.apply();
    expect(main.calls).not.toContain('step.apply');
  });

  it('lists the prerequisites with their states and keeps Apply disabled with the reason until they are met', async () => {
    await open('4.2.2');
    expect(selectPrerequisites(store.getState(), '4.2.2')).toEqual([{ id: '4.2.1', title: 'Create the Exchange group', state: 'not-started', met: false }]);
    await actions.plan();
    const can = selectStepCapabilities(store.getState());
    expect(can.canApply).toBe(false);
    expect(can.applyBlockers).toEqual(['Needs 4.2.1 Create the Exchange group (not started) verified or done by hand first.']);
    await actions.apply();
    expect(main.calls).not.toContain('step.apply');
  });

  it('needs a plan before Apply', async () => {
    await open('4.2.1');
    expect(selectStepCapabilities(store.getState())).toMatchObject({ canApply: false, applyBlockers: ['Plan the step first, to see what Apply will change.'] });
    await actions.apply();
    expect(main.calls).not.toContain('step.apply');
  });

  it('plans, applies as a job with progress and a live log, verifies, and the nav shows verified', async () => {
    await open('4.2.1');
    await actions.plan();
    const plan = store.getState().current?.plan;
    expect(plan).toMatchObject({ status: 'ready', fresh: true, plan: { actions: [{ command: 'cluster SRCCLUS group "Exchange Group" /create', needed: true }, { needed: false }] } });
    expect(navState('4.2.1')).toBe('planned');
    expect(selectStepCapabilities(store.getState()).canApply).toBe(true);

    const held = gate();
    main.applyGate = held.promise;
    const applying = actions.apply();
    await until((s) => s.current?.job.status === 'running' && s.current.job.value === 0.25 && s.current.log.length === 1);
    expect(store.getState().current?.job).toMatchObject({ title: 'Creating the group', description: 'cluster SRCCLUS group "Exchange Group" /create' });
    expect(store.getState().current?.log).toEqual([{ level: 'info', line: 'SRCCLUS: cluster SRCCLUS group "Exchange Group" /create' }]);
    expect(selectStepCapabilities(store.getState())).toMatchObject({ canApply: false, canPlan: false, canVerify: false, canCancel: true });
    held.open();
    await applying;

    const s = store.getState();
    expect(s.current?.job.status).toBe('idle');
    expect(s.current?.log.map((l) => l.line)).toEqual(['SRCCLUS: cluster SRCCLUS group "Exchange Group" /create', 'OK: Group "Exchange Group" exists on SRCCLUS']);
    expect(s.current?.verification).toMatchObject({ status: 'ready', value: { ok: true, checks: [{ ok: true }] } });
    expect(navState('4.2.1')).toBe('verified');
    expect(main.groups.has('Exchange Group')).toBe(true);
    // 4.2.2's prerequisite is met now.
    expect(selectPrerequisites(s, '4.2.2')[0]).toMatchObject({ met: true, state: 'verified' });
  });

  it('Apply carries the digest of the plan shown; when the world changed meanwhile, nothing runs and the new plan shows what changed', async () => {
    await open('4.2.1');
    await actions.plan();
    const seen = store.getState().current?.plan;
    if (seen?.status !== 'ready') throw new Error('no plan');
    // The group is created outside the program after the plan was shown.
    main.groups.add('Exchange Group');
    await actions.apply();
    expect(main.appliedDigests).toEqual([seen.plan.digest]);
    const s = store.getState();
    expect(s.current?.job.status).toBe('idle');
    expect(s.current?.verification).toBeUndefined();
    expect(s.current?.planChange).toMatchObject({ known: true, pairChanged: false, neededChanged: [{ command: 'cluster SRCCLUS group "Exchange Group" /create', needed: false }] });
    expect(s.current?.plan).toMatchObject({ status: 'ready', fresh: true, plan: { actions: [{ needed: false }, { needed: false }] } });
    expect(navState('4.2.1')).toBe('planned');
    // Apply is offered again, for the new plan; it runs, and the change note goes.
    expect(selectStepCapabilities(s).canApply).toBe(true);
    await actions.apply();
    const newDigest = s.current?.plan.status === 'ready' ? s.current.plan.plan.digest : '';
    expect(main.appliedDigests).toEqual([seen.plan.digest, newDigest]);
    expect(store.getState().current).toMatchObject({ planChange: undefined, verification: { status: 'ready', value: { ok: true } } });
    expect(navState('4.2.1')).toBe('verified');
  });

  it('a new plan clears what Apply said had changed', async () => {
    await open('4.2.1');
    await actions.plan();
    main.groups.add('Exchange Group');
    await actions.apply();
    expect(store.getState().current?.planChange).toBeDefined();
    await actions.plan();
    expect(store.getState().current?.planChange).toBeUndefined();
  });

  it('cancels a running job', async () => {
    await open('4.2.1');
    await actions.plan();
    const held = gate();
    main.applyGate = held.promise;
    const applying = actions.apply();
    await until((s) => s.current?.job.status === 'running' && s.current.job.value > 0);
    await actions.cancel();
    expect(store.getState().current?.job).toMatchObject({ status: 'running', cancelRequested: true });
    expect(selectStepCapabilities(store.getState()).canCancel).toBe(false);
    held.open();
    await applying;
    expect(store.getState().current?.job.status).toBe('cancelled');
    expect(main.groups.size).toBe(0);
  });

  it('a refused apply shows the error and the failed state', async () => {
    await open('4.2.1');
    await actions.setPower('SRCCLUS', false);
    expect(selectClusterHealth(store.getState(), 'SRCCLUS')).toMatchObject({ known: true, up: false });
    await actions.plan();
    await actions.apply();
    expect(store.getState().current?.job).toMatchObject({ status: 'failed', error: { code: 'setup/cluster-refused' } });
    expect(navState('4.2.1')).toBe('failed');
  });

  it('after a restart, a step shows its last plan and verification from the main process', async () => {
    await open('4.2.1');
    await actions.plan();
    await actions.apply();

    const again = createWizardStore();
    const againActions = createWizardActions(again, main.client);
    await againActions.start();
    await againActions.selectStep('4.2.1');
    const s = again.getState();
    expect(s.current?.plan).toMatchObject({ status: 'ready', fresh: false, plan: { stepId: '4.2.1' } });
    expect(s.current?.verification).toMatchObject({ status: 'ready', value: { ok: true } });
    expect(s.current?.detail).toMatchObject({ status: 'ready', value: { summary: { state: 'verified' } } });
    // The remembered plan is enough for Apply, which carries its digest (and runs only a plan with that digest).
    expect(selectStepCapabilities(s).canApply).toBe(true);
    await againActions.apply();
    expect(main.appliedDigests.at(-1)).toBe(s.current?.plan.status === 'ready' ? s.current.plan.plan.digest : 'none');
  });

  it('verify asks the main process and updates the nav', async () => {
    await open('5.1');
    await actions.verify();
    expect(store.getState().current?.verification).toMatchObject({ status: 'ready', value: { ok: false, checks: [{ ok: false, detail: 'no such group' }] } });
    expect(navState('5.1')).toBe('failed');
  });

  it('marks a step done by hand with a note of at least 3 characters', async () => {
    await open('4.2.1');
    actions.editNote('  x ');
    expect(selectStepCapabilities(store.getState()).canMarkDone).toBe(false);
    await actions.markDone();
    expect(main.calls).not.toContain('step.markDone');
    actions.editNote('Created in Cluster Administrator by J. Smith');
    await actions.markDone();
    expect(main.calls).toContain('step.markDone');
    expect(navState('4.2.1')).toBe('done-by-hand');
    expect(store.getState().current).toMatchObject({ note: '', detail: { value: { summary: { note: 'Created in Cluster Administrator by J. Smith' } } } });
  });

  it('confirms the part of step 6 only the administrator can do, then verifies again; the step is not done by hand', async () => {
    await open('4.2.1');
    await actions.plan();
    await actions.apply();
    await actions.selectStep('6');
    expect(store.getState().current?.detail).toMatchObject({ status: 'ready', value: { handwork: { what: FAKE_HANDWORK } } });
    await actions.plan();
    await actions.apply();
    expect(store.getState().current?.verification).toMatchObject({ status: 'ready', value: { ok: false, checks: [{ ok: true }, { ok: false, detail: 'Not confirmed yet.' }] } });
    expect(navState('6')).toBe('failed');

    actions.editHandworkNote(' x ');
    expect(selectStepCapabilities(store.getState()).canConfirmHandwork).toBe(false);
    await actions.confirmHandwork();
    expect(main.calls).not.toContain('step.confirm');
    actions.editHandworkNote('Entered on TGT1 and TGT2 by J. Admin');
    expect(selectStepCapabilities(store.getState()).canConfirmHandwork).toBe(true);
    await actions.confirmHandwork();
    expect(main.calls.lastIndexOf('step.verify')).toBe(main.calls.indexOf('step.confirm') + 1);
    const s = store.getState();
    expect(s.current).toMatchObject({
      handworkNote: '',
      handwork: { status: 'idle' },
      detail: { value: { handwork: { confirmation: { note: 'Entered on TGT1 and TGT2 by J. Admin' } } } },
      verification: { status: 'ready', value: { ok: true } },
    });
    expect(navState('6')).toBe('verified');
    // A step without such a part offers no confirmation of one.
    await actions.selectStep('4.2.1');
    actions.editHandworkNote('Entered on TGT1 and TGT2');
    expect(selectStepCapabilities(store.getState()).canConfirmHandwork).toBe(false);
  });

  it('copies a command and announces it', async () => {
    await open('4.2.1');
    await actions.plan();
    await actions.copy('cluster SRCCLUS group "Exchange Group" /create', 'command 1');
    expect(copiedTexts).toEqual(['cluster SRCCLUS group "Exchange Group" /create']);
    expect(store.getState().current?.copied).toBe('Copied command 1.');
  });

  it('says when the clipboard refuses', async () => {
    main = createFakeMain();
    store = createWizardStore();
    actions = createWizardActions(store, main.client, { writeClipboard: () => Promise.reject(new Error('denied')) });
    await open('4.2.1');
    await actions.copy('x', 'every command');
    expect(store.getState().current?.copied).toMatch(/^Could not copy every command/);
  });

  it('drops an answer for a step the user has left', async () => {
    await actions.start();
    const loading = actions.selectStep('4.2.1');
    actions.selectFailover();
    await loading;
    expect(store.getState().selected).toEqual({ kind: 'failover' });
    expect(store.getState().current).toBeUndefined();
  });

  it('a lost connection stops every action', async () => {
    await open('4.2.1');
    await actions.plan();
    actions.connectionLost();
    expect(selectStepCapabilities(store.getState())).toMatchObject({ canPlan: false, canApply: false, canVerify: false });
  });
});

describe('selectors', () => {
  it('groups steps by section and indents by depth', () => {
    const steps = [
      { id: '3', section: 'A' },
      { id: '4.1', section: 'B' },
      { id: '4.2.1', section: 'B' },
    ].map((s) => ({ ...s, title: s.id, cluster: 'none' as const, kind: 'automated' as const, state: 'not-started' as const, requires: [] }));
    expect(groupStepsBySection(steps).map((g) => [g.section, g.steps.map((s) => s.id)])).toEqual([
      ['A', ['3']],
      ['B', ['4.1', '4.2.1']],
    ]);
    expect(['3', '4.1', '4.2.1'].map(stepDepth)).toEqual([0, 1, 2]);
  });
});
