import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../src-main/shared/write-file-atomic';

let folder: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'atomic-write-'));
});

afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('creates and replaces a file, leaving only the file', async () => {
    const target = join(folder, 'doubletake.json');
    await writeFileAtomic(target, Buffer.from('one'));
    await writeFileAtomic(target, Buffer.from('two'));
    expect(await readFile(target, 'utf8')).toBe('two');
    expect(await readdir(folder)).toEqual(['doubletake.json']);
  });

  it('removes its temporary file and keeps the old target when the rename fails', async () => {
    const target = join(folder, 'busy');
    await mkdir(target);
    await writeFile(join(target, 'inside'), 'x');
    await expect(writeFileAtomic(target, Buffer.from('new'))).rejects.toThrow();
    expect(await readdir(folder)).toEqual(['busy']);
    expect(await readdir(target)).toEqual(['inside']);
  });

  it('fails when the folder does not exist, creating nothing', async () => {
    await expect(writeFileAtomic(join(folder, 'missing', 'file'), Buffer.from('x'))).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readdir(folder)).toEqual([]);
  });
});
