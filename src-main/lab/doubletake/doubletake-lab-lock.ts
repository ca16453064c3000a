import { open, rm, stat } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { doubleTakeLabFile } from './doubletake-lab-file';

/**
 * Runs `fn` holding `<lab>/doubletake.json.lock` (created exclusively), so two dtcl emulators started at once
 * (one per node) read, change and save the lab's Double-Take one after the other and lose no update. A lock older
 * than `staleMs` is taken to be left by a killed process and removed. Throws when it cannot be had in `timeoutMs`.
 */
export async function withDoubleTakeLabLock<T>(labFolder: string, fn: () => Promise<T>, timeoutMs = 15_000, staleMs = 30_000): Promise<T> {
  const lock = `${doubleTakeLabFile(labFolder)}.lock`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const handle = await open(lock, 'wx', 0o600);
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      try {
        if (Date.now() - (await stat(lock)).mtimeMs > staleMs) await rm(lock, { force: true });
      } catch {
        // gone already: try again
      }
      if (Date.now() > deadline) throw new Error(`could not lock ${lock} within ${timeoutMs} ms`, { cause: error });
      await sleep(10);
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lock, { force: true });
  }
}
