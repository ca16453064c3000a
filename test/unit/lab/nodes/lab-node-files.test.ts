import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLabNodeFiles, labNodeFolder } from '../../../../src-main/lab/nodes/lab-node-files';
import { NodeFilesError, type NodeFiles } from '../../../../src-main/nodes/port';

let lab: string;
let files: NodeFiles;

beforeEach(async () => {
  lab = await mkdtemp(join(tmpdir(), 'lab-node-files-'));
  await mkdir(join(lab, 'nodes', 'SRC1', 'C', 'Program Files', 'DoubleTake'), { recursive: true });
  await writeFile(join(lab, 'nodes', 'SRC1', 'C', 'Program Files', 'DoubleTake', 'online.dtcl'), 'script\r\n');
  await mkdir(join(lab, 'nodes', 'SRC2', 'C'), { recursive: true });
  files = createLabNodeFiles(lab);
});

afterEach(async () => {
  await rm(lab, { recursive: true, force: true });
});

async function failure(work: Promise<unknown>): Promise<NodeFilesError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof NodeFilesError) return error;
    throw error;
  }
  throw new Error('expected a NodeFilesError');
}

describe('createLabNodeFiles', () => {
  it('maps (node, C:\\X\\Y) to <lab>/nodes/<NODE>/C/X/Y', async () => {
    const content = await files.readFile('SRC1', 'C:\\Program Files\\DoubleTake\\online.dtcl');
    expect(content.toString()).toBe('script\r\n');
    expect(labNodeFolder(lab, 'src1')).toBe(join(lab, 'nodes', 'SRC1'));
  });

  it('matches node names and path names case-insensitively, as Windows does', async () => {
    const content = await files.readFile('src1', 'c:\\program files\\doubletake\\ONLINE.DTCL');
    expect(content.toString()).toBe('script\r\n');
  });

  it('writes atomically, replacing the file and leaving no temporary file', async () => {
    await files.writeFile('SRC1', 'C:\\program files\\DoubleTake\\online.dtcl', Buffer.from('patched'));
    const folder = join(lab, 'nodes', 'SRC1', 'C', 'Program Files', 'DoubleTake');
    expect(await readdir(folder)).toEqual(['online.dtcl']);
    expect(await readFile(join(folder, 'online.dtcl'), 'utf8')).toBe('patched');
  });

  it('creates a new file with the spelling it was given, inside existing folders matched case-insensitively', async () => {
    await files.writeFile('SRC1', 'C:\\PROGRAM FILES\\doubletake\\New.txt', Buffer.from('x'));
    expect(await readFile(join(lab, 'nodes', 'SRC1', 'C', 'Program Files', 'DoubleTake', 'New.txt'), 'utf8')).toBe('x');
  });

  it('refuses to write into a folder that does not exist', async () => {
    const error = await failure(files.writeFile('SRC1', 'C:\\Missing\\file.txt', Buffer.from('x')));
    expect(error.code).toBe('not-found');
    expect(error.message).toBe('SRC1 C:\\Missing\\file.txt: The system cannot find the path specified.');
  });

  it('refuses to write over a folder and to read a folder', async () => {
    expect((await failure(files.writeFile('SRC1', 'C:\\Program Files', Buffer.from('x')))).code).toBe('not-a-file');
    expect((await failure(files.readFile('SRC1', 'C:\\Program Files'))).code).toBe('not-a-file');
  });

  it('reports a missing file in Windows words, naming node and path', async () => {
    const error = await failure(files.readFile('SRC2', 'C:\\Program Files\\DoubleTake\\online.dtcl'));
    expect(error.code).toBe('not-found');
    expect(error.node).toBe('SRC2');
    expect(error.message).toBe('SRC2 C:\\Program Files\\DoubleTake\\online.dtcl: The system cannot find the file specified.');
  });

  it('answers exists for files, folders and missing paths', async () => {
    expect(await files.exists('SRC1', 'C:\\Program Files\\DoubleTake\\online.dtcl')).toBe(true);
    expect(await files.exists('SRC1', 'C:\\Program Files')).toBe(true);
    expect(await files.exists('SRC1', 'C:\\Program Files\\nothing')).toBe(false);
    expect(await files.exists('SRC1', 'C:\\Program Files\\DoubleTake\\online.dtcl\\below')).toBe(false);
    expect(await files.exists('SRC1', 'E:\\')).toBe(false);
  });

  it('lists a folder sorted by name, case-insensitively', async () => {
    const folder = 'C:\\Program Files\\DoubleTake';
    await files.writeFile('SRC1', `${folder}\\b.txt`, Buffer.from('b'));
    await files.writeFile('SRC1', `${folder}\\A.txt`, Buffer.from('a'));
    await files.createDirectory('SRC1', `${folder}\\Logs`);
    expect(await files.list('SRC1', folder)).toEqual([
      { name: 'A.txt', kind: 'file' },
      { name: 'b.txt', kind: 'file' },
      { name: 'Logs', kind: 'directory' },
      { name: 'online.dtcl', kind: 'file' },
    ]);
    expect((await failure(files.list('SRC1', `${folder}\\online.dtcl`))).code).toBe('not-a-directory');
  });

  it('stats files and folders', async () => {
    const file = await files.stat('SRC1', 'C:\\Program Files\\DoubleTake\\online.dtcl');
    expect(file.kind).toBe('file');
    expect(file.size).toBe(8);
    expect(file.modified).toBeInstanceOf(Date);
    expect((await files.stat('SRC1', 'C:\\Program Files')).kind).toBe('directory');
    expect((await failure(files.stat('SRC1', 'C:\\nothing'))).code).toBe('not-found');
  });

  it('creates folders with their parents, and does nothing when they exist', async () => {
    await files.createDirectory('SRC2', 'E:\\Exchsrvr\\mdbdata');
    await files.createDirectory('SRC2', 'e:\\exchsrvr\\MDBDATA');
    expect(await readdir(join(lab, 'nodes', 'SRC2', 'E', 'Exchsrvr'))).toEqual(['mdbdata']);
    const error = await failure(files.createDirectory('SRC1', 'C:\\Program Files\\DoubleTake\\online.dtcl'));
    expect(error.code).toBe('not-a-directory');
  });

  it('treats a node without a folder as unreachable, as Windows treats a missing share', async () => {
    const error = await failure(files.readFile('TGT9', 'C:\\x'));
    expect(error.code).toBe('node-unreachable');
    expect(error.message).toBe('TGT9 C:\\x: The network path was not found.');
  });

  it('treats a node that is powered off as unreachable', async () => {
    const powered = createLabNodeFiles(lab, { isNodeUp: (node) => node !== 'SRC1' });
    expect((await failure(powered.readFile('src1', 'C:\\Program Files\\DoubleTake\\online.dtcl'))).code).toBe('node-unreachable');
    expect(await powered.exists('SRC2', 'C:\\')).toBe(true);
  });

  it('refuses node names that are not computer names, before touching the disk', async () => {
    for (const node of ['..', 'SRC1/../SRC2', '', 'a b']) {
      expect((await failure(files.readFile(node, 'C:\\x'))).code).toBe('invalid-node');
    }
  });

  it('refuses bad Windows paths with the reason', async () => {
    const error = await failure(files.readFile('SRC1', 'C:\\..\\..\\..\\etc\\passwd'));
    expect(error.code).toBe('invalid-path');
    expect(error.message).toContain('climbs above the root');
    expect((await failure(files.readFile('SRC1', 'C:\\a|b'))).code).toBe('invalid-path');
  });

  it('refuses a symbolic link anywhere in the path, even one that points inside the lab', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'outside-'));
    try {
      await writeFile(join(outside, 'secret.txt'), 'secret');
      await symlink(outside, join(lab, 'nodes', 'SRC1', 'C', 'Linked'));
      await symlink(join(outside, 'secret.txt'), join(lab, 'nodes', 'SRC1', 'C', 'secret.txt'));
      await symlink(join(lab, 'nodes', 'SRC2', 'C'), join(lab, 'nodes', 'SRC1', 'C', 'Other'));
      for (const path of ['C:\\Linked\\secret.txt', 'C:\\linked\\secret.txt', 'C:\\secret.txt', 'C:\\Other']) {
        const error = await failure(files.readFile('SRC1', path));
        expect(error.code).toBe('outside-node');
        expect(error.message).toContain('symbolic link');
      }
      expect((await failure(files.writeFile('SRC1', 'C:\\Linked\\new.txt', Buffer.from('x')))).code).toBe('outside-node');
      expect((await failure(files.writeFile('SRC1', 'C:\\secret.txt', Buffer.from('x')))).code).toBe('outside-node');
      expect(await readFile(join(outside, 'secret.txt'), 'utf8')).toBe('secret');
      expect(await readdir(outside)).toEqual(['secret.txt']);
      expect(await files.list('SRC1', 'C:\\')).toContainEqual({ name: 'Linked', kind: 'other' });
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('refuses a node folder that is itself a link', async () => {
    const outside = await mkdtemp(join(tmpdir(), 'outside-'));
    try {
      await mkdir(join(outside, 'C'));
      await symlink(outside, join(lab, 'nodes', 'TGT1'));
      expect((await failure(files.exists('TGT1', 'C:\\'))).code).toBe('node-unreachable');
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  it('refuses to guess between two lab names that are one name on Windows', async () => {
    await mkdir(join(lab, 'nodes', 'SRC2', 'C', 'Data'));
    await mkdir(join(lab, 'nodes', 'SRC2', 'C', 'DATA'));
    const error = await failure(files.exists('SRC2', 'C:\\data'));
    expect(error.code).toBe('io');
    expect(error.message).toMatch(/'Data' and 'DATA'|'DATA' and 'Data'/);
    expect(await files.exists('SRC2', 'C:\\Data')).toBe(true);
  });
});
