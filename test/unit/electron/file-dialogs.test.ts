import { describe, expect, it } from 'vitest';
import { dialogFileChooser, type NativeDialogs } from '../../../src-main/electron/file-dialogs';

/** The desktop program's chooser: the native dialog decides the file; what the renderer suggests is never used. */

interface Shown {
  readonly which: 'open' | 'save';
  readonly window: string;
  readonly options: { defaultPath: string; filters: { extensions: string[] }[]; properties: string[] };
}

function fakeDialogs(answer: { canceled: boolean; path?: string }) {
  const shown: Shown[] = [];
  const dialogs: NativeDialogs<string> = {
    async showOpenDialog(window, options) {
      shown.push({ which: 'open', window, options });
      return { canceled: answer.canceled, filePaths: answer.path !== undefined ? [answer.path] : [] };
    },
    async showSaveDialog(window, options) {
      shown.push({ which: 'save', window, options });
      return answer.path !== undefined ? { canceled: answer.canceled, filePath: answer.path } : { canceled: answer.canceled };
    },
  };
  return { dialogs, shown };
}

const CURRENT = '/srv/ha/pair.json';

describe('the native file dialogs', () => {
  it('opens what the administrator picked in the open dialog, over the main window, starting in the document folder', async () => {
    const { dialogs, shown } = fakeDialogs({ canceled: false, path: '/srv/ha/other.json' });
    const chooser = dialogFileChooser(dialogs, () => 'main-window');
    expect(chooser.mode).toBe('dialog');
    expect(await chooser.choose('open', { suggestion: '/etc/secret.json', current: CURRENT })).toEqual({ kind: 'chosen', path: '/srv/ha/other.json', replaceAsked: false });
    expect(shown).toEqual([
      { which: 'open', window: 'main-window', options: expect.objectContaining({ defaultPath: '/srv/ha', filters: [expect.objectContaining({ extensions: ['json'] })], properties: ['openFile'] }) },
    ]);
  });

  it('Save as goes through the save dialog, which asks before replacing (so the wizard does not ask again)', async () => {
    const { dialogs, shown } = fakeDialogs({ canceled: false, path: '/srv/ha/copy.json' });
    const chooser = dialogFileChooser(dialogs, () => 'main-window');
    expect(await chooser.choose('saveAs', { suggestion: undefined, current: CURRENT })).toEqual({ kind: 'chosen', path: '/srv/ha/copy.json', replaceAsked: true });
    expect(shown[0]).toMatchObject({ which: 'save', options: { defaultPath: CURRENT, properties: expect.arrayContaining(['showOverwriteConfirmation']) } });
    // New never writes over a file: the store refuses one that exists, whatever the dialog asked.
    expect(await chooser.choose('new', { suggestion: undefined, current: CURRENT })).toEqual({ kind: 'chosen', path: '/srv/ha/copy.json', replaceAsked: false });
    expect(shown[1]).toMatchObject({ which: 'save', options: { defaultPath: '/srv/ha' } });
  });

  it('the connection profile is saved through its own save dialog, beside the pair document, which asks before replacing', async () => {
    const { dialogs, shown } = fakeDialogs({ canceled: false, path: '/srv/ha/production-profile.json' });
    const chooser = dialogFileChooser(dialogs, () => 'main-window');
    expect(await chooser.choose('saveProfile', { suggestion: '/etc/x.json', current: CURRENT })).toEqual({ kind: 'chosen', path: '/srv/ha/production-profile.json', replaceAsked: true });
    expect(shown[0]).toMatchObject({
      which: 'save',
      options: {
        title: 'Save the connection profile',
        defaultPath: '/srv/ha/connection-profile.json',
        filters: [{ name: 'Connection profile (JSON)', extensions: ['json'] }],
        properties: expect.arrayContaining(['showOverwriteConfirmation']),
      },
    });
  });

  it('a closed dialog chooses nothing', async () => {
    for (const kind of ['open', 'new', 'saveAs', 'saveProfile'] as const) {
      const { dialogs } = fakeDialogs({ canceled: true });
      expect(await dialogFileChooser(dialogs, () => 'w').choose(kind, { suggestion: '/x.json', current: CURRENT })).toEqual({ kind: 'cancelled' });
    }
  });

  it('without a window it refuses, showing no dialog', async () => {
    const { dialogs, shown } = fakeDialogs({ canceled: false, path: '/srv/ha/other.json' });
    expect(await dialogFileChooser(dialogs, () => undefined).choose('open', { suggestion: undefined, current: CURRENT })).toEqual({
      kind: 'refused',
      message: expect.stringMatching(/no window/),
    });
    expect(shown).toEqual([]);
  });
});
