import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pairFilePathProblem } from '../pair/pair-file-path';
import { writeFileAtomic } from '../shared/write-file-atomic';

/**
 * The pair document the administrator chose in the wizard ("Open" / "Save as"), remembered in the lab folder so
 * the next start works from the same file. `--pair FILE` on the command line wins over it.
 */

export const PAIR_LOCATION_FILE = 'pair-location.json';

/** The remembered path, or undefined when none was remembered or the record cannot be used (then the default holds). */
export async function rememberedPairFile(folder: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(join(folder, PAIR_LOCATION_FILE), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    const path = typeof parsed === 'object' && parsed !== null && 'path' in parsed ? parsed.path : undefined;
    return typeof path === 'string' && pairFilePathProblem(path) === undefined ? path : undefined;
  } catch {
    return undefined;
  }
}

/** Remembers the path for the next start (written atomically). */
export async function rememberPairFile(folder: string, path: string): Promise<void> {
  await writeFileAtomic(join(folder, PAIR_LOCATION_FILE), Buffer.from(`${JSON.stringify({ path }, null, 2)}\n`, 'utf8'));
}
