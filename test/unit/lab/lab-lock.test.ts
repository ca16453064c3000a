import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLab } from '../../../src-main/lab/lab';
import { LAB_LOCK_FILE, LabInUseError, lockLab } from '../../../src-main/lab/lab-lock';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'exch-ha-lock-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('one program at a time on a lab', () => {
  it('refuses a second open of a lab that is open, naming the folder, and allows it once closed', async () => {
    const lab = await openLab(folder);
    const second = openLab(folder);
    await expect(second).rejects.toBeInstanceOf(LabInUseError);
    await expect(second).rejects.toThrow(`The lab in ${folder} is open in this program already`);
    await lab.close();
    expect(existsSync(join(folder, LAB_LOCK_FILE))).toBe(false);
    const again = await openLab(folder);
    await again.close();
  });

  it('names another running process that holds the lab', async () => {
    // The parent of this test process is alive and is not this process.
    await writeFile(join(folder, LAB_LOCK_FILE), JSON.stringify({ pid: process.ppid, host: hostname(), since: '2026-11-25T03:00:00.000Z' }));
    await expect(lockLab(folder)).rejects.toThrow(`is open in process ${process.ppid} on ${hostname()} (since 2026-11-25T03:00:00.000Z)`);
    expect(JSON.parse(await readFile(join(folder, LAB_LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.ppid });
  });

  it('takes over a lock left by a process that no longer runs, and an unreadable lock file', async () => {
    await writeFile(join(folder, LAB_LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), since: 'x' }));
    const release = await lockLab(folder);
    expect(JSON.parse(await readFile(join(folder, LAB_LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    await release();
    await writeFile(join(folder, LAB_LOCK_FILE), 'not json');
    await (await lockLab(folder))();
    expect(existsSync(join(folder, LAB_LOCK_FILE))).toBe(false);
  });
});
