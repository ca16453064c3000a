/**
 * One runbook run at a time per pair: `runbook.lock` in the incidents folder, created exclusively (O_EXCL, so two
 * programs starting together cannot both win), naming the host, process, user and start. A second program is
 * refused naming the first's host and start time. A lock left by a process that is dead on this host is taken over
 * (and the caller is told so); a lock from another host is never taken over: only its host can tell whether it runs.
 */
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

export const RUNBOOK_LOCK_FILE = 'runbook.lock';

export const runbookLockSchema = z.strictObject({
  host: z.string(),
  pid: z.number().int(),
  user: z.string(),
  startedAt: z.string(),
  runbook: z.enum(['failover', 'failback']),
  incident: z.string(),
  /** A token of this holder, so a release never removes another holder's lock. */
  token: z.string(),
});
export type RunbookLockHolder = z.infer<typeof runbookLockSchema>;

/** Another run holds the lock: names its host, process, user and start. */
export class RunbookLockedError extends Error {
  override readonly name = 'RunbookLockedError';
  constructor(
    readonly holder: RunbookLockHolder | undefined,
    message: string,
  ) {
    super(message);
  }
}

export interface HeldRunbookLock {
  readonly file: string;
  readonly holder: RunbookLockHolder;
  /** The dead holder whose lock this one took over, when it did. */
  readonly tookOverFrom?: RunbookLockHolder;
  release(): Promise<void>;
}

export interface LockDeps {
  readonly hostname: string;
  /** Whether a process of this host is alive (process.kill(pid, 0) by default). */
  readonly isAlive?: (pid: number) => boolean;
}

export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readHolder(file: string): Promise<RunbookLockHolder | 'missing' | 'damaged'> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw e;
  }
  try {
    const parsed = runbookLockSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : 'damaged';
  } catch {
    return 'damaged';
  }
}

/** Takes the lock of `incidentsRoot` for `holder`, or throws RunbookLockedError. */
export async function takeRunbookLock(incidentsRoot: string, holder: Omit<RunbookLockHolder, 'token'>, deps: LockDeps): Promise<HeldRunbookLock> {
  const file = join(incidentsRoot, RUNBOOK_LOCK_FILE);
  const mine: RunbookLockHolder = { ...holder, token: `${holder.pid}-${Math.random().toString(36).slice(2)}-${Date.now()}` };
  const isAlive = deps.isAlive ?? processIsAlive;
  let tookOverFrom: RunbookLockHolder | undefined;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const handle = await open(file, 'wx', 0o600);
      try {
        await handle.write(`${JSON.stringify(mine)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      return {
        file,
        holder: mine,
        ...(tookOverFrom === undefined ? {} : { tookOverFrom }),
        async release() {
          const now = await readHolder(file);
          if (typeof now === 'object' && now.token === mine.token) await rm(file, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const other = await readHolder(file);
    if (other === 'missing') continue; // released meanwhile: try again
    if (other === 'damaged') {
      throw new RunbookLockedError(
        undefined,
        `${file} exists but cannot be read: another run may hold it. If no runbook runs for this pair on any machine, delete the file and run again.`,
      );
    }
    if (other.host !== deps.hostname || isAlive(other.pid)) {
      throw new RunbookLockedError(
        other,
        `Another ${other.runbook} run holds this pair: started ${other.startedAt} on ${other.host} by ${other.user} (process ${other.pid}, incident ${other.incident}). Wait for it to end; nothing was changed.`,
      );
    }
    // Dead on this host: take it over. Remove only if it is still that holder's lock.
    const again = await readHolder(file);
    if (typeof again === 'object' && again.token === other.token) await rm(file, { force: true });
    tookOverFrom = other;
  }
  throw new RunbookLockedError(undefined, `${file}: could not take the lock after three attempts; another program keeps taking it.`);
}
