import { beforeEach, describe, expect, it } from 'vitest';
import { createWizardActions, type WizardActions } from '../../../src-renderer/state/actions';
import {
  groupStepsBySection,
  selectClusterHealth,
  selectStepCapabilities,
  stepDepth,
  validateGroupForm,
  visibleFieldError,
} from '../../../src-renderer/state/selectors';
import { createWizardStore, type WizardStore } from '../../../src-renderer/state/store';
import { createFakeMain, gate, type FakeMain } from './fake-main';

let main: FakeMain;
let store: WizardStore;
let actions: WizardActions;

/** Resolves when the store reaches a state (job events arrive outside any awaited call). */
function until(predicate: (s: ReturnType<WizardStore['getState']>) => boolean): Promise<void> {
  if (predicate(store.getState())) return Promise.resolve();
  return new Promise((resolve) => {
    const off = store.subscribe((s) => {
      if (predicate(s)) {
        off();
        resolve();
      }
    });
  });
}

beforeEach(() => {
  main = createFakeMain();
  store = createWizardStore();
  actions = createWizardActions(store, main.client);
});

async function openGroupStep(): Promise<void> {
  await actions.start();
  await actions.selectStep('4.2.1');
}

describe('the wizard store', () => {
  it('starts with the environment, every step, the first step open and the lab clusters', async () => {
    await actions.start();
    const s = store.getState();
    expect(s.environment).toMatchObject({ status: 'ready', value: { kind: 'lab', sourceCluster: 'SRCCLUS' } });
    expect(s.steps.status === 'ready' && s.steps.value.map((x) => x.id)).toEqual(['3', '4.1', '4.2.1', '5.1']);
    expect(s.selected).toEqual({ kind: 'step', stepId: '3' });
    expect(s.current?.detail.status).toBe('ready');
    expect(s.current?.draft).toBeUndefined();
    expect(selectClusterHealth(s, 'SRCCLUS')).toMatchObject({ known: true, up: true });
    expect(selectStepCapabilities(s).canPreview).toBe(false);
  });

  it('does not ask for lab clusters in a real environment', async () => {
    main = createFakeMain({ kind: 'real', labFolder: undefined });
    store = createWizardStore();
    actions = createWizardActions(store, main.client);
    await actions.start();
    expect(main.calls).not.toContain('lab.clusters');
    expect(selectClusterHealth(store.getState(), 'SRCCLUS')).toEqual({ known: false });
  });

  it('shows a field error only once the field is left, with the contract’s message', async () => {
    await openGroupStep();
    actions.editDraft('name', 'Bad "name"');
    expect(visibleFieldError(store.getState(), 'name')).toBeUndefined();
    actions.touchField('name');
    expect(visibleFieldError(store.getState(), 'name')).toBe('A group name cannot contain quotes, tabs or line breaks.');
    actions.editDraft('name', 'Exchange Group');
    expect(visibleFieldError(store.getState(), 'name')).toBeUndefined();
  });

  it('an invalid form previews nothing and shows every error', async () => {
    await openGroupStep();
    await actions.preview();
    expect(main.calls).not.toContain('step.plan');
    expect(visibleFieldError(store.getState(), 'name')).toBe('Enter a group name.');
    expect(selectStepCapabilities(store.getState()).canApply).toBe(false);
    await actions.apply();
    expect(main.calls).not.toContain('step.apply');
  });

  it('previews, applies as a job with progress, verifies, and marks the step done', async () => {
    await openGroupStep();
    actions.editDraft('name', '  Exchange Group ');
    actions.editDraft('description', 'Exchange virtual server');
    expect(selectStepCapabilities(store.getState()).canApply).toBe(false);
    await actions.preview();
    const plan = store.getState().current?.plan;
    expect(plan?.status === 'ready' && plan.plan.actions[0]).toMatchObject({ command: 'cluster SRCCLUS group "Exchange Group" /create', needed: true });
    expect(selectStepCapabilities(store.getState()).canApply).toBe(true);

    const held = gate();
    main.applyGate = held.promise;
    const applying = actions.apply();
    await until((s) => s.current?.job.status === 'running' && s.current.job.value === 0.25);
    expect(store.getState().current?.job).toMatchObject({ title: 'Creating the group' });
    expect(selectStepCapabilities(store.getState())).toMatchObject({ canApply: false, canPreview: false, canEdit: false, canCancel: true });
    held.open();
    await applying;

    const s = store.getState();
    expect(s.current?.job.status).toBe('idle');
    expect(s.current?.verification).toMatchObject({ status: 'ready', value: { ok: true } });
    expect(s.steps.status === 'ready' && s.steps.value.find((x) => x.id === '4.2.1')?.state).toBe('done');
    expect(s.current?.detail).toMatchObject({ status: 'ready', value: { savedInput: true, summary: { state: 'done' } } });
  });

  it('editing the form after a preview drops the plan, so Apply needs a new preview', async () => {
    await openGroupStep();
    actions.editDraft('name', 'Exchange Group');
    await actions.preview();
    actions.editDraft('name', 'Other Group');
    expect(store.getState().current?.plan.status).toBe('idle');
    expect(selectStepCapabilities(store.getState()).canApply).toBe(false);
  });

  it('cancels a running job', async () => {
    await openGroupStep();
    actions.editDraft('name', 'Exchange Group');
    await actions.preview();
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

  it('a refused apply keeps what the user typed and shows the error', async () => {
    await openGroupStep();
    await actions.setPower('SRCCLUS', false);
    expect(selectClusterHealth(store.getState(), 'SRCCLUS')).toMatchObject({ known: true, up: false });
    actions.editDraft('name', 'Exchange Group');
    await actions.preview();
    await actions.apply();
    const current = store.getState().current;
    expect(current?.job).toMatchObject({ status: 'failed', error: { code: 'setup/cluster-refused' } });
    expect(current?.draft?.name).toBe('Exchange Group');
  });

  it('after a restart, a done step shows done with its saved input', async () => {
    await openGroupStep();
    actions.editDraft('name', 'Exchange Group');
    actions.editDraft('description', 'EXCHVS');
    await actions.preview();
    await actions.apply();

    const again = createWizardStore();
    const againActions = createWizardActions(again, main.client);
    await againActions.start();
    await againActions.selectStep('4.2.1');
    const s = again.getState();
    expect(s.current?.draft).toEqual({ name: 'Exchange Group', description: 'EXCHVS' });
    expect(s.current?.detail).toMatchObject({ status: 'ready', value: { summary: { state: 'done' }, savedInput: true } });
    expect(selectStepCapabilities(s).canVerify).toBe(true);
    await againActions.verify();
    expect(again.getState().current?.verification).toMatchObject({ status: 'ready', value: { ok: true } });
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
    await openGroupStep();
    actions.editDraft('name', 'Exchange Group');
    actions.connectionLost();
    expect(selectStepCapabilities(store.getState()).canPreview).toBe(false);
  });
});

describe('selectors', () => {
  it('validates the 4.2.1 form with the contract’s schema', () => {
    expect(validateGroupForm({ name: ' Exchange Group ', description: '' })).toEqual({ ok: true, form: { name: 'Exchange Group', description: '' } });
    expect(validateGroupForm({ name: '', description: 'a\nb' })).toEqual({
      ok: false,
      errors: { name: 'Enter a group name.', description: 'A description cannot contain quotes or line breaks.' },
    });
    expect(validateGroupForm({ name: 'x'.repeat(65), description: '' })).toMatchObject({ ok: false, errors: { name: 'A group name can be at most 64 characters.' } });
  });

  it('groups steps by section and indents by depth', () => {
    const steps = [
      { id: '3', section: 'A' },
      { id: '4.1', section: 'B' },
      { id: '4.2.1', section: 'B' },
    ].map((s) => ({ ...s, title: s.id, cluster: 'none' as const, automated: false, state: 'not-started' as const }));
    expect(groupStepsBySection(steps).map((g) => [g.section, g.steps.map((s) => s.id)])).toEqual([
      ['A', ['3']],
      ['B', ['4.1', '4.2.1']],
    ]);
    expect(['3', '4.1', '4.2.1'].map(stepDepth)).toEqual([0, 1, 2]);
  });
});
