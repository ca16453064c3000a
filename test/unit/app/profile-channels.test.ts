import { mkdtemp, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../../../src-main/app/app';
import { createApp } from '../../../src-main/app/create-app';
import { commandWord, profileCommands } from '../../../src-main/app/profile-service';
import type { ChannelName, RequestOf } from '../../../src-main/contract/channels';
import { labPairDocument } from '../../../src-main/lab/lab-pair-document';
import { writePairDocument } from '../../../src-main/pair/pair-document-file';
import { connectionProfileTemplate, readConnectionProfile } from '../../../src-main/profile/connection-profile-file';

let folder: string;
let app: App;

beforeEach(async () => {
  folder = await realpath(await mkdtemp(join(tmpdir(), 'exch-ha-profile-')));
  app = await createApp({ labFolder: folder, appVersion: '0.0.0-test' });
});
afterEach(async () => {
  await app.close();
  await rm(folder, { recursive: true, force: true });
});

const call = <C extends ChannelName>(channel: C, payload: RequestOf<C>) => app.dispatcher.dispatch({ channel, payload }, () => undefined);

const profile = (changes: { directory?: Record<string, unknown>; extra?: Record<string, unknown> } = {}) => {
  const template = connectionProfileTemplate('Production');
  return { ...template, directory: { ...template.directory, ...changes.directory }, ...changes.extra };
};

describe('profile.template', () => {
  it('offers the template in the lab, with no password field', async () => {
    const reply = await call('profile.template', {});
    expect(reply).toEqual({ ok: true, value: { profile: connectionProfileTemplate() } });
    expect(JSON.stringify(reply)).not.toMatch(/"(bind)?password"/i);
  });

  it('offers the profile in use in a real environment', async () => {
    const pairFile = join(folder, 'real-pair.json');
    await writePairDocument(pairFile, labPairDocument());
    const used = { ...connectionProfileTemplate('Staging'), directory: { url: 'ldaps://127.0.0.1:1', startTls: false, allowPlainLdapPassword: false } };
    const real = await createApp({ labFolder: folder, appVersion: '0.0.0-test', pairFile, real: { profile: used } });
    try {
      const reply = await real.dispatcher.dispatch({ channel: 'profile.template', payload: {} }, () => undefined);
      expect(reply).toEqual({ ok: true, value: { profile: used } });
    } finally {
      await real.close();
    }
  });
});

describe('profile.check', () => {
  it('finds no problem in the template', async () => {
    expect(await call('profile.check', { profile: connectionProfileTemplate() })).toEqual({ ok: true, value: { problems: [] } });
  });

  it('refuses a bad URL, naming its field', async () => {
    const reply = await call('profile.check', { profile: profile({ directory: { url: 'http://dc1.example.com' } }) });
    expect(reply).toEqual({ ok: true, value: { problems: [{ path: 'directory.url', message: expect.stringContaining('ldaps://HOST') }] } });
  });

  it('refuses a password field, naming its path', async () => {
    const reply = await call('profile.check', { profile: profile({ directory: { bindPassword: 'hunter2' } }) });
    expect(reply).toEqual({ ok: true, value: { problems: [{ path: 'directory.bindPassword', message: expect.stringContaining('never holds one') }] } });
    expect(JSON.stringify(reply)).not.toContain('hunter2');
  });
});

describe('profile.saveAs', () => {
  it('writes a valid profile in the lab folder that readConnectionProfile reads back, and names the commands', async () => {
    const wanted = profile({ directory: { url: 'ldaps://127.0.0.1:1' } });
    const reply = await call('profile.saveAs', { path: 'production-profile.json', profile: wanted, replace: false });
    const file = join(folder, 'production-profile.json');
    const pairFile = join(folder, 'pair.json');
    expect(reply).toEqual({
      ok: true,
      value: {
        saved: true,
        path: file,
        commands: {
          check: `exchange-ha check --pair ${pairFile} --profile ${file}`,
          start: `npm start -- --pair ${pairFile} --profile ${file}`,
        },
      },
    });
    expect(await readConnectionProfile(file)).toEqual(wanted);
  });

  it('refuses an invalid profile with its problems and writes nothing', async () => {
    const reply = await call('profile.saveAs', { path: 'bad.json', profile: profile({ extra: { secret: 'x' } }), replace: false });
    expect(reply).toEqual({ ok: true, value: { saved: false, problems: [{ path: 'secret', message: expect.stringContaining('never holds one') }] } });
    await expect(readFile(join(folder, 'bad.json'))).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a file outside the lab folder, the lab state files and the pair document', async () => {
    for (const path of ['../outside.json', '/tmp/outside-profile.json', 'progress.json', 'pair.json', 'profile.txt']) {
      const reply = await call('profile.saveAs', { path, profile: connectionProfileTemplate(), replace: true });
      expect(reply, path).toMatchObject({ ok: false, error: { code: 'profile/location' } });
    }
    const pair = await readFile(join(folder, 'pair.json'), 'utf8');
    expect(pair).toContain('SRCCLUS');
  });

  it('refuses to write over an existing file unless replace is true', async () => {
    const file = join(folder, 'production-profile.json');
    await writeFile(file, 'before');
    const refused = await call('profile.saveAs', { path: 'production-profile.json', profile: connectionProfileTemplate(), replace: false });
    expect(refused).toMatchObject({ ok: false, error: { code: 'profile/exists' } });
    expect(await readFile(file, 'utf8')).toBe('before');
    const replaced = await call('profile.saveAs', { path: 'production-profile.json', profile: connectionProfileTemplate(), replace: true });
    expect(replaced).toMatchObject({ ok: true, value: { saved: true } });
    expect(await readConnectionProfile(file)).toEqual(connectionProfileTemplate());
  });
});

describe('the commands shown', () => {
  it('quotes a path with spaces', () => {
    expect(commandWord('C:\\HA files\\p.json')).toBe('"C:\\HA files\\p.json"');
    expect(profileCommands('C:\\HA\\pair.json', 'C:\\HA\\my profile.json').check).toBe('exchange-ha check --pair C:\\HA\\pair.json --profile "C:\\HA\\my profile.json"');
  });
});
