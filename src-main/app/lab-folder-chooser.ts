import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { LAB_CLUSTERS_FILE } from '../lab/lab';
import { doubleTakeLabFile } from '../lab/doubletake/doubletake-lab-file';
import { PAIR_LOCATION_FILE } from '../setup/pair-location-memory';
import type { FileChoice, FileChooser } from './file-chooser';
import { pathPresent } from '../shared/path-present';

/**
 * The browser preview's file chooser: the wizard's name field names a pair document file in the lab folder itself,
 * and nothing else. The preview socket is reachable by anything that holds its token, so what it sends is a
 * suggestion checked here: a plain file name (or a full path) whose folder, with every link resolved (realpath), is
 * the lab folder; never a `..`, a subfolder, a link leading out, a file of the lab's own state, or a name that does
 * not end in `.json`.
 */

/** The lab's own JSON files in its folder: never a pair document, never written over by "Save as". */
export const LAB_STATE_FILES: readonly string[] = [LAB_CLUSTERS_FILE, basename(doubleTakeLabFile('.')), 'progress.json', PAIR_LOCATION_FILE];

const NAME_MAX = 200;

const refused = (message: string): FileChoice => ({ kind: 'refused', message });


/** What the file holds, in the messages: a pair document, or the connection profile made in the wizard. */
export type LabFileWhat = 'pair document' | 'connection profile';

const EXAMPLE_NAME: Record<LabFileWhat, string> = { 'pair document': 'pair-copy.json', 'connection profile': 'production-profile.json' };

/** Whether `path` (resolved) is the file at `other` (links resolved when it exists). */
async function isSameFile(path: string, other: string): Promise<boolean> {
  try {
    return (await realpath(other)) === path;
  } catch {
    return resolve(other) === path;
  }
}

/** What is wrong with the name as typed, before the file system is asked, or undefined. */
export function labFileNameProblem(typed: string | undefined, reserved: readonly string[], what: LabFileWhat = 'pair document'): string | undefined {
  const name = (typed ?? '').trim();
  if (name === '') return `Type the name of a ${what} file in the lab folder, for example ${EXAMPLE_NAME[what]}.`;
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'The name holds a control character (a line break or a tab); type it on one line.';
  if (name.length > NAME_MAX) return `The name is ${name.length} characters long; use at most ${NAME_MAX}.`;
  if (name.split(/[\\/]/).includes('..')) return `"${name}" leads out of the lab folder (".."); the preview works only on files in the lab folder.`;
  if (!/\.json$/i.test(name)) return `"${name}" does not end in .json; a ${what} is a JSON file.`;
  if (reserved.some((r) => r.toLowerCase() === basename(name).toLowerCase())) {
    return `${basename(name)} holds the lab's own state, not a ${what}; choose another name.`;
  }
  return undefined;
}

/** The preview's chooser over `labFolder`; `reserved` are file names of the lab's own state. */
export function labFolderChooser(labFolder: string, reserved: readonly string[] = LAB_STATE_FILES): FileChooser {
  return {
    mode: 'lab-folder',
    async choose(kind, { suggestion, current }) {
      const what: LabFileWhat = kind === 'saveProfile' ? 'connection profile' : 'pair document';
      const problem = labFileNameProblem(suggestion, reserved, what);
      if (problem !== undefined) return refused(problem);
      const name = (suggestion ?? '').trim();
      const folder = await realpath(labFolder);
      const outside = `"${name}" is not in the lab folder ${folder}; the preview works only on files there (type a plain name such as ${EXAMPLE_NAME[what]}).`;
      const wanted = isAbsolute(name) ? name : join(folder, name);
      // The folder the name lands in, links resolved: it must be the lab folder itself.
      let landing: string;
      try {
        landing = await realpath(dirname(resolve(wanted)));
      } catch {
        return refused(outside);
      }
      if (landing !== folder) return refused(outside);
      const path = join(folder, basename(wanted));
      if (await pathPresent(path)) {
        let real: string;
        try {
          real = await realpath(path);
        } catch {
          return refused(`${basename(path)} in the lab folder is a link that leads nowhere; choose another name.`);
        }
        if (dirname(real) !== folder) return refused(`${basename(path)} in the lab folder is a link to a file outside it; the preview works only on files in the lab folder.`);
        const problemThere = labFileNameProblem(basename(real), reserved, what);
        if (problemThere !== undefined) return refused(`${basename(path)} in the lab folder leads to another file: ${problemThere}`);
        if (kind === 'saveProfile' && (await isSameFile(real, current))) {
          return refused(`${basename(path)} is the pair document open now; the connection profile is a file beside it: choose another name.`);
        }
        return { kind: 'chosen', path: real, replaceAsked: false };
      }
      return { kind: 'chosen', path, replaceAsked: false };
    },
  };
}
