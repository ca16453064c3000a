import { dirname, join } from 'node:path';
import type { FileChoice, FileChoiceKind, FileChooser } from '../app/file-chooser';

/**
 * The desktop program's file chooser: Electron's native dialogs, modal to the main window
 * (https://www.electronjs.org/docs/latest/api/dialog). What the renderer suggests is ignored: the administrator
 * picks the file in the dialog, which starts in the pair document's folder and shows JSON files.
 */

/** The part of Electron's `dialog` module used here (typed structurally, so tests need no Electron). */
export interface NativeDialogs<W> {
  showOpenDialog(
    window: W,
    options: { title: string; defaultPath: string; buttonLabel: string; filters: { name: string; extensions: string[] }[]; properties: 'openFile'[] },
  ): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(
    window: W,
    options: {
      title: string;
      defaultPath: string;
      buttonLabel: string;
      filters: { name: string; extensions: string[] }[];
      properties: ('showOverwriteConfirmation' | 'createDirectory')[];
    },
  ): Promise<{ canceled: boolean; filePath?: string }>;
}

const FILTERS = [{ name: 'Pair document (JSON)', extensions: ['json'] }];
const PROFILE_FILTERS = [{ name: 'Connection profile (JSON)', extensions: ['json'] }];

/** The name the profile's save dialog suggests, in the pair document's folder. */
export const PROFILE_DEFAULT_NAME = 'connection-profile.json';

const TITLES: Record<FileChoiceKind, { title: string; button: string }> = {
  open: { title: 'Open a pair document', button: 'Open' },
  new: { title: 'New pair document: where to write it', button: 'Create' },
  saveAs: { title: 'Save the pair document as', button: 'Save' },
  saveProfile: { title: 'Save the connection profile', button: 'Save' },
};

/**
 * A chooser over the native dialogs of `window()` (the main window; refused when there is none). The save dialog
 * asks before replacing a file: Windows and macOS always do, Linux with `showOverwriteConfirmation`.
 */
export function dialogFileChooser<W>(dialogs: NativeDialogs<W>, window: () => W | undefined): FileChooser {
  return {
    mode: 'dialog',
    async choose(kind, { current }): Promise<FileChoice> {
      const parent = window();
      if (parent === undefined) return { kind: 'refused', message: 'The program has no window to show the file dialog in.' };
      const { title, button } = TITLES[kind];
      if (kind === 'open') {
        const picked = await dialogs.showOpenDialog(parent, { title, defaultPath: dirname(current), buttonLabel: button, filters: FILTERS, properties: ['openFile'] });
        const path = picked.filePaths[0];
        return picked.canceled || path === undefined ? { kind: 'cancelled' } : { kind: 'chosen', path, replaceAsked: false };
      }
      const picked = await dialogs.showSaveDialog(parent, {
        title,
        defaultPath: kind === 'saveAs' ? current : kind === 'saveProfile' ? join(dirname(current), PROFILE_DEFAULT_NAME) : dirname(current),
        buttonLabel: button,
        filters: kind === 'saveProfile' ? PROFILE_FILTERS : FILTERS,
        properties: ['showOverwriteConfirmation', 'createDirectory'],
      });
      const path = picked.filePath;
      return picked.canceled || path === undefined || path === '' ? { kind: 'cancelled' } : { kind: 'chosen', path, replaceAsked: kind === 'saveAs' || kind === 'saveProfile' };
    },
  };
}
