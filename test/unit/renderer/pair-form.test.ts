import { beforeEach, describe, expect, it } from 'vitest';
import { formatPath, getAt, listLengthAt, setAt, updateListAt } from '../../../src-renderer/pair/json-path';
import { ALL_GROUPS, groupsOfStep, pathsShownBy, REPLICATION_IP, sharedFieldLabel, SHARED_GROUPS } from '../../../src-renderer/pair/pair-fields';
import { formatSignature, parseSignature } from '../../../src-renderer/pair/signature';
import { createWizardActions, type WizardActions } from '../../../src-renderer/state/actions';
import {
  selectFieldProblem,
  selectFieldText,
  selectPairDirty,
  selectStepCapabilities,
  selectUnplacedProblems,
} from '../../../src-renderer/state/selectors';
import { createWizardStore, type WizardState, type WizardStore } from '../../../src-renderer/state/store';
import { createFakeMain, fakePairDocument, type FakeMain } from './fake-main';
import { untilState } from './store-until';

let main: FakeMain;
let store: WizardStore;
let actions: WizardActions;

const until = (predicate: (s: WizardState) => boolean): Promise<void> => untilState(store, predicate);

const checked = (s: WizardState): boolean => s.pair.status === 'ready' && !s.pair.value.checking;
const draft = (): unknown => {
  const pair = store.getState().pair;
  return pair.status === 'ready' ? pair.value.draft : undefined;
};

beforeEach(async () => {
  main = createFakeMain();
  store = createWizardStore();
  actions = createWizardActions(store, main.client, { checkDelayMs: 5 });
  await actions.start();
});

describe('the pair document form', () => {
  it('checks an edit with the main process after a pause and shows the problem by the field’s path', async () => {
    actions.editPairField(['source', 'ipAddress', 'subnetMask'], '255.0.255.0');
    actions.editPairField(['source', 'ipAddress', 'subnetMask'], '255.0.255.0 ');
    actions.editPairField(['source', 'ipAddress', 'subnetMask'], '255.0.255.0');
    expect(store.getState().pair).toMatchObject({ value: { checking: true } });
    await until(checked);
    // Three edits, one check (debounced).
    expect(main.calls.filter((c) => c === 'pair.check')).toHaveLength(1);
    expect(selectFieldProblem(store.getState(), 'source.ipAddress.subnetMask')).toMatch(/^255\.0\.255\.0 is not a contiguous mask/);
    expect(selectFieldProblem(store.getState(), 'target.ipAddress.subnetMask')).toBeUndefined();
    expect(selectPairDirty(store.getState())).toBe(true);
  });

  it('refuses to save a document with problems, lists them all, and writes nothing', async () => {
    const before = main.pairFile;
    actions.editPairField(['source', 'ipAddress', 'subnetMask'], '255.0.255.0');
    actions.editPairField(['target', 'group', 'name'], ' ');
    await actions.savePair();
    expect(main.pairFile).toBe(before);
    const pair = store.getState().pair;
    expect(pair.status === 'ready' && pair.value.refused?.map((p) => p.path)).toEqual(['source.ipAddress.subnetMask', 'target.group.name']);
    expect(selectPairDirty(store.getState())).toBe(true);
  });

  it('saves a clean document, after which it is no longer dirty', async () => {
    actions.editPairField(['source', 'group', 'name'], 'Exchange Group 2');
    await actions.savePair();
    expect(JSON.parse(main.pairFile ?? 'null')).toMatchObject({ source: { group: { name: 'Exchange Group 2' } } });
    expect(selectPairDirty(store.getState())).toBe(false);
    expect(store.getState().pair).toMatchObject({ value: { refused: undefined, problems: [] } });
  });

  it('blocks Apply while the draft is unsaved', async () => {
    await actions.selectStep('4.2.1');
    await actions.plan();
    expect(selectStepCapabilities(store.getState()).canApply).toBe(true);
    actions.editPairField(['source', 'group', 'name'], 'Other');
    expect(selectStepCapabilities(store.getState()).applyBlockers).toContain('Save the pair document first: Apply works from the saved file.');
  });

  it('takes a disk signature as hex or decimal and stores the number', async () => {
    const path = ['source', 'physicalDisks', 0, 'signature'] as const;
    expect(selectFieldText(store.getState(), path, 'signature')).toBe('0x5A17E0E0');
    actions.editSignature(path, '0x00000ABC');
    expect(getAt(draft(), path)).toBe(0xabc);
    actions.editSignature(path, '1511514336');
    expect(getAt(draft(), path)).toBe(1511514336);
    expect(selectFieldText(store.getState(), path, 'signature')).toBe('1511514336');
    actions.editSignature(path, 'E0E0');
    await until(checked);
    // The renderer's own message replaces the main process's for text that is not a number.
    expect(selectFieldProblem(store.getState(), 'source.physicalDisks[0].signature')).toMatch(/^Give the signature as hex with 0x/);
  });

  it('adds and removes replication rules; an empty path is a problem at its row', async () => {
    actions.addRule();
    expect(listLengthAt(draft(), ['replicationSet', 'rules'])).toBe(2);
    expect(getAt(draft(), ['replicationSet', 'rules', 1])).toEqual({ path: '', mode: 'include', recursive: true });
    await until(checked);
    expect(selectFieldProblem(store.getState(), 'replicationSet.rules[1].path')).toBe('Give a path such as E:\\Exchsrvr.');
    actions.removeRule(0);
    actions.removeRule(0);
    await until(checked);
    expect(listLengthAt(draft(), ['replicationSet', 'rules'])).toBe(0);
    expect(selectFieldProblem(store.getState(), 'replicationSet.rules')).toBe('List at least one rule.');
  });

  it('lists the problems no field on a step page shows', async () => {
    actions.editPairField(['target', 'group', 'name'], '');
    await until(checked);
    // 4.2.2 shows the IP address fields only: the group name problem is listed apart.
    expect(selectUnplacedProblems(store.getState(), groupsOfStep('4.2.2')).map((p) => p.path)).toEqual(['target.group.name']);
    expect(selectUnplacedProblems(store.getState(), ALL_GROUPS)).toEqual([]);
  });
});

describe('another pair document file', () => {
  const relocation = () => {
    const pair = store.getState().pair;
    return pair.status === 'ready' ? pair.value.relocation : undefined;
  };

  it('saves the draft as another file and works from it; the steps are listed again', async () => {
    actions.editPairField(['source', 'group', 'name'], 'Exchange Group 2');
    const listed = main.calls.filter((c) => c === 'steps.list').length;
    await actions.savePairAs('/srv/ha/pair-2.json');
    expect(main.pairPath).toBe('/srv/ha/pair-2.json');
    expect(JSON.parse(main.pairFile ?? 'null')).toMatchObject({ source: { group: { name: 'Exchange Group 2' } } });
    expect(store.getState().pair).toMatchObject({ value: { path: '/srv/ha/pair-2.json', relocation: { status: 'idle' } } });
    expect(selectPairDirty(store.getState())).toBe(false);
    expect(main.calls.filter((c) => c === 'steps.list').length).toBe(listed + 1);
  });

  it('asks before replacing an existing file, and replaces it only when told', async () => {
    main.otherFiles.set('/srv/ha/old.json', '{"keep":true}');
    await actions.savePairAs('/srv/ha/old.json');
    expect(relocation()).toMatchObject({ status: 'exists', path: '/srv/ha/old.json', message: expect.stringMatching(/already exists/) });
    expect(main.otherFiles.get('/srv/ha/old.json')).toBe('{"keep":true}');
    actions.dismissRelocation();
    expect(relocation()).toEqual({ status: 'idle' });
    await actions.savePairAs('/srv/ha/old.json', true);
    expect(main.pairPath).toBe('/srv/ha/old.json');
  });

  it('shows a refused path and changes nothing; a document with problems is not saved as either', async () => {
    await actions.savePairAs('pair.json');
    expect(relocation()).toMatchObject({ status: 'refused', error: { code: 'pair/location', message: expect.stringMatching(/not a full path/) } });
    expect(main.pairPath).toBe('/tmp/lab/pair.json');
    actions.editPairField(['target', 'group', 'name'], ' ');
    await actions.savePairAs('/srv/ha/bad.json');
    expect(main.otherFiles.has('/srv/ha/bad.json')).toBe(false);
    expect(store.getState().pair).toMatchObject({ value: { path: '/tmp/lab/pair.json', refused: [{ path: 'target.group.name' }] } });
  });

  it('opens another file; with unsaved changes it asks first, and drops them only when told', async () => {
    const other = { ...fakePairDocument(), source: { ...fakePairDocument().source, group: { name: 'From the other file' } } };
    main.otherFiles.set('/srv/ha/other.json', JSON.stringify(other));
    actions.editPairField(['source', 'group', 'name'], 'Typed, not saved');
    await actions.openPairFile('/srv/ha/other.json');
    expect(relocation()).toEqual({ status: 'discard', path: '/srv/ha/other.json', action: 'open' });
    expect(main.calls).not.toContain('pair.open');
    await actions.openPairFile('/srv/ha/other.json', true);
    expect(store.getState().pair).toMatchObject({ value: { path: '/srv/ha/other.json', draft: { source: { group: { name: 'From the other file' } } } } });
    expect(selectPairDirty(store.getState())).toBe(false);
    await actions.openPairFile('/srv/ha/missing.json');
    expect(relocation()).toMatchObject({ status: 'refused', error: { message: 'There is no file at /srv/ha/missing.json.' } });
    expect(store.getState().pair).toMatchObject({ value: { path: '/srv/ha/other.json' } });
  });
});

describe('a new pair document to fill in', () => {
  it('starts one in a new file, asking first over unsaved edits; its empty fields show their problems', async () => {
    actions.editPairField(['source', 'group', 'name'], 'Typed, not saved');
    await actions.newPairFile('/srv/ha/new.json');
    expect(store.getState().pair).toMatchObject({ value: { relocation: { status: 'discard', path: '/srv/ha/new.json', action: 'new' } } });
    expect(main.calls).not.toContain('pair.new');
    await actions.newPairFile('/srv/ha/new.json', true);
    expect(main.pairPath).toBe('/srv/ha/new.json');
    expect(store.getState().pair).toMatchObject({ value: { path: '/srv/ha/new.json', relocation: { status: 'idle' } } });
    expect(selectFieldProblem(store.getState(), 'source.group.name')).toBeDefined();
    await actions.newPairFile('/srv/ha/new.json');
    expect(store.getState().pair).toMatchObject({ value: { relocation: { status: 'refused', error: { code: 'pair/location' } } } });
  });
});

describe('a lab without a pair file', () => {
  it('starts a new document of version 1, to be saved', async () => {
    const fresh = createFakeMain();
    fresh.pairFile = undefined;
    const freshStore = createWizardStore();
    await createWizardActions(freshStore, fresh.client).start();
    const state = freshStore.getState();
    expect(state.pair).toMatchObject({ status: 'ready', value: { saved: undefined, draft: { version: 1 } } });
    expect(selectPairDirty(state)).toBe(true);
    expect(selectUnplacedProblems(state, ALL_GROUPS)).toEqual([{ path: '(document)', message: 'There is no pair document yet.' }]);
  });
});

describe('pair form helpers', () => {
  it('formats paths like the main process', () => {
    expect(formatPath(['source', 'physicalDisks', 0, 'drive'])).toBe('source.physicalDisks[0].drive');
    expect(formatPath(['replicationSet', 'rules'])).toBe('replicationSet.rules');
  });

  it('sets values without changing the original and creates missing parts', () => {
    const doc = fakePairDocument();
    const copy = setAt(doc, ['source', 'ipAddress', 'address'], '10.0.0.30');
    expect(doc.source.ipAddress.address).toBe('10.0.0.20');
    expect(getAt(copy, ['source', 'ipAddress', 'address'])).toBe('10.0.0.30');
    expect(getAt(copy, ['target', 'ipAddress', 'address'])).toBe('10.1.0.20');
    expect(setAt(undefined, ['monitor', 'monitoredName'], 'EXCHVS')).toEqual({ monitor: { monitoredName: 'EXCHVS' } });
    expect(setAt({}, ['list', 1], 'b')).toEqual({ list: [undefined, 'b'] });
    expect(updateListAt({}, ['rules'], (l) => [...l, 1])).toEqual({ rules: [1] });
    expect(getAt({ a: 1 }, ['a', 'b'])).toBeUndefined();
  });

  it('parses and formats disk signatures', () => {
    expect(parseSignature('0x5A17E0E0')).toBe(0x5a17e0e0);
    expect(parseSignature(' 0x5a17e0e0 ')).toBe(0x5a17e0e0);
    expect(parseSignature('1511514336')).toBe(1511514336);
    expect(parseSignature('0x')).toBeUndefined();
    expect(parseSignature('5A17')).toBeUndefined();
    expect(parseSignature('-1')).toBeUndefined();
    expect(formatSignature(0xabc)).toBe('0x00000ABC');
    expect(formatSignature('oops')).toBe('oops');
  });

  it('names each field with its side, so a message says which field it is about', () => {
    const ip = SHARED_GROUPS.find((g) => g.id === 'ipAddress')!;
    const disks = SHARED_GROUPS.find((g) => g.id === 'physicalDisks')!;
    expect(sharedFieldLabel('source', ip, ip.fields.find((f) => f.key[0] === 'subnetMask')!)).toBe('Source subnet mask');
    expect(sharedFieldLabel('target', disks, disks.fields.find((f) => f.key[0] === 'drive')!, 0)).toBe('Target disk 1 drive letter');
    expect(sharedFieldLabel('source', ip, ip.fields.find((f) => f.key[0] === 'address')!)).toBe('Source IP address');
    expect(REPLICATION_IP.fields.map((f) => f.label)).toEqual(['Replication IP resource name', 'Replication IP address', 'Replication subnet mask', 'Replication network name']);
  });

  it('shows both sides of a shared part on a step page', () => {
    const shown = pathsShownBy(groupsOfStep('4.2.2'), () => 0, formatPath);
    expect([...shown].sort()).toEqual(
      ['address', 'network', 'resourceName', 'subnetMask'].flatMap((k) => [`source.ipAddress.${k}`, `target.ipAddress.${k}`]).sort(),
    );
    expect(groupsOfStep('4.4')).toEqual(['replicationSet']);
  });
});
