import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../../shared/write-file-atomic';
import { DoubleTakeLab, DoubleTakeLabStateError, type DoubleTakeLabOptions } from './doubletake-lab';

/** Where a lab keeps its Double-Take state: `<lab>/doubletake.json`. */
export function doubleTakeLabFile(labFolder: string): string {
  return join(labFolder, 'doubletake.json');
}

/**
 * Loads the lab's Double-Take, or a fresh one (Double-Take installed with defaults on every lab node) when the
 * lab has no file yet. A damaged file is refused with its path and the bad fields, never silently replaced.
 */
export async function loadDoubleTakeLab(labFolder: string, options: DoubleTakeLabOptions = {}): Promise<DoubleTakeLab> {
  const file = doubleTakeLabFile(labFolder);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (typeof error === 'object' && error !== null && 'code' in error && error.code === 'ENOENT') {
      return DoubleTakeLab.create(undefined, options);
    }
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DoubleTakeLabStateError(`${file} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return DoubleTakeLab.fromJSON(value, options, file);
}

/** Saves the lab's Double-Take atomically (temporary file, then rename): a crash leaves the old state or the new. */
export async function saveDoubleTakeLab(labFolder: string, lab: DoubleTakeLab): Promise<void> {
  await writeFileAtomic(doubleTakeLabFile(labFolder), Buffer.from(`${JSON.stringify(lab.toJSON(), null, 2)}\n`, 'utf8'));
}

/**
 * Saves the lab's Double-Take only when something a reader sees differs from the file (a command's change, bytes
 * sent or queued), not when only the clock moved: a lab opened and closed without a change keeps its file byte for
 * byte, and the next load moves lab time on from the time the file holds.
 */
export async function saveDoubleTakeLabIfChanged(labFolder: string, lab: DoubleTakeLab): Promise<boolean> {
  let onDisk: string | undefined;
  try {
    onDisk = DoubleTakeLab.fromJSON(JSON.parse(await readFile(doubleTakeLabFile(labFolder), 'utf8'))).visibleStateText();
  } catch {
    onDisk = undefined; // missing or damaged: write it
  }
  if (onDisk === lab.visibleStateText()) return false;
  await saveDoubleTakeLab(labFolder, lab);
  return true;
}
