import { pathPresent } from '../shared/path-present';
import { resolve } from 'node:path';
import type { ProfileCommands, ProfileSaveReply } from '../contract/profile';
import { err, ok, type Result } from '../contract/result';
import type { PairProblem } from '../pair/pair-problems';
import { checkConnectionProfile, connectionProfileTemplate, writeConnectionProfile } from '../profile/connection-profile-file';
import type { ConnectionProfile } from '../profile/connection-profile-schema';
import type { FileChooser } from './file-chooser';

/**
 * The wizard's "Connection profile" form: the profile to start from, its problems, and "Save as" to a file the
 * chooser picks (the native dialog, or a name in the preview's lab folder). The file is the one `exchange-ha
 * --profile FILE` and `npm start -- --profile FILE` read; it never holds a secret (checkConnectionProfile refuses a
 * password-like field, naming it). The program running now keeps the profile it started with.
 */
export interface ProfileService {
  template(): unknown;
  check(profile: unknown): PairProblem[];
  saveAs(request: { readonly path: string | undefined; readonly profile: unknown; readonly replace: boolean }): Promise<Result<ProfileSaveReply>>;
}

/** A word of a command line as typed in a shell (cmd.exe, PowerShell or sh): double-quoted when it has to be. */
export function commandWord(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_\-.,/\\:+=@]+$/.test(word)) return word;
  return `"${word.replaceAll('"', '\\"')}"`;
}

/** The commands that use a profile file with the pair document: the command line's check and the program's start. */
export function profileCommands(pairFile: string, profileFile: string): ProfileCommands {
  const files = `--pair ${commandWord(pairFile)} --profile ${commandWord(profileFile)}`;
  return { check: `exchange-ha check ${files}`, start: `npm start -- ${files}` };
}


function writeFailure(path: string, e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const why =
    code === 'ENOENT' ? 'its folder does not exist' : code === 'EACCES' || code === 'EPERM' ? 'access is denied' : code === 'EISDIR' ? 'it is a folder' : code === 'ENOSPC' ? 'the disk is full' : `the system said ${code ?? 'no'}`;
  return `The connection profile could not be written to ${path}: ${why}. Nothing was written.`;
}

export function createProfileService(deps: {
  /** The profile the program runs with (a real environment), or undefined (the lab: the template is offered). */
  readonly current: ConnectionProfile | undefined;
  readonly files: FileChooser;
  /** The pair document's file now: the chooser starts beside it, and the commands name it. */
  readonly pairFile: () => string;
}): ProfileService {
  return {
    template: () => deps.current ?? connectionProfileTemplate(),
    check(profile) {
      const check = checkConnectionProfile(profile);
      return check.ok ? [] : [...check.problems];
    },
    async saveAs({ path, profile, replace }) {
      // Checked before a dialog is shown: an invalid profile is refused with its problems and no file is chosen.
      const check = checkConnectionProfile(profile);
      if (!check.ok) return ok({ saved: false, problems: [...check.problems] });
      const pairFile = deps.pairFile();
      const choice = await deps.files.choose('saveProfile', { suggestion: path, current: pairFile });
      if (choice.kind === 'cancelled') return err('profile/cancelled', 'No file was chosen; the connection profile was not saved.');
      if (choice.kind === 'refused') return err('profile/location', choice.message);
      const file = choice.path;
      if (resolve(file) === resolve(pairFile)) {
        return err('profile/location', `${file} is the pair document open now; the connection profile is a file beside it: choose another name.`);
      }
      if (!replace && !choice.replaceAsked && (await pathPresent(file))) {
        return err('profile/exists', `${file} exists already; nothing was written. Choose to replace it, or another name.`);
      }
      try {
        await writeConnectionProfile(file, check.profile);
      } catch (e) {
        return err('profile/location', writeFailure(file, e));
      }
      return ok({ saved: true, path: file, commands: profileCommands(pairFile, file) });
    },
  };
}
