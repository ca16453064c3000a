import { open, readFile, rm } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { isRunning } from './file-lock';

/**
 * One program at a time on a lab folder. The desktop program (or the preview) and `exchange-ha --lab` each keep
 * the lab's models in memory and save them back; two of them at once would silently undo each other's changes.
 * The lock is a file naming the holder's process and host, created exclusively; a lock left by a process that no
 * longer runs (a crash) is taken over. The cluster.exe and dtcl.exe emulators lock their own files per call and
 * do not take this lock.
 */

export const LAB_LOCK_FILE = 'lab.lock';

export class LabInUseError extends Error {
  override readonly name = 'LabInUseError';
}

interface LockHolder {
  readonly pid: number;
  readonly host: string;
  readonly since: string;
}

async function holderOf(file: string): Promise<LockHolder | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<LockHolder>;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? { pid: parsed.pid, host: parsed.host, since: String(parsed.since ?? '') } : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the lab's lock; resolves with its release. Throws LabInUseError naming the holder when it is taken. */
export async function lockLab(folder: string): Promise<() => Promise<void>> {
  const file = join(folder, LAB_LOCK_FILE);
  const me: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(`${JSON.stringify(me)}\n`, 'utf8');
      await handle.close();
      return async () => {
        const holder = await holderOf(file);
        if (holder?.pid === me.pid && holder.host === me.host) await rm(file, { force: true });
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const holder = await holderOf(file);
    const stale = holder === undefined || (holder.host === me.host && holder.pid !== me.pid && !isRunning(holder.pid));
    if (!stale) {
      const who = holder.pid === me.pid && holder.host === me.host ? 'this program already' : `process ${holder.pid} on ${holder.host} (since ${holder.since})`;
      throw new LabInUseError(
        `The lab in ${folder} is open in ${who}; close it there first (or, if that program is gone, delete ${file}).`,
      );
    }
    await rm(file, { force: true });
  }
  throw new LabInUseError(`The lab in ${folder} could not be locked (${file}); try again.`);
}
