import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { win32 } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../src-main/app/create-app';
import type { App } from '../../../src-main/app/app';
import { labPairDocument } from '../../../src-main/lab/lab-pair-document';
import { formatPairDocument } from '../../../src-main/pair/pair-document-file';
import { pairFilePathProblem } from '../../../src-main/pair/pair-file-path';
import { pairDocumentTemplate } from '../../../src-main/pair/pair-template';
import { PAIR_LOCATION_FILE, rememberedPairFile } from '../../../src-main/setup/pair-location-memory';
import { openPairStore, pairDigest } from '../../../src-main/setup/pair-store';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'pair-location-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const labText = () => formatPairDocument(labPairDocument());

describe('where a pair document may live', () => {
  it.each([
    ['', /full path of the pair document/],
    ['  /srv/ha/pair.json', /starts or ends with a space/],
    ['/srv/ha/pa\nir.json', /control character/],
    [`/srv/${'a'.repeat(260)}.json`, /270 characters long; Windows allows at most 259/],
    ['pair.json', /"pair\.json" is not a full path/],
    ['/srv/ha/pair.txt', /does not end in \.json/],
  ])('refuses %j', (path, message) => {
    expect(pairFilePathProblem(path)).toMatch(message);
  });

  it('takes full Windows paths (drive and share) where the program runs on Windows', () => {
    for (const path of ['C:\\HA\\pair.json', '\\\\FILES\\HA\\Pair.JSON']) expect(pairFilePathProblem(path, win32.isAbsolute)).toBeUndefined();
    expect(pairFilePathProblem('HA\\pair.json', win32.isAbsolute)).toMatch(/not a full path/);
  });
});

describe('the pair store moves to another file', () => {
  it('opens an existing file: its content, problems and digest are read from there; it is remembered', async () => {
    const first = join(folder, 'first.json');
    const second = join(folder, 'second.json');
    await writeFile(first, labText());
    const changed = { ...labPairDocument(), source: { ...labPairDocument().source, group: { ...labPairDocument().source.group, description: 'Moved to the new SAN' } } };
    await writeFile(second, formatPairDocument(changed));
    const told: string[] = [];
    const store = openPairStore(first, { onRelocated: async (path) => void told.push(path) });
    await store.status();
    expect(store.digest()).toBe(pairDigest(labPairDocument()));

    const opened = await store.open(second);
    expect(opened).toMatchObject({ ok: true, status: { path: second, problems: [], saved: false } });
    expect(store.path).toBe(second);
    expect(store.digest()).toBe(pairDigest(changed));
    expect(told).toEqual([second]);
    const loaded = await store.load();
    expect(loaded.ok && loaded.document.source.group.description).toBe('Moved to the new SAN');
  });

  it('refuses to open what is not there, a folder or a bad path, and stays on its file', async () => {
    const first = join(folder, 'first.json');
    await writeFile(first, labText());
    await mkdir(join(folder, 'folder.json'));
    const told: string[] = [];
    const store = openPairStore(first, { onRelocated: async (path) => void told.push(path) });
    expect(await store.open(join(folder, 'missing.json'))).toEqual({ ok: false, code: 'pair/location', message: expect.stringMatching(/There is no file at .*missing\.json/) });
    expect(await store.open(join(folder, 'folder.json'))).toMatchObject({ ok: false, code: 'pair/location', message: expect.stringMatching(/is not a file/) });
    expect(await store.open('relative.json')).toMatchObject({ ok: false, code: 'pair/location', message: expect.stringMatching(/not a full path/) });
    expect(store.path).toBe(first);
    expect(told).toEqual([]);
  });

  it('saves as a new file, then works from it; the old file is left as it was', async () => {
    const first = join(folder, 'first.json');
    await writeFile(first, labText());
    const store = openPairStore(first);
    const target = join(folder, 'copy.json');
    const outcome = await store.saveAs(target, labPairDocument(), false);
    expect(outcome).toMatchObject({ ok: true, status: { path: target, problems: [], saved: true } });
    expect(await readFile(target, 'utf8')).toBe(labText());
    expect(await readFile(first, 'utf8')).toBe(labText());
    expect(store.path).toBe(target);
    expect(store.digest()).toBe(pairDigest(labPairDocument()));
  });

  it('refuses to save as onto an existing file unless told to replace it, into a missing folder, or with problems', async () => {
    const first = join(folder, 'first.json');
    const other = join(folder, 'other.json');
    await writeFile(first, labText());
    await writeFile(other, 'keep me');
    const store = openPairStore(first);
    expect(await store.saveAs(other, labPairDocument(), false)).toEqual({ ok: false, code: 'pair/exists', message: expect.stringMatching(/other\.json already exists; choose Replace/) });
    expect(await readFile(other, 'utf8')).toBe('keep me');
    expect(await store.saveAs(join(folder, 'no-such-folder', 'x.json'), labPairDocument(), false)).toMatchObject({
      ok: false,
      code: 'pair/location',
      message: expect.stringMatching(/The folder .*no-such-folder does not exist/),
    });
    const bad = { ...labPairDocument(), source: { ...labPairDocument().source, networkName: { ...labPairDocument().source.networkName, name: 'NOT A NETBIOS NAME!' } } };
    const refused = await store.saveAs(join(folder, 'bad.json'), bad, false);
    expect(refused).toMatchObject({ ok: true, status: { path: first, saved: false, problems: expect.arrayContaining([expect.objectContaining({ path: 'source.networkName.name' })]) } });
    expect((await readdir(folder)).sort()).toEqual(['first.json', 'other.json']);
    expect(store.path).toBe(first);

    expect(await store.saveAs(other, labPairDocument(), true)).toMatchObject({ ok: true, status: { path: other, saved: true } });
    expect(await readFile(other, 'utf8')).toBe(labText());
  });
});

describe('a new pair document in a new file', () => {
  it('writes the template there and works from it: every site value is a problem; never over a file', async () => {
    const first = join(folder, 'first.json');
    await writeFile(first, labText());
    const told: string[] = [];
    const store = openPairStore(first, { onRelocated: async (path) => void told.push(path) });
    const target = join(folder, 'new.json');
    const created = await store.create(target);
    expect(created).toMatchObject({ ok: true, status: { path: target, saved: false } });
    expect(created.ok && created.status.problems.length).toBe(30);
    expect(JSON.parse(await readFile(target, 'utf8'))).toEqual(pairDocumentTemplate());
    expect(store.path).toBe(target);
    expect(told).toEqual([target]);

    expect(await store.create(first)).toMatchObject({ ok: false, code: 'pair/location', message: expect.stringMatching(/first\.json already exists; a new document goes to a new file/) });
    expect(await readFile(first, 'utf8')).toBe(labText());
    expect(await store.create(join(folder, 'missing', 'x.json'))).toMatchObject({ ok: false, code: 'pair/location', message: expect.stringMatching(/The folder .*missing does not exist/) });
    expect(store.path).toBe(target);
  });
});

describe('the program remembers the pair document chosen in the wizard', () => {
  let lab: string;
  let app: App | undefined;
  beforeEach(async () => {
    lab = join(folder, 'lab');
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  const dispatch = (a: App, channel: string, payload: unknown) => a.dispatcher.dispatch({ channel, payload }, () => undefined);

  it('works from the file saved as in the wizard after a restart, and from --pair when given', async () => {
    app = await createApp({ labFolder: lab, appVersion: '0.0.0-test' });
    const got = (await dispatch(app, 'pair.get', {})) as { ok: true; value: { path: string; document: unknown } };
    expect(got.value.path).toBe(join(lab, 'pair.json'));
    const elsewhere = join(folder, 'pair-production.json');
    expect(await dispatch(app, 'pair.saveAs', { path: elsewhere, document: got.value.document, replace: false })).toMatchObject({
      ok: true,
      value: { path: elsewhere, saved: true },
    });
    expect(await dispatch(app, 'pair.saveAs', { path: 'pair.json', document: got.value.document, replace: false })).toMatchObject({
      ok: false,
      error: { code: 'pair/location', message: expect.stringMatching(/not a full path/) },
    });
    await app.close();
    expect(await rememberedPairFile(lab)).toBe(elsewhere);

    app = await createApp({ labFolder: lab, appVersion: '0.0.0-test' });
    expect(await dispatch(app, 'pair.get', {})).toMatchObject({ ok: true, value: { path: elsewhere, problems: [] } });
    expect(await dispatch(app, 'pair.open', { path: join(lab, 'pair.json') })).toMatchObject({ ok: true, value: { path: join(lab, 'pair.json') } });
    await app.close();

    const explicit = join(folder, 'explicit.json');
    app = await createApp({ labFolder: lab, appVersion: '0.0.0-test', pairFile: explicit });
    expect(await dispatch(app, 'pair.get', {})).toMatchObject({ ok: true, value: { path: explicit } });
    await app.close();
    app = await createApp({ labFolder: lab, appVersion: '0.0.0-test' });
    expect(await dispatch(app, 'pair.get', {})).toMatchObject({ ok: true, value: { path: join(lab, 'pair.json') } });
  });

  it('ignores a remembered record it cannot use and falls back to the lab document', async () => {
    await mkdir(lab, { recursive: true });
    for (const text of ['{ not json', JSON.stringify({ path: 'relative.json' }), JSON.stringify({ other: 1 })]) {
      await writeFile(join(lab, PAIR_LOCATION_FILE), text);
      expect(await rememberedPairFile(lab)).toBeUndefined();
    }
    app = await createApp({ labFolder: lab, appVersion: '0.0.0-test' });
    expect(await dispatch(app, 'pair.get', {})).toMatchObject({ ok: true, value: { path: join(lab, 'pair.json'), problems: [] } });
  });
});
