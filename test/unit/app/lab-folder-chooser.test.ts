import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withChosenFile, type FileChoiceKind } from '../../../src-main/app/file-chooser';
import { LAB_STATE_FILES, labFileNameProblem, labFolderChooser } from '../../../src-main/app/lab-folder-chooser';

/** The browser preview takes only names of files in the lab folder itself, whatever the socket sends. */

let root: string;
let lab: string;
let outside: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'lab-chooser-'));
  lab = join(root, 'lab');
  outside = join(root, 'elsewhere');
  await mkdir(lab);
  await mkdir(outside);
  await writeFile(join(outside, 'secret.json'), '{"password":"hunter2"}');
  await writeFile(join(lab, 'pair.json'), '{}');
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const choose = (suggestion: string | undefined, kind: FileChoiceKind = 'open') => labFolderChooser(lab).choose(kind, { suggestion, current: join(lab, 'pair.json') });

describe('the lab-folder chooser', () => {
  it('says it chooses in the lab folder', () => {
    expect(labFolderChooser(lab).mode).toBe('lab-folder');
  });

  it('takes a plain name, or a full path, of a file in the lab folder (there or not yet)', async () => {
    expect(await choose('pair.json')).toEqual({ kind: 'chosen', path: join(lab, 'pair.json'), replaceAsked: false });
    expect(await choose(' copy.JSON ', 'saveAs')).toEqual({ kind: 'chosen', path: join(lab, 'copy.JSON'), replaceAsked: false });
    expect(await choose(join(lab, 'new.json'), 'new')).toEqual({ kind: 'chosen', path: join(lab, 'new.json'), replaceAsked: false });
  });

  it.each([
    [undefined, /Type the name of a pair document file in the lab folder/],
    ['   ', /Type the name/],
    ['../elsewhere/secret.json', /leads out of the lab folder \(".."\)/],
    ['..\\elsewhere\\secret.json', /leads out of the lab folder/],
    ['sub/../pair.json', /leads out of the lab folder/],
    ['pair.txt', /does not end in \.json/],
    ['/etc/passwd', /does not end in \.json/],
    ['pa\nir.json', /control character/],
    [`${'a'.repeat(300)}.json`, /characters long; use at most 200/],
    ['progress.json', /holds the lab's own state/],
    ['PAIR-LOCATION.json', /holds the lab's own state/],
  ])('refuses %j, saying why', async (suggestion, message) => {
    const choice = await choose(suggestion);
    expect(choice).toEqual({ kind: 'refused', message: expect.stringMatching(message) });
  });

  it('refuses a full path elsewhere and a subfolder, naming the lab folder', async () => {
    await mkdir(join(lab, 'nodes'));
    for (const suggestion of [join(outside, 'secret.json'), '/tmp/other.json', 'nodes/x.json']) {
      expect(await choose(suggestion)).toEqual({ kind: 'refused', message: expect.stringContaining(`is not in the lab folder ${lab}`) });
    }
  });

  it('refuses a link in the lab folder that leads out of it, nowhere, or to the lab state', async () => {
    await symlink(join(outside, 'secret.json'), join(lab, 'leak.json'));
    await symlink(join(outside, 'missing.json'), join(lab, 'dangling.json'));
    await writeFile(join(lab, 'progress.json'), '{}');
    await symlink(join(lab, 'progress.json'), join(lab, 'innocent.json'));
    expect(await choose('leak.json')).toEqual({ kind: 'refused', message: expect.stringMatching(/link to a file outside it/) });
    expect(await choose('dangling.json', 'saveAs')).toEqual({ kind: 'refused', message: expect.stringMatching(/link that leads nowhere/) });
    expect(await choose('innocent.json', 'saveAs')).toEqual({ kind: 'refused', message: expect.stringMatching(/leads to another file: progress\.json holds the lab's own state/) });
  });

  it('refuses a linked folder inside the lab folder that leads out of it', async () => {
    await symlink(outside, join(lab, 'out'));
    expect(await choose('out/secret.json')).toMatchObject({ kind: 'refused' });
  });

  it('works in a lab folder reached through a link, answering the real path', async () => {
    const linked = join(root, 'linked-lab');
    await symlink(lab, linked);
    expect(await labFolderChooser(linked).choose('open', { suggestion: 'pair.json', current: '' })).toEqual({ kind: 'chosen', path: join(lab, 'pair.json'), replaceAsked: false });
    expect(await labFolderChooser(linked).choose('open', { suggestion: join(linked, 'pair.json'), current: '' })).toMatchObject({ kind: 'chosen', path: join(lab, 'pair.json') });
  });

  it('keeps the lab state names in one list, every one a .json file', () => {
    expect(LAB_STATE_FILES).toEqual(expect.arrayContaining(['clusters.json', 'doubletake.json', 'progress.json', 'pair-location.json']));
    for (const name of LAB_STATE_FILES) expect(labFileNameProblem(name, LAB_STATE_FILES)).toMatch(/lab's own state/);
  });

  it('does nothing with a refused or cancelled choice', async () => {
    const done: string[] = [];
    const then = async (path: string) => void done.push(path);
    expect(await withChosenFile(labFolderChooser(lab), 'open', { suggestion: '../x.json', current: '' }, then)).toMatchObject({ kind: 'refused' });
    const cancelling = { mode: 'dialog' as const, choose: async () => ({ kind: 'cancelled' as const }) };
    expect(await withChosenFile(cancelling, 'open', { suggestion: undefined, current: '' }, then)).toEqual({ kind: 'cancelled' });
    expect(done).toEqual([]);
    expect(await withChosenFile(labFolderChooser(lab), 'open', { suggestion: 'pair.json', current: '' }, then)).toEqual({ kind: 'done', value: undefined });
    expect(done).toEqual([join(lab, 'pair.json')]);
  });
});
