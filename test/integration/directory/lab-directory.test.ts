import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dnEquals } from '../../../src-main/directory/dn';
import { singleText } from '../../../src-main/directory/entry-values';
import type { DirectoryEntry } from '../../../src-main/directory/port';
import { exchangeDns } from '../../../src-main/lab/directory/exchange-names';
import { DEFAULT_SEED_USER_COUNT } from '../../../src-main/lab/directory/exchange-seed';
import { LAB_DIRECTORY_FILE, type LabDirectory, openLabDirectory } from '../../../src-main/lab/directory/lab-directory';
import { parseLdif } from '../../../src-main/lab/directory/ldif';
import { LAB } from '../../../src-main/lab/topology';
import { describeDirectoryContract } from './directory-contract';

describeDirectoryContract('lab (in memory, saved as LDIF)', async () => {
  const folder = await mkdtemp(join(tmpdir(), 'exchha-lab-'));
  const directory = await openLabDirectory(folder);
  return {
    directory,
    userCount: DEFAULT_SEED_USER_COUNT,
    async dispose() {
      await directory.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}, { binds: false });

describe('lab directory persistence', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'exchha-lab-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  async function users(directory: LabDirectory): Promise<DirectoryEntry[]> {
    const found: DirectoryEntry[] = [];
    for await (const entry of directory.search(exchangeDns().users, { scope: 'one', filter: '(objectClass=user)', attributes: ['homeMDB'] })) {
      found.push(entry);
    }
    return found;
  }

  it('seeds directory.ldif on first open and loads it, changes included, on the next', async () => {
    const first = await openLabDirectory(folder, { seed: { userCount: 40 } });
    const file = join(folder, LAB_DIRECTORY_FILE);
    expect(first.file).toBe(file);
    const seeded = parseLdif(await readFile(file, 'utf8'));
    expect(seeded.length).toBeGreaterThan(40);
    const [someone] = await users(first);
    if (someone === undefined) throw new Error('no user');
    const target = exchangeDns().store(LAB.target.virtualServer, 'Boston', 'Sales');
    await first.modify(someone.dn, [{ operation: 'replace', attribute: 'homeMDB', values: [target] }]);
    await first.close();
    await expect(first.modify(someone.dn, [])).rejects.toMatchObject({ code: 'unavailable' });

    const second = await openLabDirectory(folder, { seed: { userCount: 999 } });
    const again = await users(second);
    expect(again).toHaveLength(40);
    const reread = again.find((entry) => dnEquals(entry.dn, someone.dn));
    expect(dnEquals(singleText(reread ?? someone, 'homeMDB') ?? '', target)).toBe(true);
    await second.close();
  });

  it('coalesces 500 modifies in flight into a few rewrites, each promise resolving only when its change is on disk', async () => {
    const directory = await openLabDirectory(folder, { seed: { userCount: 500 } });
    const file = join(folder, LAB_DIRECTORY_FILE);
    const all = await users(directory);
    const savesBefore = directory.saves;
    const target = exchangeDns().store(LAB.target.virtualServer, 'Indy', 'Sales');
    const checks = all.map(async (entry) => {
      await directory.modify(entry.dn, [{ operation: 'replace', attribute: 'homeMDB', values: [target] }]);
      return entry.dn;
    });
    // The first resolved promise must already find its change in the file.
    const firstDone = await Promise.race(checks);
    const onDisk = parseLdif(await readFile(file, 'utf8'));
    const record = onDisk.find((r) => dnEquals(r.dn, firstDone));
    expect(record?.attributes.find((a) => a.name.toLowerCase() === 'homemdb')?.value).toBe(target);
    await Promise.all(checks);
    const saves = directory.saves - savesBefore;
    expect(saves).toBeGreaterThanOrEqual(1);
    expect(saves).toBeLessThanOrEqual(3);
    const final = parseLdif(await readFile(file, 'utf8'));
    const homes = final.flatMap((r) => r.attributes.filter((a) => a.name.toLowerCase() === 'homemdb').map((a) => a.value));
    expect(homes).toHaveLength(500);
    expect(homes.every((value) => value === target)).toBe(true);
    expect((await readdir(folder)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    await directory.close();
  });

  it('names the file when it cannot load it', async () => {
    await writeFile(join(folder, LAB_DIRECTORY_FILE), 'dn: CN=Orphan,CN=Missing,DC=lab,DC=local\nobjectClass: container\ncn: Orphan\n');
    await expect(openLabDirectory(folder)).rejects.toThrow(/directory\.ldif: .*parent does not exist/);
  });
});
