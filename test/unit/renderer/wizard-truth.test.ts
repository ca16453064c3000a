import { beforeEach, describe, expect, it } from 'vitest';
import { groupsOfStep } from '../../../src-renderer/pair/pair-fields';
import { createWizardActions, type WizardActions } from '../../../src-renderer/state/actions';
import {
  labelledMessage,
  selectFieldLabels,
  selectFieldProblem,
  selectFieldlessProblems,
  selectPairClusterNames,
  selectPairProblemSummary,
  selectPrerequisites,
  selectProblemFieldsElsewhere,
  selectStepCapabilities,
  stepStateText,
} from '../../../src-renderer/state/selectors';
import { createWizardStore, type WizardStore } from '../../../src-renderer/state/store';
import { createFakeMain, type FakeMain } from './fake-main';

/**
 * The wizard tells the truth: the step list, the headings, the plan and the verification on screen follow the pair
 * document open now and the last thing that ran; problems are named by their fields' labels, once, and only once
 * the user has touched a field or pressed Save.
 */

let main: FakeMain;
let store: WizardStore;
let actions: WizardActions;

const summaryOf = (id: string) => {
  const steps = store.getState().steps;
  return steps.status === 'ready' ? steps.value.find((s) => s.id === id) : undefined;
};
const current = () => store.getState().current!;

beforeEach(async () => {
  main = createFakeMain();
  store = createWizardStore();
  actions = createWizardActions(store, main.client, { checkDelayMs: 5 });
  await actions.start();
});

async function verified(stepId: string): Promise<void> {
  await actions.selectStep(stepId);
  await actions.plan();
  await actions.apply();
  expect(summaryOf(stepId)?.state).toBe('verified');
}

describe('steps verified under another pair document', () => {
  it('say "Recheck (was verified)" after New, and the page drops that document’s plan and verification', async () => {
    await verified('4.2.1');
    expect(current().plan.status).toBe('ready');
    expect(current().verification?.status).toBe('ready');

    await actions.newPairFile('/tmp/lab/new.json');
    expect(summaryOf('4.2.1')).toMatchObject({ state: 'needs-recheck', recheckOf: 'verified' });
    expect(stepStateText('needs-recheck', summaryOf('4.2.1')?.recheckOf)).toBe('Recheck (was verified)');
    // The step on screen shows nothing made with the other document.
    expect(current().stepId).toBe('4.2.1');
    expect(current().plan).toEqual({ status: 'idle' });
    expect(current().verification).toBeUndefined();
    expect(current().detail).toMatchObject({ status: 'ready', value: { summary: { state: 'needs-recheck' } } });
    // The steps that need it wait for it again; its state is named in words.
    expect(selectPrerequisites(store.getState(), '4.2.2')).toEqual([
      { id: '4.2.1', title: 'Create the Exchange group', state: 'needs-recheck', recheckOf: 'verified', met: false },
    ]);
    await actions.selectStep('4.2.2');
    await actions.plan();
    expect(selectStepCapabilities(store.getState()).applyBlockers).toContain(
      'Needs 4.2.1 Create the Exchange group (needs rechecking) verified or done by hand first.',
    );
  });

  it('does not adopt the remembered plan and verification of a step that needs rechecking when its page opens', async () => {
    await verified('4.2.1');
    await actions.selectStep('5.1');
    actions.editPairField(['source', 'group', 'description'], 'Moved to the new SAN');
    await actions.savePair();
    await actions.selectStep('4.2.1');
    expect(current().detail).toMatchObject({ status: 'ready', value: { summary: { state: 'needs-recheck', recheckOf: 'verified' } } });
    expect(current().plan).toEqual({ status: 'idle' });
    expect(current().verification).toBeUndefined();
  });

  it('reads the environment again after the document changes, and the headings name the document’s clusters', async () => {
    const before = main.calls.filter((c) => c === 'environment.describe').length;
    expect(selectPairClusterNames(store.getState())).toEqual({ source: 'SRCCLUS', target: 'TGTCLUS' });
    actions.editPairField(['source', 'cluster', 'name'], 'NEWSRC');
    // The form's headings follow the draft; the step's heading follows the saved file it works from.
    expect(selectPairClusterNames(store.getState(), 'draft')).toEqual({ source: 'NEWSRC', target: 'TGTCLUS' });
    expect(selectPairClusterNames(store.getState())).toEqual({ source: 'SRCCLUS', target: 'TGTCLUS' });
    await actions.savePair();
    expect(selectPairClusterNames(store.getState())).toEqual({ source: 'NEWSRC', target: 'TGTCLUS' });
    expect(main.calls.filter((c) => c === 'environment.describe').length).toBe(before + 1);
  });

  it('names no cluster for a document that names none', async () => {
    actions.editPairField(['source', 'cluster', 'name'], '  ');
    expect(selectPairClusterNames(store.getState(), 'draft')).toEqual({ source: '', target: 'TGTCLUS' });
  });
});

describe('what the step page shows after Plan, Apply and Verify', () => {
  it('after Apply the plan is made again: every change in place, the verification of that Apply kept', async () => {
    await actions.selectStep('4.2.1');
    await actions.plan();
    const plan = current().plan;
    expect(plan.status === 'ready' && plan.plan.actions.filter((a) => a.needed).length).toBe(1);
    await actions.apply();
    const after = current().plan;
    expect(after.status === 'ready' && after.fresh && after.plan.actions.every((a) => !a.needed)).toBe(true);
    expect(current().verification).toMatchObject({ status: 'ready', value: { ok: true } });
  });

  it('drops an earlier verification and Apply failure when Plan shows another plan; keeps them for the same plan', async () => {
    await actions.selectStep('4.2.1');
    await actions.setPower('SRCCLUS', false);
    await actions.plan();
    await actions.apply();
    expect(current().job).toMatchObject({ status: 'failed' });
    await actions.verify();
    // Verify replaces the Apply failure with the check made now.
    expect(current().job).toEqual({ status: 'idle' });
    expect(current().verification).toMatchObject({ status: 'ready', value: { ok: false } });
    // The same plan again: the verification shown still holds.
    await actions.plan();
    expect(current().verification).toMatchObject({ status: 'ready', value: { ok: false } });
    // The world changed (the group is there now): another plan, and the old failed checks go.
    main.groups.add('Exchange Group');
    await actions.plan();
    expect(current().verification).toBeUndefined();
  });

  it('drops an Apply failure when Plan shows another plan', async () => {
    await actions.selectStep('4.2.1');
    await actions.setPower('SRCCLUS', false);
    await actions.plan();
    await actions.apply();
    expect(current().job).toMatchObject({ status: 'failed' });
    main.groups.add('Exchange Group');
    await actions.plan();
    expect(current().job).toEqual({ status: 'idle' });
    expect(current().log).toEqual([]);
  });

  it('makes Plan, then Apply, then Next step the primary button, and Next step opens the next step in the guide’s order', async () => {
    await actions.selectStep('4.2.1');
    expect(selectStepCapabilities(store.getState())).toMatchObject({ primary: 'plan', nextStepId: '4.2.2' });
    await actions.plan();
    expect(selectStepCapabilities(store.getState()).primary).toBe('apply');
    await actions.apply();
    const can = selectStepCapabilities(store.getState());
    expect(can.primary).toBe('next');
    // Apply stays available (it changes only what is still needed), but it is not what comes next.
    expect(can.canApply).toBe(true);
    await actions.nextStep();
    expect(store.getState().selected).toEqual({ kind: 'step', stepId: '4.2.2' });
    expect(current().stepId).toBe('4.2.2');
  });

  it('offers Next step on the manual step done by hand, and no next step after the last one', async () => {
    await actions.selectStep('3');
    expect(selectStepCapabilities(store.getState())).toMatchObject({ primary: 'next', nextStepId: '4.2.1' });
    await actions.selectStep('6');
    expect(selectStepCapabilities(store.getState()).nextStepId).toBeUndefined();
    await actions.nextStep();
    expect(current().stepId).toBe('6');
  });
});

describe('problems of the pair document', () => {
  it('shows a new document’s empty fields as a count, and a field’s problem once it is touched or Save is pressed', async () => {
    await actions.newPairFile('/tmp/lab/new.json');
    const state = () => store.getState();
    // The fake's new document leaves the source group empty.
    expect(selectPairProblemSummary(state())).toEqual({ shown: [], emptyWaiting: 1, otherWaiting: 0 });
    actions.touchPairField('source.group.name');
    expect(selectPairProblemSummary(state()).shown).toEqual([
      { path: 'source.group.name', label: 'Source group name', message: 'Enter a group name.', empty: true },
    ]);
    await actions.newPairFile('/tmp/lab/newer.json');
    expect(selectPairProblemSummary(state()).shown).toEqual([]);
    actions.editPairField(['source', 'group', 'description'], 'x');
    await actions.savePair();
    expect(selectPairProblemSummary(state()).shown.map((p) => p.label)).toEqual(['Source group name']);
  });

  it('names a field once, by its label, with each message once and the paths in its words', () => {
    const labels = selectFieldLabels(store.getState());
    store.setState((s) => {
      if (s.pair.status !== 'ready') return {};
      const problem = { path: 'source.ipAddress.address', message: 'Already the address at target.ipAddress.address.' };
      return { pair: { status: 'ready', value: { ...s.pair.value, problems: [problem, problem] } }, pairAttention: { touched: [], saveTried: true } };
    });
    const summary = selectPairProblemSummary(store.getState());
    expect(summary.shown).toEqual([
      { path: 'source.ipAddress.address', label: 'Source IP address', message: 'Already the address at Target IP address.', empty: false },
    ]);
    expect(selectFieldProblem(store.getState(), 'source.ipAddress.address')).toBe('Already the address at target.ipAddress.address.');
    expect(labelledMessage('target.ipAddress.address and replicationSet.rules[0].path', labels)).toBe('Target IP address and Rule 1 path');
  });

  it('counts the fields of other pages with a problem on a step page, and lists apart only the problems of no field', () => {
    store.setState((s) =>
      s.pair.status !== 'ready'
        ? {}
        : {
            pair: {
              status: 'ready',
              value: {
                ...s.pair.value,
                problems: [
                  { path: 'source.group.name', message: 'Enter a group name.' },
                  { path: 'target.group.name', message: 'Enter a group name.' },
                  { path: 'source.ipAddress.subnetMask', message: 'Not a mask.' },
                  { path: 'version', message: 'Unknown version.' },
                ],
              },
            },
          },
    );
    // 4.2.2 shows the IP address fields: the two group names are elsewhere.
    expect(selectProblemFieldsElsewhere(store.getState(), groupsOfStep('4.2.2'))).toBe(2);
    expect(selectPairProblemSummary(store.getState(), groupsOfStep('4.2.2'))).toMatchObject({ shown: [], otherWaiting: 1 });
    expect(selectFieldlessProblems(store.getState()).map((p) => p.path)).toEqual(['version']);
  });
});

describe('the state in words', () => {
  it('says each state, and what a step that needs rechecking was', () => {
    expect(stepStateText('verified')).toBe('Verified');
    expect(stepStateText('done-by-hand')).toBe('Done by hand');
    expect(stepStateText('needs-recheck', 'done-by-hand')).toBe('Recheck (was done by hand)');
    expect(stepStateText('needs-recheck', 'applied')).toBe('Recheck (was applied)');
    expect(stepStateText('needs-recheck')).toBe('Recheck');
  });
});

