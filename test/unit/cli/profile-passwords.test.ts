import { describe, expect, it } from 'vitest';
import { childEnvironment, profileCredentials, readPassword } from '../../../src-main/cli/exchange-ha/profile-passwords';
import { UsageError } from '../../../src-main/cli/usage-error';
import { connectionProfileTemplate } from '../../../src-main/profile/connection-profile-file';
import { createSecretMask } from '../../../src-main/shared/redaction';

const PROFILE_FILE = '/site/profile.json';

function deps(files: Record<string, string> = {}, env: NodeJS.ProcessEnv = {}) {
  const mask = createSecretMask();
  const readText = async (path: string): Promise<string> => {
    const text = files[path];
    if (text === undefined) throw Object.assign(new Error('no such file'), { code: 'ENOENT' });
    return text;
  };
  return { env, mask, readText };
}

describe('profileCredentials', () => {
  it('reads both passwords from their files (a final newline is not part of them) and masks them at once', async () => {
    const d = deps({ '/p/dt': 'dt-Secret-1\r\n', '/p/bind': '\uFEFFbind-Secret-2\n' });
    const credentials = await profileCredentials(connectionProfileTemplate(), PROFILE_FILE, { doubleTake: { from: 'file', file: '/p/dt' }, directory: { from: 'file', file: '/p/bind' } }, d);
    expect(credentials.require('doubleTake').reveal()).toBe('dt-Secret-1');
    expect(credentials.require('directory').reveal()).toBe('bind-Secret-2');
    expect(d.mask.text('x dt-Secret-1 bind-Secret-2')).toBe('x ******** ********');
    expect(credentials.status().canRemember).toBe(false);
  });

  it('a needed password with no source names the account, the variable and the option', async () => {
    await expect(profileCredentials(connectionProfileTemplate(), PROFILE_FILE, { directory: { from: 'env', variable: 'B' } }, deps({}, { B: 'b' }))).rejects.toThrow(
      new UsageError(`the profile ${PROFILE_FILE} needs the double-take password of EXAMPLE\\dtadmin: set EXCHANGE_HA_DT_PASSWORD or give --dt-password-file FILE (never on the command line)`),
    );
  });

  it('an anonymous profile needs no bind password: its variable is ignored, its file is refused', async () => {
    const template = connectionProfileTemplate();
    const anonymous = { ...template, directory: { url: template.directory.url, startTls: false, allowPlainLdapPassword: false } };
    const env = { DT: 'dt-Secret-3', BIND: 'unused' };
    const credentials = await profileCredentials(anonymous, PROFILE_FILE, { doubleTake: { from: 'env', variable: 'DT' }, directory: { from: 'env', variable: 'BIND' } }, deps({}, env));
    expect(credentials.get('directory')).toBeUndefined();
    await expect(
      profileCredentials(anonymous, PROFILE_FILE, { doubleTake: { from: 'env', variable: 'DT' }, directory: { from: 'file', file: '/p/bind' } }, deps({ '/p/bind': 'b' }, env)),
    ).rejects.toThrow(`--bind-password-file /p/bind: the profile ${PROFILE_FILE} binds anonymously (no directory.bindDn), so no bind password is used`);
  });
});

describe('readPassword', () => {
  it.each([
    [{ '/p/x': '' }, 'the password file /p/x (--dt-password-file) is empty'],
    [{ '/p/x': 'one\ntwo\n' }, 'the password file /p/x (--dt-password-file) has more than one line'],
    [{}, 'cannot read the password file /p/x (--dt-password-file): no such file (ENOENT)'],
  ])('a bad password file is refused: %j', async (files, message) => {
    await expect(readPassword({ from: 'file', file: '/p/x' }, '--dt-password-file', deps(files))).rejects.toThrow(message);
  });

  it('an empty variable is refused', async () => {
    await expect(readPassword({ from: 'env', variable: 'V' }, '--dt-password-file', deps({}, { V: '' }))).rejects.toThrow('V is empty');
  });

  it('the lines of a refused multi-line file are masked all the same', async () => {
    const d = deps({ '/p/x': 'first-Secret\nsecond\n' });
    await expect(readPassword({ from: 'file', file: '/p/x' }, '--dt-password-file', d)).rejects.toThrow(UsageError);
    expect(d.mask.text('first-Secret\nsecond')).not.toContain('first-Secret');
  });
});

describe('childEnvironment', () => {
  it('drops the password variables and keeps the rest', () => {
    expect(childEnvironment({ PATH: '/bin', EXCHANGE_HA_DT_PASSWORD: 'a', EXCHANGE_HA_BIND_PASSWORD: 'b', EXCH_HA_LAB: '/lab' })).toEqual({ PATH: '/bin', EXCH_HA_LAB: '/lab' });
  });
});
