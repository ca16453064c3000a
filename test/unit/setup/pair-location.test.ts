import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { win32 } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../../src-main/app/create-app';
import type { App } from '../../../src-main/app/app';
import type { FileChooser } from '../../../src-main/app/file-chooser';
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

  it('refuses to open a file that is not a valid pair document, never quoting it; the document open stays, nothing is remembered', async () => {
    const first = join(folder, 'first.json');
    await writeFile(first, labText());
    const secret = 'SECRET-token-abcdef0123456789';
    const broken = join(folder, 'broken.json');
    await writeFile(broken, `${secret} is not JSON`);
    const cut = join(folder, 'cut.json');
    await writeFile(cut, `{ "password": "${secret}", `);
    const other = join(folder, 'other.json');
    await writeFile(other, JSON.stringify({ password: secret }));
    const template = join(folder, 'template.json');
    await writeFile(template, JSON.stringify(pairDocumentTemplate()));
    const told: string[] = [];
    const store = openPairStore(first, { onRelocated: async (path) => void told.push(path) });
    const digest = store.digest();

    const refusals = [];
    for (const path of [broken, cut, other, template]) {
      const outcome = await store.open(path);
      expect(outcome).toMatchObject({ ok: false, code: 'pair/not-a-pair-document', message: expect.stringContaining(`${path} was not opened: `) });
      refusals.push(outcome.ok ? '' : outcome.message);
    }
    expect(refusals[0]).toMatch(/it is not valid JSON \(at character 0\)|it is not valid JSON\./);
    expect(refusals[2]).toMatch(/not a valid pair document \(\d+ problems; exchange-ha pair check lists them by field\)/);
    expect(refusals[3]).toMatch(/not a valid pair document/);
    for (const message of refusals) {
      expect(message).not.toContain('SECRET');
      expect(message).not.toContain('password');
      expect(message).toContain(`The pair document open stays ${first}.`);
    }
    expect(store.path).toBe(first);
    expect(store.digest()).toBe(digest);
    expect(told).toEqual([]);
    expect(await store.status()).toMatchObject({ path: first, problems: [] });
  });

  it('the file open reported as not JSON names the position only, never the text', async () => {
    const first = join(folder, 'first.json');
    await writeFile(first, '{"password": "SECRET-abc", oops');
    const status = await openPairStore(first).status();
    expect(status.problems).toHaveLength(1);
    expect(status.problems[0]?.message).toMatch(/is not valid JSON/);
    expect(status.problems[0]?.message).not.toContain('SECRET');
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
    expect(created.ok && created.status.problems.length).toBe(31);
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
    expect(app.environment.fileChoice).toBe('lab-folder');
    const got = (await dispatch(app, 'pair.get', {})) as { ok: true; value: { path: string; document: unknown } };
    expect(got.value.path).toBe(join(lab, 'pair.json'));
    const production = join(lab, 'pair-production.json');
    expect(await dispatch(app, 'pair.saveAs', { path: 'pair-production.json', document: got.value.document, replace: false })).toMatchObject({
      ok: true,
      value: { path: production, saved: true },
    });
    expect(await dispatch(app, 'pair.saveAs', { path: join(folder, 'elsewhere.json'), document: got.value.document, replace: true })).toMatchObject({
      ok: false,
      error: { code: 'pair/location', message: expect.stringMatching(/is not in the lab folder/) },
    });
    await app.close();
    expect(await rememberedPairFile(lab)).toBe(production);

    app = await createApp({ labFolder: lab, appVersion: '0.0.0-test' });
    expect(await dispatch(app, 'pair.get', {})).toMatchObject({ ok: true, value: { path: production, problems: [] } });
    expect(await dispatch(app, 'pair.open', { path: 'pair.json' })).toMatchObject({ ok: true, value: { path: join(lab, 'pair.json') } });
    await app.close();

    const explicit = join(folder, 'explicit.json');
    app = await createApp({ labFolder: lab, appVersion: '0.0.0-test', pairFile: explicit });
    expect(await dispatch(app, 'pair.get', {})).toMatchObject({ ok: true, value: { path: explicit } });
    await app.close();
    app = await createApp({ labFolder: lab, appVersion: '0.0.0-test' });
    expect(await dispatch(app, 'pair.get', {})).toMatchObject({ ok: true, value: { path: join(lab, 'pair.json') } });
  });

  it('pair.open of a file outside the lab folder, through "..", or broken changes nothing: the document, the remembered file, the steps', async () => {
    app = await createApp({ labFolder: lab, appVersion: '0.0.0-test' });
    const production = join(lab, 'pair-production.json');
    const document = ((await dispatch(app, 'pair.get', {})) as { ok: true; value: { document: unknown } }).value.document;
    expect(await dispatch(app, 'pair.saveAs', { path: 'pair-production.json', document, replace: false })).toMatchObject({ ok: true });
    expect(await rememberedPairFile(lab)).toBe(production);
    const before = { pair: await dispatch(app, 'pair.get', {}), steps: await dispatch(app, 'steps.list', {}) };

    await writeFile(join(folder, 'outside.json'), labText());
    await writeFile(join(lab, 'broken.json'), '{"password": "SECRET-in-a-broken-file", ');
    const attempts: [unknown, string, RegExp][] = [
      [join(folder, 'outside.json'), 'pair/location', /is not in the lab folder/],
      ['../outside.json', 'pair/location', /leads out of the lab folder/],
      ['broken.json', 'pair/not-a-pair-document', /broken\.json was not opened: it is not valid JSON/],
      ['progress.json', 'pair/location', /the lab's own state/],
      ['missing.json', 'pair/location', /There is no file at/],
    ];
    for (const [path, code, message] of attempts) {
      const reply = await dispatch(app, 'pair.open', { path });
      expect(reply).toMatchObject({ ok: false, error: { code, message: expect.stringMatching(message) } });
      expect(JSON.stringify(reply)).not.toContain('SECRET');
      expect(await dispatch(app, 'pair.get', {})).toEqual(before.pair);
      expect(await dispatch(app, 'steps.list', {})).toEqual(before.steps);
      expect(await rememberedPairFile(lab)).toBe(production);
    }
    expect(await dispatch(app, 'pair.new', { path: '../new.json' })).toMatchObject({ ok: false, error: { code: 'pair/location' } });
    expect(await dispatch(app, 'pair.saveAs', { path: '../copy.json', document, replace: true })).toMatchObject({ ok: false, error: { code: 'pair/location' } });
    expect((await readdir(folder)).sort()).toEqual(['lab', 'outside.json']);
  });

  it('with the desktop program\'s chooser the dialog decides the file, never the path the renderer sent', async () => {
    const picked = join(folder, 'picked.json');
    const asked: { kind: string; suggestion: string | undefined }[] = [];
    const fileChooser: FileChooser = {
      mode: 'dialog',
      async choose(kind, { suggestion }) {
        asked.push({ kind, suggestion });
        return kind === 'open' ? { kind: 'cancelled' } : { kind: 'chosen', path: picked, replaceAsked: kind === 'saveAs' };
      },
    };
    app = await createApp({ labFolder: lab, appVersion: '0.0.0-test', fileChooser });
    expect(app.environment.fileChoice).toBe('dialog');
    const document = ((await dispatch(app, 'pair.get', {})) as { ok: true; value: { document: unknown } }).value.document;
    await writeFile(picked, 'an older file the dialog asked to replace');
    expect(await dispatch(app, 'pair.saveAs', { path: '/etc/evil.json', document, replace: false })).toMatchObject({ ok: true, value: { path: picked, saved: true } });
    expect(await readFile(picked, 'utf8')).toBe(labText());
    expect(await dispatch(app, 'pair.open', {})).toEqual({ ok: false, error: { code: 'pair/cancelled', message: 'No file was chosen; nothing changed.' } });
    expect(await dispatch(app, 'pair.get', {})).toMatchObject({ ok: true, value: { path: picked } });
    expect(asked).toEqual([
      { kind: 'saveAs', suggestion: '/etc/evil.json' },
      { kind: 'open', suggestion: undefined },
    ]);
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
