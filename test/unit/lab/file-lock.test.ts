import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { withFileLock, withFileLockSync } from '../../../src-main/lab/file-lock';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'file-lock-'));
  dirs.push(dir);
  return join(dir, 'clusters.json');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The id of a process that ran and has exited (so it no longer runs). */
function goneProcessId(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('the lab files lock', () => {
  it('holds <file>.lock naming this process while working, and removes it after', async () => {
    const file = tempFile();
    const seen = withFileLockSync(file, () => ({ files: readdirSync(join(file, '..')), holder: JSON.parse(readFileSync(`${file}.lock`, 'utf8')) as unknown }));
    expect(seen).toEqual({ files: ['clusters.json.lock'], holder: { pid: process.pid, host: hostname() } });
    expect(readdirSync(join(file, '..'))).toEqual([]);
    const seenAsync = await withFileLock(file, () => Promise.resolve(readdirSync(join(file, '..'))));
    expect(seenAsync).toEqual(['clusters.json.lock']);
    expect(readdirSync(join(file, '..'))).toEqual([]);
  });

  it('waits for a live holder and gives up after the timeout, naming the file and the holder', async () => {
    const file = tempFile();
    expect(() => withFileLockSync(file, () => withFileLockSync(file, () => 1, { timeoutMs: 50 }))).toThrow(
      new RegExp(`could not lock .*clusters\\.json\\.lock within 50 ms \\(held by process ${process.pid} on `),
    );
    await expect(withFileLock(file, () => withFileLock(file, () => Promise.resolve(1), { timeoutMs: 50 }))).rejects.toThrow(/could not lock .* within 50 ms/);
    expect(readdirSync(join(file, '..'))).toEqual([]);
  });

  it('takes over at once a lock left by a process that was killed while holding it', async () => {
    const file = tempFile();
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: goneProcessId(), host: hostname() }));
    expect(withFileLockSync(file, () => 'mine', { timeoutMs: 200 })).toBe('mine');
    writeFileSync(`${file}.lock`, JSON.stringify({ pid: goneProcessId(), host: hostname() }));
    await expect(withFileLock(file, () => Promise.resolve('mine'), { timeoutMs: 200 })).resolves.toBe('mine');
    expect(readdirSync(join(file, '..'))).toEqual([]);
  });

  it('keeps a recent lock of another host or without a holder, and takes it over once older than staleMs', () => {
    const file = tempFile();
    const lock = `${file}.lock`;
    writeFileSync(lock, JSON.stringify({ pid: goneProcessId(), host: `${hostname()}-elsewhere` }));
    expect(() => withFileLockSync(file, () => 1, { timeoutMs: 50 })).toThrow(/could not lock/);
    writeFileSync(lock, '');
    expect(() => withFileLockSync(file, () => 1, { timeoutMs: 50 })).toThrow(/could not lock/);
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    expect(withFileLockSync(file, () => 2, { timeoutMs: 200, staleMs: 30_000 })).toBe(2);
  });
});
