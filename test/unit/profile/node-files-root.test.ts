import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFsNodeFiles, type FsLocator } from '../../../src-main/nodes/fs-node-files';
import { NodeFilesError } from '../../../src-main/nodes/port';
import { parseWindowsPath } from '../../../src-main/nodes/windows-path';
import { checkConnectionProfile } from '../../../src-main/profile/connection-profile-file';
import {
  createTemplateNodeFiles,
  DEFAULT_NODE_FILES_ROOT,
  expandNodeFilesRoot,
  nodeFilesRootProblem,
} from '../../../src-main/profile/node-files-root';

// The real adapter, watched: a test reads the locator a template built, to see the paths it gives without
// touching a share that does not exist here.
vi.mock('../../../src-main/nodes/fs-node-files', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../src-main/nodes/fs-node-files')>();
  return { ...actual, createFsNodeFiles: vi.fn(actual.createFsNodeFiles) };
});

/** The locator createTemplateNodeFiles(root) gives the file adapter. */
function locatorOf(root: string): FsLocator {
  const spy = vi.mocked(createFsNodeFiles);
  spy.mockClear();
  createTemplateNodeFiles(root);
  const locator = spy.mock.calls[0]?.[0];
  if (locator === undefined) throw new Error('createTemplateNodeFiles did not build a file adapter');
  return locator;
}

const locate = (root: string, node: string, path: string): Promise<string> => locatorOf(root).locate(node, parseWindowsPath(path));

describe('nodeFilesRootProblem', () => {
  it.each([
    DEFAULT_NODE_FILES_ROOT,
    '\\\\{node}\\{drive}$\\',
    '\\\\fileserver\\nodes\\{node}\\{drive}',
    'D:\\Lab\\{node}\\{drive}',
    '/srv/lab/nodes/{node}/{drive}',
    '/srv/{drive}/{node}',
    '/srv/node-{node}/drive-{drive}',
  ])('accepts %s', (root) => {
    expect(nodeFilesRootProblem(root)).toBeUndefined();
  });

  it('the default is the administrative share', () => {
    expect(DEFAULT_NODE_FILES_ROOT).toBe('\\\\{node}\\{drive}$');
  });

  it.each([
    ['\\\\{node}\\C$', /\{drive\} exactly once \(found 0\)/],
    ['\\\\SRC1\\{drive}$', /\{node\} exactly once \(found 0\)/],
    ['/srv/{node}/{node}/{drive}', /\{node\} exactly once \(found 2\)/],
    ['/srv/{node}/{drive}/{drive}', /\{drive\} exactly once \(found 2\)/],
    ['/srv/nodes', /\{node\} exactly once/],
    ['nodes/{node}/{drive}', /is not a full path/],
    ['{node}\\{drive}', /is not a full path/],
    ['C:{node}\\{drive}', /is not a full path/],
    ['', /is not a full path/],
    ['/srv/{Node}/{node}/{drive}', /'\{' or '\}'/],
    ['/srv/{nodes}/{node}/{drive}', /'\{' or '\}'/],
    ['/srv/{node}/{drive}}', /'\{' or '\}'/],
    ['/srv/../{node}/{drive}', /'\.' or '\.\.'/],
    ['\\\\{node}\\{drive}$\\..\\D$', /'\.' or '\.\.'/],
    ['/srv/./{node}/{drive}', /'\.' or '\.\.'/],
  ])('refuses %j saying why', (root, why) => {
    const problem = nodeFilesRootProblem(root);
    expect(problem).toMatch(why);
    if (root !== '') expect(problem).toContain(root);
  });

  it('a bad template in a profile is refused naming nodeFiles.root', () => {
    const check = checkConnectionProfile({
      format: 'exchange-ha-connection-profile',
      version: 1,
      name: 'Production',
      directory: { url: 'ldaps://dc1.example.com' },
      doubleTake: { user: 'EXAMPLE\\dt' },
      nodeFiles: { root: '\\\\{node}\\C$' },
    });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problems).toEqual([{ path: 'nodeFiles.root', message: expect.stringMatching(/\{drive\} exactly once/) }]);
  });

  it('createTemplateNodeFiles refuses a template that is not usable', () => {
    expect(() => createTemplateNodeFiles('/srv/nodes/{node}')).toThrow(/\{drive\} exactly once/);
    expect(() => createTemplateNodeFiles('relative/{node}/{drive}')).toThrow(/not a full path/);
  });
});

describe('expandNodeFilesRoot', () => {
  it('expands the administrative share and folder templates', () => {
    expect(expandNodeFilesRoot(DEFAULT_NODE_FILES_ROOT, 'SRC1', 'C')).toBe('\\\\SRC1\\C$');
    expect(expandNodeFilesRoot('D:\\Lab\\{node}\\{drive}', 'TGT2', 'E')).toBe('D:\\Lab\\TGT2\\E');
    expect(expandNodeFilesRoot('/srv/{drive}/{node}', 'SRC2', 'C')).toBe('/srv/C/SRC2');
  });

  it('property: each placeholder is replaced once by its value, whatever the values hold', () => {
    const part = fc.string({ maxLength: 8 }).filter((s) => !s.includes('{') && !s.includes('}'));
    const value = fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('{node}', '{drive}', 'A{drive}{node}'));
    fc.assert(
      fc.property(part, part, part, value, value, fc.boolean(), (a, b, c, node, drive, nodeFirst) => {
        const root = nodeFirst ? `/${a}{node}${b}{drive}${c}` : `/${a}{drive}${b}{node}${c}`;
        const expected = nodeFirst ? `/${a}${node}${b}${drive}${c}` : `/${a}${drive}${b}${node}${c}`;
        expect(expandNodeFilesRoot(root, node, drive)).toBe(expected);
      }),
    );
  });
});

describe('the paths a template gives', () => {
  it('the administrative share: \\\\NODE\\DRIVE$ then the path', async () => {
    expect(await locate(DEFAULT_NODE_FILES_ROOT, 'SRC1', 'C:\\Program Files\\DoubleTake\\online.dtcl')).toBe(
      '\\\\SRC1\\C$\\Program Files\\DoubleTake\\online.dtcl',
    );
    expect(await locate(DEFAULT_NODE_FILES_ROOT, 'TGT2', 'E:\\')).toBe('\\\\TGT2\\E$');
    // A trailing separator in the template is not doubled.
    expect(await locate('\\\\{node}\\{drive}$\\', 'SRC1', 'C:\\x.txt')).toBe('\\\\SRC1\\C$\\x.txt');
  });

  it('a Windows folder template uses backslashes, a POSIX one slashes', async () => {
    expect(await locate('D:\\Lab\\{node}\\{drive}', 'SRC2', 'C:\\Exchsrvr\\mdbdata\\priv1.edb')).toBe('D:\\Lab\\SRC2\\C\\Exchsrvr\\mdbdata\\priv1.edb');
    expect(await locate('/srv/lab/{node}/{drive}', 'SRC2', 'C:\\Exchsrvr\\mdbdata')).toBe('/srv/lab/SRC2/C/Exchsrvr/mdbdata');
  });

  it('the node name and drive letter reach the template upper case, the path resolved', async () => {
    const locator = locatorOf(DEFAULT_NODE_FILES_ROOT);
    const seen: string[] = [];
    const watched = createFsNodeFiles({
      locate: async (node, path) => {
        const at = await locator.locate(node, path);
        seen.push(at);
        throw new NodeFilesError('io', node, at, 'stop');
      },
    });
    await expect(watched.exists('src1', 'c:/Program Files/./x/../DoubleTake/online.dtcl')).rejects.toThrow('stop');
    expect(seen).toEqual(['\\\\SRC1\\C$\\Program Files\\DoubleTake\\online.dtcl']);
  });
});

describe('files through a folder template', () => {
  let folder: string;
  let root: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'node-files-root-'));
    root = join(folder, 'nodes', '{node}', '{drive}');
    await mkdir(join(folder, 'nodes', 'SRC1', 'C', 'Program Files', 'DoubleTake'), { recursive: true });
    await mkdir(join(folder, 'nodes', 'SRC2', 'C'), { recursive: true });
    await writeFile(join(folder, 'nodes', 'SRC1', 'C', 'Program Files', 'DoubleTake', 'online.dtcl'), 'ONLINE\r\n');
    await writeFile(join(folder, 'nodes', 'SRC2', 'C', 'other-node.txt'), 'SRC2 only');
    await writeFile(join(folder, 'outside.txt'), 'outside the nodes');
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  /** Every file under the temporary folder, relative, with '/' separators. */
  async function allFiles(): Promise<string[]> {
    const entries = await readdir(folder, { recursive: true, withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => relative(folder, join(entry.parentPath, entry.name)).split(sep).join('/'))
      .sort();
  }

  it('reads and writes inside the expanded root', async () => {
    const files = createTemplateNodeFiles(root);
    expect((await files.readFile('src1', 'c:\\Program Files\\DoubleTake\\online.dtcl')).toString()).toBe('ONLINE\r\n');
    await files.writeFile('SRC1', 'C:\\Program Files\\DoubleTake\\online.dtcl.bak', Buffer.from('backup'));
    expect(await readFile(join(folder, 'nodes', 'SRC1', 'C', 'Program Files', 'DoubleTake', 'online.dtcl.bak'), 'utf8')).toBe('backup');
    expect(await files.exists('SRC2', 'C:\\other-node.txt')).toBe(true);
    expect(await files.exists('SRC1', 'C:\\other-node.txt')).toBe(false);
    expect((await files.list('SRC1', 'C:\\Program Files\\DoubleTake')).map((entry) => entry.name)).toEqual(['online.dtcl', 'online.dtcl.bak']);
  });

  it('a path that resolves inside the drive stays there', async () => {
    const files = createTemplateNodeFiles(root);
    await files.writeFile('SRC1', 'C:\\Program Files\\..\\moved.txt', Buffer.from('x'));
    expect(await readFile(join(folder, 'nodes', 'SRC1', 'C', 'moved.txt'), 'utf8')).toBe('x');
  });

  it.each([
    'C:\\..\\..\\..\\outside.txt',
    'C:\\..\\..\\SRC2\\C\\other-node.txt',
    'C:/Program Files/../../../outside.txt',
    'C:\\Program Files\\DoubleTake\\..\\..\\..\\D\\x.txt',
  ])('a path climbing out with .. (%s) is refused and touches nothing', async (path) => {
    const files = createTemplateNodeFiles(root);
    const before = await allFiles();
    await expect(files.readFile('SRC1', path)).rejects.toMatchObject({ code: 'invalid-path', node: 'SRC1' });
    await expect(files.writeFile('SRC1', path, Buffer.from('escaped'))).rejects.toMatchObject({ code: 'invalid-path' });
    await expect(files.createDirectory('SRC1', path)).rejects.toMatchObject({ code: 'invalid-path' });
    expect(await allFiles()).toEqual(before);
    expect(await readFile(join(folder, 'outside.txt'), 'utf8')).toBe('outside the nodes');
  });

  it.each(['..', '.', 'SRC1/../SRC2', 'SRC1\\..\\SRC2', '', 'SRC 1', '{drive}'])('a node name %j that could change the folder is refused', async (node) => {
    const files = createTemplateNodeFiles(root);
    await expect(files.readFile(node, 'C:\\other-node.txt')).rejects.toMatchObject({ code: 'invalid-node' });
    await expect(files.writeFile(node, 'C:\\x.txt', Buffer.from('x'))).rejects.toMatchObject({ code: 'invalid-node' });
  });

  it('property: whatever the path, a write lands under the node drive folder or is refused', async () => {
    const files = createTemplateNodeFiles(root);
    await mkdir(join(folder, 'nodes', 'SRC1', 'C', 'a', 'b'), { recursive: true });
    const name = fc.constantFrom('..', '.', 'a', 'b', 'SRC2', 'C', 'nodes', 'f.txt', '...', '..x');
    const separator = fc.constantFrom('\\', '/');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(name, separator), { minLength: 1, maxLength: 7 }), async (parts) => {
        const path = `C:${parts.map(([n, s]) => s + n).join('')}`;
        try {
          await files.writeFile('SRC1', path, Buffer.from(path));
        } catch (error) {
          expect(error).toBeInstanceOf(NodeFilesError);
        }
        for (const file of await allFiles()) {
          const inside = file.startsWith('nodes/SRC1/C/') || ['outside.txt', 'nodes/SRC2/C/other-node.txt'].includes(file);
          expect(inside, `${path} wrote ${file}`).toBe(true);
        }
        expect(await readFile(join(folder, 'nodes', 'SRC2', 'C', 'other-node.txt'), 'utf8')).toBe('SRC2 only');
        expect(await readFile(join(folder, 'outside.txt'), 'utf8')).toBe('outside the nodes');
      }),
      { numRuns: 150 },
    );
  });

  it('an error names the node and the Windows path, not the folder', async () => {
    const files = createTemplateNodeFiles(root);
    const error = await files.readFile('SRC1', 'C:\\missing.txt').then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(NodeFilesError);
    expect((error as NodeFilesError).message).toBe('SRC1 C:\\missing.txt: The system cannot find the file specified.');
  });
});
