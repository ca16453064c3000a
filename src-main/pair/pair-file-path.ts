import { isAbsolute } from 'node:path';

/**
 * Where a pair document may live, as the administrator types it in the wizard ("Open" / "Save as"): a full path
 * (`C:\HA\pair.json`, `\\FILES\HA\pair.json`, or `/srv/ha/pair.json` where the program runs on Linux), ending in
 * `.json`, within the 259 characters Windows allows a path. Checked before anything is read or written.
 */

/** MAX_PATH less the terminating NUL. */
export const PAIR_FILE_PATH_MAX = 259;

/** What is wrong with the path, in words a person can act on, or undefined when it may be used. */
export function pairFilePathProblem(path: string, absolute: (p: string) => boolean = isAbsolute): string | undefined {
  if (path.trim() === '') return 'Type the full path of the pair document file, for example C:\\HA\\pair.json.';
  if (path !== path.trim()) return 'The path starts or ends with a space; remove it.';
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'The path holds a control character (a line break or a tab); type it on one line.';
  if (path.length > PAIR_FILE_PATH_MAX) return `The path is ${path.length} characters long; Windows allows at most ${PAIR_FILE_PATH_MAX}.`;
  if (!absolute(path)) return `"${path}" is not a full path; give the drive or share as well, for example C:\\HA\\pair.json.`;
  if (!/\.json$/i.test(path)) return `"${path}" does not end in .json; a pair document is a JSON file.`;
  return undefined;
}
