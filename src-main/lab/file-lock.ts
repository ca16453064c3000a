import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { open, readFile, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A short-lived lock on a lab file for one read-change-save: `<file>.lock`, created exclusively, holding the
 * holder's process id and host. The cluster.exe and dtcl.exe emulators take it around every call, so two of them
 * started at once (the source and the target adapter, or one per node) lose no update.
 *
 * A lock is taken over when its holder is gone: at once when it names a process on this host that no longer runs
 * (a child killed by a cancel), otherwise once it is older than `staleMs`. Throws when it cannot be had within
 * `timeoutMs`, naming the file and its holder.
 */

export interface FileLockOptions {
  readonly timeoutMs?: number;
  readonly staleMs?: number;
}

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_STALE_MS = 30_000;
const RETRY_MS = 10;

interface Holder {
  readonly pid: number;
  readonly host: string;
}

function holderText(): string {
  return `${JSON.stringify({ pid: process.pid, host: hostname() })}\n`;
}

function parseHolder(text: string): Holder | undefined {
  try {
    const parsed = JSON.parse(text) as Partial<Holder>;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? { pid: parsed.pid, host: parsed.host } : undefined;
  } catch {
    return undefined; // being written this instant, or an older lock without a holder: judged by its age
  }
}

/** Whether a process of this id runs on this host (one that is not ours to signal counts as running). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether a lock with this content and age was left by a holder that is gone. */
export function lockIsStale(text: string, ageMs: number, staleMs: number): boolean {
  const holder = parseHolder(text);
  if (holder !== undefined && holder.host === hostname() && holder.pid !== process.pid && !isRunning(holder.pid)) return true;
  return ageMs > staleMs;
}

function timeoutError(lock: string, timeoutMs: number, text: string, cause: unknown): Error {
  const holder = parseHolder(text);
  const who = holder === undefined ? '' : ` (held by process ${holder.pid} on ${holder.host})`;
  return new Error(`could not lock ${lock} within ${timeoutMs} ms${who}`, { cause });
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Runs `fn` holding `<file>.lock`; the synchronous form (the cluster.exe emulator's store). */
export function withFileLockSync<T>(file: string, fn: () => T, options: FileLockOptions = {}): T {
  const lock = `${file}.lock`;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  let fd: number | undefined;
  while (fd === undefined) {
    try {
      fd = openSync(lock, 'wx', 0o600);
      writeSync(fd, holderText());
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let text = '';
      try {
        text = readFileSync(lock, 'utf8');
        const stale = lockIsStale(text, Date.now() - statSync(lock).mtimeMs, options.staleMs ?? DEFAULT_STALE_MS);
        if (stale && readFileSync(lock, 'utf8') === text) unlinkSync(lock); // not one another waiter took meanwhile
      } catch {
        // gone already: try again
      }
      if (Date.now() > deadline) throw timeoutError(lock, timeoutMs, text, e);
      Atomics.wait(sleeper, 0, 0, RETRY_MS);
    }
  }
  try {
    return fn();
  } finally {
    closeSync(fd);
    try {
      unlinkSync(lock);
    } catch {
      // already gone
    }
  }
}

/** Runs `fn` holding `<file>.lock`; the asynchronous form (the dtcl.exe emulator's Double-Take file). */
export async function withFileLock<T>(file: string, fn: () => Promise<T>, options: FileLockOptions = {}): Promise<T> {
  const lock = `${file}.lock`;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const handle = await open(lock, 'wx', 0o600);
      try {
        await handle.writeFile(holderText(), 'utf8');
      } finally {
        await handle.close();
      }
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let text = '';
      try {
        text = await readFile(lock, 'utf8');
        const stale = lockIsStale(text, Date.now() - (await stat(lock)).mtimeMs, options.staleMs ?? DEFAULT_STALE_MS);
        if (stale && (await readFile(lock, 'utf8')) === text) await rm(lock, { force: true }); // not one another waiter took meanwhile
      } catch {
        // gone already: try again
      }
      if (Date.now() > deadline) throw timeoutError(lock, timeoutMs, text, e);
      await sleep(RETRY_MS);
    }
  }
  try {
    return await fn();
  } finally {
    await rm(lock, { force: true });
  }
}
