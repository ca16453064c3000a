import { beforeEach, describe, expect, it } from 'vitest';
import { createWizardActions, type WizardActions } from '../../../src-renderer/state/actions';
import { fieldOf, withField } from '../../../src-renderer/state/profile-actions';
import { createWizardStore, type WizardStore } from '../../../src-renderer/state/store';
import { parseConnectionProfile } from '../../../src-main/profile/connection-profile-file';
import { createFakeMain, type FakeMain } from './fake-main';

let main: FakeMain;
let store: WizardStore;
let actions: WizardActions;
let clipboard: string[];

beforeEach(() => {
  main = createFakeMain();
  store = createWizardStore();
  clipboard = [];
  actions = createWizardActions(store, main.client, { checkDelayMs: 0, writeClipboard: async (text) => void clipboard.push(text) });
});

const form = () => store.getState().profileForm;

describe('the connection profile form', () => {
  it('starts from the template and checks each edit, problems by field path', async () => {
    await actions.loadProfileTemplate();
    expect(fieldOf(form().draft, 'directory.url')).toBe('ldaps://dc1.example.com');
    await actions.editProfileField('directory.url', 'http://dc1');
    expect(form().problems.map((p) => p.path)).toEqual(['directory.url']);
    await actions.editProfileField('directory.url', 'ldaps://dc1.example.com');
    expect(form().problems).toEqual([]);
    expect(main.calls.filter((c) => c === 'profile.check')).toHaveLength(2);
  });

  it('an empty optional field is removed (an anonymous bind), a required one stays and is refused', async () => {
    await actions.loadProfileTemplate();
    await actions.editProfileField('directory.bindDn', ' ');
    expect(fieldOf(form().draft, 'directory.bindDn')).toBeUndefined();
    expect(form().problems).toEqual([]);
    await actions.editProfileField('doubleTake.user', '');
    expect(form().problems.map((p) => p.path)).toEqual(['doubleTake.user']);
  });

  it('a refused save writes nothing and shows the problems; a good one shows the path and the commands, which Copy copies', async () => {
    await actions.loadProfileTemplate();
    await actions.editProfileField('name', '');
    actions.setProfileFileName('/lab/production-profile.json');
    await actions.saveProfile(false);
    expect(form().saved).toBeUndefined();
    expect(form().problems.map((p) => p.path)).toEqual(['name']);
    expect(main.otherFiles.has('/lab/production-profile.json')).toBe(false);

    await actions.editProfileField('name', 'Production');
    await actions.saveProfile(false);
    expect(form().saved?.path).toBe('/lab/production-profile.json');
    expect(form().saved?.commands.check).toBe(`exchange-ha check --pair ${main.pairPath} --profile /lab/production-profile.json`);
    expect(parseConnectionProfile(JSON.parse(main.otherFiles.get('/lab/production-profile.json') ?? ''), 'saved').name).toBe('Production');
    await actions.copyProfileCommand(form().saved?.commands.start ?? '', 'the start command');
    expect(clipboard).toEqual([`npm start -- --pair ${main.pairPath} --profile /lab/production-profile.json`]);
    expect(form().copied).toBe('Copied the start command.');
  });

  it('asks before replacing an existing file, and replaces it only when told', async () => {
    main.otherFiles.set('/lab/p.json', 'before');
    await actions.loadProfileTemplate();
    actions.setProfileFileName('/lab/p.json');
    await actions.saveProfile(false);
    expect(form().exists).toContain('already exists');
    expect(main.otherFiles.get('/lab/p.json')).toBe('before');
    actions.keepExistingProfile();
    expect(form().exists).toBeUndefined();
    await actions.saveProfile(true);
    expect(main.otherFiles.get('/lab/p.json')).toContain('exchange-ha-connection-profile');
  });

  it('withField sets and removes nested values without touching the original', () => {
    const original = { a: { b: 1, c: 2 } };
    expect(withField(original, 'a.b', 3)).toEqual({ a: { b: 3, c: 2 } });
    expect(withField(original, 'a.c', undefined)).toEqual({ a: { b: 1 } });
    expect(original).toEqual({ a: { b: 1, c: 2 } });
  });
});
