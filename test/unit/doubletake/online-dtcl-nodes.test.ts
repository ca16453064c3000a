import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applyOnlineDtclOnNodes,
  DEFAULT_DOUBLE_TAKE_FOLDER,
  onlineDtclPath,
  planOnlineDtclOnNodes,
  verifyOnlineDtclOnNodes,
} from '../../../src-main/doubletake/online-dtcl-nodes';
import { createLabNodeFiles } from '../../../src-main/lab/nodes/lab-node-files';
import { seedNodeDisks } from '../../../src-main/lab/nodes/seed-node-disks';
import { GUIDE_MIRROR_LINE, shippedOnlineDtcl } from '../../../src-main/lab/nodes/shipped-dtcl-scripts';
import { LAB } from '../../../src-main/lab/topology';
import type { NodeFiles } from '../../../src-main/nodes/port';

const NODES = ['SRC1', 'SRC2', 'TGT1', 'TGT2'];
let lab: string;

beforeEach(async () => {
  lab = await mkdtemp(join(tmpdir(), 'online-dtcl-nodes-'));
  await seedNodeDisks(lab);
});

afterEach(async () => {
  await rm(lab, { recursive: true, force: true });
});

const onDisk = (node: string) => join(lab, 'nodes', node, 'C', 'Program Files', 'DoubleTake', 'online.dtcl');

describe('online.dtcl on every node', () => {
  it('names the script under the installation folder', () => {
    expect(onlineDtclPath()).toBe('C:\\Program Files\\DoubleTake\\online.dtcl');
    expect(onlineDtclPath('D:\\Apps\\DT')).toBe('D:\\Apps\\DT\\online.dtcl');
  });

  it('plans without writing', async () => {
    const results = await planOnlineDtclOnNodes(createLabNodeFiles(lab), NODES);
    expect(results.map((r) => [r.node, r.outcome])).toEqual(NODES.map((n) => [n, 'needs-change']));
    const first = results[0];
    if (first?.outcome !== 'needs-change') throw new Error('expected a change');
    expect(first.before).toBe(GUIDE_MIRROR_LINE.before);
    expect(first.after).toBe(GUIDE_MIRROR_LINE.after);
    expect(first.preview).toContain('--- SRC1 C:\\Program Files\\DoubleTake\\online.dtcl');
    expect((await readFile(onDisk('SRC1'))).equals(shippedOnlineDtcl())).toBe(true);
  });

  it('patches every node, verifies, and changes nothing the second time', async () => {
    const files = createLabNodeFiles(lab);
    const first = await applyOnlineDtclOnNodes(files, NODES);
    expect(first.map((r) => r.outcome)).toEqual(['changed', 'changed', 'changed', 'changed']);
    for (const node of NODES) {
      const text = await readFile(onDisk(node), 'utf8');
      expect(text).toContain(`${GUIDE_MIRROR_LINE.after}\r\n`);
      expect(text).not.toContain(`${GUIDE_MIRROR_LINE.before}\r\n`);
    }
    const mtimes = await Promise.all(NODES.map(async (n) => (await stat(onDisk(n))).mtimeMs));
    await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await applyOnlineDtclOnNodes(files, NODES);
    expect(second.map((r) => r.outcome)).toEqual(['already-patched', 'already-patched', 'already-patched', 'already-patched']);
    expect(await Promise.all(NODES.map(async (n) => (await stat(onDisk(n))).mtimeMs))).toEqual(mtimes);
    expect((await verifyOnlineDtclOnNodes(files, NODES)).every((r) => r.ok)).toBe(true);
  });

  it('reports each node on its own: one down, one missing, one ambiguous, one patched', async () => {
    await rm(onDisk('SRC2'));
    await writeFile(onDisk('TGT1'), `${GUIDE_MIRROR_LINE.before}\r\n${GUIDE_MIRROR_LINE.before}\r\n`);
    const files = createLabNodeFiles(lab, { isNodeUp: (node) => node !== 'TGT2' });
    const results = await applyOnlineDtclOnNodes(files, NODES);
    expect(results.map((r) => r.outcome)).toEqual(['changed', 'failed', 'failed', 'failed']);
    expect(results[1]).toMatchObject({ reason: 'not-found', message: 'SRC2 C:\\Program Files\\DoubleTake\\online.dtcl: The system cannot find the file specified.' });
    expect(results[2]).toMatchObject({ reason: 'ambiguous', message: expect.stringContaining('TGT1 C:\\Program Files\\DoubleTake\\online.dtcl') });
    expect(results[3]).toMatchObject({ reason: 'node-unreachable' });
    expect(await readFile(onDisk('TGT1'), 'utf8')).not.toContain('ORPHANS');
    const verified = await verifyOnlineDtclOnNodes(files, NODES);
    expect(verified.map((r) => r.ok)).toEqual([true, false, false, false]);
    expect(verified[3]?.message).toContain('The network path was not found.');
  });

  it('says so when the file does not read back patched', async () => {
    const real = createLabNodeFiles(lab);
    const forgetful: NodeFiles = {
      ...real,
      writeFile: async (node, path, content) => (path.endsWith('.bak') ? await real.writeFile(node, path, content) : undefined),
    };
    const [result] = await applyOnlineDtclOnNodes(forgetful, ['SRC1']);
    expect(result).toMatchObject({ outcome: 'failed', reason: 'verify-failed', message: expect.stringContaining('no ORPHANS') });
  });

  it('verifies an unpatched node as not ok, naming the line', async () => {
    const [result] = await verifyOnlineDtclOnNodes(createLabNodeFiles(lab), ['SRC1']);
    expect(result?.ok).toBe(false);
    expect(result?.message).toMatch(/^SRC1 C:\\Program Files\\DoubleTake\\online\.dtcl: line \d+ has no ORPHANS yet\.$/);
  });
});

describe('the installation default', () => {
  it('is the folder the lab installs Double-Take in', () => {
    expect(DEFAULT_DOUBLE_TAKE_FOLDER).toBe(LAB.doubleTakeFolder);
  });
});
