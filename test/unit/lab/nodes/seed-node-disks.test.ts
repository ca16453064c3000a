import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LAB_SHARED_DISK_OWNERS, labSeedFiles, seedNodeDisks } from '../../../../src-main/lab/nodes/seed-node-disks';
import { GUIDE_MIRROR_LINE } from '../../../../src-main/lab/nodes/shipped-dtcl-scripts';
import { createLabNodeFiles } from '../../../../src-main/lab/nodes/lab-node-files';

let lab: string;

beforeEach(async () => {
  lab = await mkdtemp(join(tmpdir(), 'seed-node-disks-'));
});

afterEach(async () => {
  await rm(lab, { recursive: true, force: true });
});

/** Every file under the lab with its bytes and modification time, to prove a second seeding changes nothing. */
async function snapshot(folder: string): Promise<Map<string, { content: string; mtimeMs: number }>> {
  const result = new Map<string, { content: string; mtimeMs: number }>();
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    const full = join(entry.parentPath, entry.name);
    const info = await stat(full);
    result.set(relative(folder, full), {
      content: entry.isFile() ? (await readFile(full)).toString('base64') : '<dir>',
      mtimeMs: info.mtimeMs,
    });
  }
  return result;
}

describe('seedNodeDisks', () => {
  it('gives every node Double-Take scripts under C:\\Program Files\\DoubleTake', async () => {
    await seedNodeDisks(lab);
    for (const node of ['SRC1', 'SRC2', 'TGT1', 'TGT2']) {
      const folder = join(lab, 'nodes', node, 'C', 'Program Files', 'DoubleTake');
      expect((await readdir(folder)).sort()).toEqual(['offline.dtcl', 'online.dtcl']);
    }
  });

  it('ships online.dtcl unpatched, with the section the guide quotes and CRLF line endings', async () => {
    await seedNodeDisks(lab);
    const text = await readFile(join(lab, 'nodes', 'SRC2', 'C', 'Program Files', 'DoubleTake', 'online.dtcl'), 'utf8');
    expect(text).toContain(
      ['if ($exitcode = 0) then', '    WRITE "Starting block checksum mirror";', GUIDE_MIRROR_LINE.before].join('\r\n'),
    );
    expect(text).not.toContain('ORPHANS');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text).toMatch(/CONNECT \$repset TO \$target MAP EXACT;/);
  });

  it('puts Exchange data on E: of the first node of each cluster only', async () => {
    await seedNodeDisks(lab);
    expect(LAB_SHARED_DISK_OWNERS).toEqual(['SRC1', 'TGT1']);
    for (const node of ['SRC1', 'TGT1']) {
      const exchsrvr = join(lab, 'nodes', node, 'E', 'Exchsrvr');
      expect((await readdir(join(exchsrvr, 'mdbdata'))).sort()).toEqual(['E00.log', 'priv1.edb', 'priv1.stm', 'pub1.edb', 'pub1.stm']);
      expect(await readdir(join(exchsrvr, 'Indy'))).toContain('Sales.edb');
      expect(await readdir(join(exchsrvr, 'Boston'))).toContain('Sales.edb');
      const edb = await readFile(join(exchsrvr, 'mdbdata', 'priv1.edb'));
      expect(edb.length).toBeGreaterThan(0);
      expect(edb.subarray(4, 8)).toEqual(Buffer.from([0xef, 0xcd, 0xab, 0x89]));
    }
    const files = createLabNodeFiles(lab);
    expect(await files.exists('SRC2', 'E:\\Exchsrvr')).toBe(false);
    expect(await files.exists('TGT2', 'E:\\')).toBe(false);
  });

  it('gives the source and target copies of a store different bytes', async () => {
    await seedNodeDisks(lab);
    const files = createLabNodeFiles(lab);
    const source = await files.readFile('SRC1', 'E:\\Exchsrvr\\Indy\\Sales.edb');
    const target = await files.readFile('TGT1', 'E:\\Exchsrvr\\Indy\\Sales.edb');
    const boston = await files.readFile('SRC1', 'E:\\Exchsrvr\\Boston\\Sales.edb');
    expect(source.equals(target)).toBe(false);
    expect(source.equals(boston)).toBe(false);
  });

  it('reports what it created, and nothing the second time', async () => {
    const first = await seedNodeDisks(lab);
    expect(first.created).toHaveLength(labSeedFiles().length);
    expect(first.created).toContain('SRC1 C:\\Program Files\\DoubleTake\\online.dtcl');
    const second = await seedNodeDisks(lab);
    expect(second.created).toEqual([]);
  });

  it('is idempotent: seeding an existing lab changes no byte and no timestamp', async () => {
    await seedNodeDisks(lab);
    const before = await snapshot(lab);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await seedNodeDisks(lab);
    expect(await snapshot(lab)).toEqual(before);
  });

  it('leaves an edited file alone and restores only what is missing', async () => {
    await seedNodeDisks(lab);
    const online = join(lab, 'nodes', 'SRC1', 'C', 'Program Files', 'DoubleTake', 'online.dtcl');
    await writeFile(online, 'patched by hand');
    await rm(join(lab, 'nodes', 'TGT1', 'E', 'Exchsrvr', 'Boston'), { recursive: true });
    const report = await seedNodeDisks(lab);
    expect([...report.created].sort()).toEqual(['TGT1 E:\\Exchsrvr\\Boston\\Sales.edb', 'TGT1 E:\\Exchsrvr\\Boston\\Sales.stm']);
    expect(await readFile(online, 'utf8')).toBe('patched by hand');
  });
});
