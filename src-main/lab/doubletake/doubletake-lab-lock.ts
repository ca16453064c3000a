import { withFileLock, type FileLockOptions } from '../file-lock';
import { doubleTakeLabFile } from './doubletake-lab-file';

/**
 * Runs `fn` holding `<lab>/doubletake.json.lock`, so two dtcl emulators started at once (one per node) read, change
 * and save the lab's Double-Take one after the other and lose no update. See ../file-lock for when a lock left by a
 * killed process is taken over.
 */
export function withDoubleTakeLabLock<T>(labFolder: string, fn: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  return withFileLock(doubleTakeLabFile(labFolder), fn, options);
}
