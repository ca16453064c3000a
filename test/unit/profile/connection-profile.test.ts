import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checkConnectionProfile,
  ConnectionProfileError,
  connectionProfileTemplate,
  formatConnectionProfile,
  parseConnectionProfile,
  PROFILE_DOCUMENT_PATH,
  readConnectionProfile,
  writeConnectionProfile,
  type ProfileProblem,
} from '../../../src-main/profile/connection-profile-file';
import {
  CONNECTION_PROFILE_FORMAT,
  CONNECTION_PROFILE_VERSION,
  connectionProfileWarnings,
  isPlainLdapUrl,
} from '../../../src-main/profile/connection-profile-schema';
import { DEFAULT_NODE_FILES_ROOT } from '../../../src-main/profile/node-files-root';

/** The README's "Using a real pair" example, as written there. */
const README_EXAMPLE = `{
  "format": "exchange-ha-connection-profile",
  "version": 1,
  "name": "Production",
  "directory": {
    "url": "ldaps://dc1.example.com",
    "caFile": "C:\\\\HA\\\\corp-root-ca.pem",
    "bindDn": "CN=Exchange HA,OU=Service Accounts,DC=example,DC=com"
  },
  "tools": {
    "clusterExe": "cluster.exe",
    "dtclExe": "C:\\\\Program Files\\\\NSI Software\\\\Double-Take\\\\dtcl.exe"
  },
  "doubleTake": { "user": "EXAMPLE\\\\dtadmin" },
  "nodeFiles": { "root": "\\\\\\\\{node}\\\\{drive}$" }
}
`;

type Json = Record<string, unknown>;

/** A minimal valid profile as plain JSON, with the directory fields replaced by `directory`. */
function profileJson(directory: Json = { url: 'ldaps://dc1.example.com' }, extra: Json = {}): Json {
  return {
    format: CONNECTION_PROFILE_FORMAT,
    version: CONNECTION_PROFILE_VERSION,
    name: 'Production',
    directory,
    doubleTake: { user: 'EXAMPLE\\dtadmin' },
    ...extra,
  };
}

function problemsOf(json: unknown): readonly ProfileProblem[] {
  const check = checkConnectionProfile(json);
  if (check.ok) throw new Error(`expected problems, the profile was accepted: ${JSON.stringify(check.profile)}`);
  return check.problems;
}

const pathsOf = (json: unknown): string[] => problemsOf(json).map((p) => p.path);

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'connection-profile-'));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe('a valid connection profile', () => {
  it('the template parses and its text round-trips through format and write/read', async () => {
    const template = connectionProfileTemplate('Staging');
    expect(parseConnectionProfile(template, 'template')).toEqual(template);
    const text = formatConnectionProfile(template);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "format": "exchange-ha-connection-profile",\n');
    expect(parseConnectionProfile(JSON.parse(text), 'text')).toEqual(template);

    const file = join(folder, 'connection-profile.json');
    await writeConnectionProfile(file, template);
    expect(await readFile(file, 'utf8')).toBe(text);
    expect(await readConnectionProfile(file)).toEqual(template);
  });

  it("the README's example parses with the defaults filled in", async () => {
    const file = join(folder, 'connection-profile.json');
    await writeFile(file, README_EXAMPLE, 'utf8');
    const profile = await readConnectionProfile(file);
    expect(profile).toEqual({
      format: 'exchange-ha-connection-profile',
      version: 1,
      name: 'Production',
      directory: {
        url: 'ldaps://dc1.example.com',
        caFile: 'C:\\HA\\corp-root-ca.pem',
        bindDn: 'CN=Exchange HA,OU=Service Accounts,DC=example,DC=com',
        startTls: false,
        allowPlainLdapPassword: false,
      },
      tools: { clusterExe: 'cluster.exe', dtclExe: 'C:\\Program Files\\NSI Software\\Double-Take\\dtcl.exe' },
      doubleTake: { user: 'EXAMPLE\\dtadmin' },
      nodeFiles: { root: '\\\\{node}\\{drive}$' },
    });
    expect(connectionProfileWarnings(profile)).toEqual([]);
    // Written back it reads the same, and a second format is identical (the text is stable).
    const again = join(folder, 'again.json');
    await writeConnectionProfile(again, profile);
    expect(await readConnectionProfile(again)).toEqual(profile);
    expect(formatConnectionProfile(await readConnectionProfile(again))).toBe(await readFile(again, 'utf8'));
  });

  it('fills the defaults: tools on PATH, the administrative share, ldaps without StartTLS', () => {
    const profile = parseConnectionProfile(profileJson(), 'minimal');
    expect(profile.tools).toEqual({ clusterExe: 'cluster.exe', dtclExe: 'dtcl.exe' });
    expect(profile.nodeFiles).toEqual({ root: DEFAULT_NODE_FILES_ROOT });
    expect(profile.directory).toEqual({ url: 'ldaps://dc1.example.com', startTls: false, allowPlainLdapPassword: false });
    expect(profile.directory.bindDn).toBeUndefined();
  });

  it('reads a file that starts with a byte order mark (Notepad writes one)', async () => {
    const file = join(folder, 'bom.json');
    await writeFile(file, `\uFEFF${JSON.stringify(profileJson())}`, 'utf8');
    expect((await readConnectionProfile(file)).name).toBe('Production');
  });

  it('trims the texts it keeps', () => {
    const profile = parseConnectionProfile(profileJson({ url: '  ldaps://dc1.example.com  ' }, { name: '  Lab  ' }), 'x');
    expect(profile.name).toBe('Lab');
    expect(profile.directory.url).toBe('ldaps://dc1.example.com');
  });

  it('property: any valid profile round-trips through its text unchanged', () => {
    const host = fc
      .array(fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/), { minLength: 1, maxLength: 4 })
      .map((labels) => labels.join('.'));
    const directory = fc.oneof(
      fc.record({ url: fc.tuple(host, fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined })).map(([h, p]) => `ldaps://${h}${p === undefined ? '' : `:${p}`}`), bindDn: fc.constantFrom('CN=HA,DC=example,DC=com', 'ha@example.com') }),
      fc.record({ url: host.map((h) => `ldap://${h}`), startTls: fc.constant(true), caFile: fc.constant('/etc/ssl/ca.pem') }),
      fc.record({ url: host.map((h) => `LDAP://${h}:389`), bindDn: fc.constant('CN=HA'), allowPlainLdapPassword: fc.constant(true) }),
    );
    const name = fc.string({ minLength: 1, maxLength: 64 }).filter((s) => s.trim() === s && s !== '' && !/\p{Cc}/u.test(s));
    fc.assert(
      fc.property(directory, name, (dir, profileName) => {
        const profile = parseConnectionProfile(profileJson(dir, { name: profileName }), 'generated');
        const text = formatConnectionProfile(profile);
        const reread = parseConnectionProfile(JSON.parse(text), 'text');
        expect(reread).toEqual(profile);
        expect(formatConnectionProfile(reread)).toBe(text);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the profile never holds a secret', () => {
  it.each([
    [{ directory: { url: 'ldaps://dc1', bindDn: 'CN=HA', bindPassword: 'hunter2' } }, 'directory.bindPassword'],
    [{ password: 'hunter2' }, 'password'],
    [{ doubleTake: { user: 'EXAMPLE\\dt', password: 'hunter2' } }, 'doubleTake.password'],
    [{ doubleTake: { user: 'EXAMPLE\\dt', Secret: 'hunter2' } }, 'doubleTake.Secret'],
    [{ tools: { clusterExe: 'cluster.exe', apiToken: 'hunter2' } }, 'tools.apiToken'],
    [{ extra: { deeper: [{ x: 1 }, { dt_passwd: 'hunter2' }] } }, 'extra.deeper[1].dt_passwd'],
    [{ nodeFiles: { root: DEFAULT_NODE_FILES_ROOT, PWD: 'hunter2' } }, 'nodeFiles.PWD'],
    [{ directory: { url: 'ldaps://dc1', bindPw: 'hunter2' } }, 'directory.bindPw'],
    [{ credentials: { user: 'x' } }, 'credentials'],
  ])('refuses %j naming %s, without quoting its value', (extra, path) => {
    const json = profileJson(undefined, extra as Json);
    const problems = problemsOf(json);
    const secretProblem = problems.find((p) => p.path === path);
    expect(secretProblem?.message).toMatch(/looks like a secret/);
    // Reported once (not a second time as an unknown field).
    expect(problems.filter((p) => p.path === path)).toHaveLength(1);
    const error = (() => {
      try {
        parseConnectionProfile(json, 'C:\\HA\\profile.json');
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(ConnectionProfileError);
    expect((error as Error).message).toContain(path);
    expect((error as Error).message).toContain('C:\\HA\\profile.json');
    expect((error as Error).message).not.toContain('hunter2');
  });

  it('allowPlainLdapPassword is the one field whose name looks like one, and only in directory', () => {
    expect(checkConnectionProfile(profileJson({ url: 'ldap://dc1', bindDn: 'CN=HA', allowPlainLdapPassword: true })).ok).toBe(true);
    expect(pathsOf(profileJson(undefined, { doubleTake: { user: 'x', allowPlainLdapPassword: true } }))).toEqual(['doubleTake.allowPlainLdapPassword']);
  });

  it('property: a password-like key anywhere is refused and named by its path', () => {
    const secretKey = fc.tuple(fc.constantFrom('', 'bind', 'dt', 'my_', 'x-'), fc.constantFrom('password', 'Password', 'PASSWD', 'pwd', 'secret', 'Token', 'passphrase', 'apiKey', 'private_key')).map(([a, b]) => a + b);
    const place = fc.constantFrom<readonly string[]>([], ['directory'], ['doubleTake'], ['tools'], ['nodeFiles']);
    fc.assert(
      fc.property(secretKey, place, fc.string(), (key, at, value) => {
        const json = profileJson();
        let target: Json = json;
        for (const part of at) target = (target[part] ??= {}) as Json;
        target[key] = value;
        const path = [...at, key].join('.');
        expect(pathsOf(json)).toContain(path);
        expect(problemsOf(json).find((p) => p.path === path)?.message).toMatch(/never holds one/);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses unknown fields naming their path', () => {
    expect(pathsOf(profileJson(undefined, { nmae: 'x' }))).toEqual(['nmae']);
    expect(pathsOf(profileJson({ url: 'ldaps://dc1', bindDN: 'CN=HA' }))).toEqual(['directory.bindDN']);
    const problems = problemsOf(profileJson(undefined, { tools: { clusterExe: 'cluster.exe', dtcl: 'dtcl.exe' } }));
    expect(problems).toEqual([{ path: 'tools.dtcl', message: expect.stringMatching(/'dtcl' is not a field of the connection profile/) }]);
  });

  it('names a missing field and a wrong type in words', () => {
    const { name: _unused, ...noName } = profileJson();
    expect(problemsOf(noName)).toEqual([{ path: 'name', message: 'This field is missing; give a text.' }]);
    expect(problemsOf(profileJson({ url: 'ldaps://dc1', startTls: 'yes' }))).toEqual([
      { path: 'directory.startTls', message: 'Expected true or false, found string.' },
    ]);
    expect(problemsOf([1, 2])).toEqual([{ path: PROFILE_DOCUMENT_PATH, message: 'Expected an object, found a list.' }]);
    expect(problemsOf(null)).toEqual([{ path: PROFILE_DOCUMENT_PATH, message: 'Expected an object, found null.' }]);
  });
});

describe('directory', () => {
  it('ldaps:// is the default and needs nothing else; StartTLS is refused on it', () => {
    expect(checkConnectionProfile(profileJson({ url: 'ldaps://dc1.example.com:636', bindDn: 'CN=HA' })).ok).toBe(true);
    expect(problemsOf(profileJson({ url: 'ldaps://dc1', startTls: true }))).toEqual([
      { path: 'directory.startTls', message: expect.stringMatching(/StartTLS is for ldap:\/\/ URLs/) },
    ]);
  });

  it('ldap:// with startTls and a bind DN is accepted without a warning', () => {
    const profile = parseConnectionProfile(profileJson({ url: 'ldap://dc1.example.com', startTls: true, bindDn: 'CN=HA', caFile: '/ca.pem' }), 'x');
    expect(connectionProfileWarnings(profile)).toEqual([]);
  });

  it('plain ldap:// without a bind DN (anonymous) is accepted without a warning', () => {
    const profile = parseConnectionProfile(profileJson({ url: 'ldap://dc1.example.com' }), 'x');
    expect(connectionProfileWarnings(profile)).toEqual([]);
  });

  it('plain ldap:// with a bind DN is refused naming directory.bindDn, unless allowPlainLdapPassword', () => {
    const problems = problemsOf(profileJson({ url: 'ldap://dc1.example.com', bindDn: 'CN=HA,DC=example,DC=com' }));
    expect(problems).toEqual([{ path: 'directory.bindDn', message: expect.stringMatching(/in clear.*allowPlainLdapPassword: true/s) }]);
    expect(checkConnectionProfile(profileJson({ url: 'ldap://dc1.example.com', bindDn: 'CN=HA', allowPlainLdapPassword: false })).ok).toBe(false);

    const profile = parseConnectionProfile(profileJson({ url: 'ldap://dc1.example.com:389', bindDn: 'CN=HA,DC=example,DC=com', allowPlainLdapPassword: true }), 'x');
    const warnings = connectionProfileWarnings(profile);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('ldap://dc1.example.com:389');
    expect(warnings[0]).toContain('CN=HA,DC=example,DC=com');
    expect(warnings[0]).toContain('"Production"');
  });

  it('a CA file is refused on plain ldap:// (nothing to check)', () => {
    expect(pathsOf(profileJson({ url: 'ldap://dc1', caFile: '/ca.pem' }))).toEqual(['directory.caFile']);
  });

  it('isPlainLdapUrl tells ldap:// from ldaps:// whatever the case', () => {
    expect(isPlainLdapUrl('ldap://dc1')).toBe(true);
    expect(isPlainLdapUrl('LDAP://dc1')).toBe(true);
    expect(isPlainLdapUrl('ldaps://dc1')).toBe(false);
    expect(isPlainLdapUrl('LDAPS://dc1')).toBe(false);
  });

  it.each([
    'ldaps://dc1.example.com',
    'ldaps://dc1.example.com:636',
    'ldaps://dc1.example.com:3269/',
    'LDAPS://DC1.EXAMPLE.COM',
    'ldaps://10.0.0.5:1',
    'ldaps://dc1:65535',
    'ldap://dc-01.corp.example.com',
  ])('accepts the URL %s', (url) => {
    expect(checkConnectionProfile(profileJson({ url })).ok).toBe(true);
  });

  it.each([
    'https://dc1.example.com',
    'ldapi://%2Fvar%2Frun%2Fslapd.sock',
    'dc1.example.com',
    'ldaps:/dc1.example.com',
    'ldaps://dc1.example.com/dc=example,dc=com',
    'ldaps://dc1.example.com/?cn',
    'ldaps://dc1.example.com:0',
    'ldaps://dc1.example.com:65536',
    'ldaps://dc1.example.com:99999',
    'ldaps://dc1.example.com:',
    'ldaps://dc1 .example.com',
    'ldaps://dc1.example.com :636',
    'ldaps://user@dc1.example.com',
    'ldaps://',
    'ldaps://-dc1.example.com',
    'ldaps://dc1..example.com',
    'ldaps://.',
    '',
  ])('refuses the URL %j naming directory.url', (url) => {
    const problems = problemsOf(profileJson({ url }));
    expect(problems.map((p) => p.path)).toEqual(['directory.url']);
  });

  it('property: a port is accepted exactly when it is 1..65535', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999 }), (port) => {
        const ok = checkConnectionProfile(profileJson({ url: `ldaps://dc1.example.com:${port}` })).ok;
        expect(ok).toBe(port >= 1 && port <= 65535);
      }),
      { numRuns: 300 },
    );
  });

  it('property: a URL with a space or a control character inside is refused', () => {
    fc.assert(
      fc.property(fc.integer({ min: 9, max: 22 }), fc.constantFrom(' ', '\t', '\n', '\u0000', '\u007f'), (at, bad) => {
        const good = 'ldaps://dc1.example.com:636';
        const url = good.slice(0, at) + bad + good.slice(at);
        expect(pathsOf(profileJson({ url }))).toEqual(['directory.url']);
      }),
    );
  });
});

describe('format and version', () => {
  it('a wrong format is refused saying what is expected', () => {
    expect(problemsOf(profileJson(undefined, { format: 'exchange-ha-pair' }))).toEqual([
      { path: 'format', message: 'This is not a connection profile; set "format": "exchange-ha-connection-profile".' },
    ]);
    const { format: _unused, ...noFormat } = profileJson();
    expect(problemsOf(noFormat)[0]?.message).toMatch(/set "format": "exchange-ha-connection-profile"/);
  });

  it.each([2, 0, '1', null])('version %j is refused saying which version this program reads', (version) => {
    expect(problemsOf(profileJson(undefined, { version }))).toEqual([
      { path: 'version', message: 'This program reads connection profiles of version 1; set "version": 1.' },
    ]);
  });
});

describe('reading a file that is no profile', () => {
  async function readError(file: string): Promise<ConnectionProfileError> {
    try {
      await readConnectionProfile(file);
    } catch (error) {
      expect(error).toBeInstanceOf(ConnectionProfileError);
      return error as ConnectionProfileError;
    }
    throw new Error(`${file} was read as a profile`);
  }

  it.each([
    ['a password on its own', 'hunter2-Secret!'],
    ['an INI-style password line', 'bindPassword=hunter2-Secret!\n'],
    ['JSON cut short', '{ "format": "exchange-ha-connection-profile", "password": "hunter2-Secret!"'],
    ['JSON with a trailing comma', '{ "name": "hunter2-Secret!", }'],
    ['a single-quoted string', "{ 'bindDn': 'hunter2-Secret!' }"],
  ])('not JSON (%s): names the file and never quotes its content', async (_what, content) => {
    const file = join(folder, 'profile.json');
    await writeFile(file, content, 'utf8');
    const error = await readError(file);
    expect(error.source).toBe(file);
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]?.path).toBe(PROFILE_DOCUMENT_PATH);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/not valid JSON/);
    expect(error.message).not.toContain('hunter2');
    expect(error.message).not.toContain('Secret!');
  });

  it('says where the JSON goes wrong by line and column', async () => {
    const file = join(folder, 'profile.json');
    await writeFile(file, '{\n  "name": "x",\n  oops\n}\n', 'utf8');
    expect((await readError(file)).message).toMatch(/not valid JSON \(line 3, column 3\)/);
    await writeFile(file, '{\r\n  "name": "x"\r\n', 'utf8');
    expect((await readError(file)).message).toMatch(/not valid JSON \(line 3, column 1\)/);
    await writeFile(file, '', 'utf8');
    expect((await readError(file)).message).toMatch(/not valid JSON \(line 1, column 1\)/);
  });

  it('a missing file is named with "there is no such file"', async () => {
    const file = join(folder, 'absent.json');
    const error = await readError(file);
    expect(error.message).toContain(file);
    expect(error.problems).toEqual([{ path: PROFILE_DOCUMENT_PATH, message: 'The file cannot be read: there is no such file.' }]);
  });

  it('a folder is named with "it is a folder"', async () => {
    const sub = join(folder, 'profile.json');
    await mkdir(sub);
    const error = await readError(sub);
    expect(error.message).toContain(sub);
    expect(error.problems[0]?.message).toBe('The file cannot be read: it is a folder.');
  });

  it('valid JSON holding a password is refused and its value is not in the message', async () => {
    const file = join(folder, 'profile.json');
    await writeFile(file, JSON.stringify(profileJson({ url: 'ldaps://dc1', bindDn: 'CN=HA', bindPassword: 'hunter2-Secret!' })), 'utf8');
    const error = await readError(file);
    expect(error.problems.map((p) => p.path)).toEqual(['directory.bindPassword']);
    expect(error.message).not.toContain('hunter2');
  });
});

describe('writing', () => {
  it('an invalid profile is not written and the file is left as it was', async () => {
    const file = join(folder, 'profile.json');
    await writeFile(file, 'before', 'utf8');
    const bad = { ...connectionProfileTemplate(), password: 'hunter2' };
    await expect(writeConnectionProfile(file, bad)).rejects.toThrow(ConnectionProfileError);
    await expect(writeConnectionProfile(file, bad)).rejects.toThrow(/password/);
    expect(await readFile(file, 'utf8')).toBe('before');
  });

  it('writes the profile with its defaults filled in', async () => {
    const file = join(folder, 'profile.json');
    await writeConnectionProfile(file, profileJson());
    const written = JSON.parse(await readFile(file, 'utf8')) as Json;
    expect(written['tools']).toEqual({ clusterExe: 'cluster.exe', dtclExe: 'dtcl.exe' });
    expect(written['nodeFiles']).toEqual({ root: DEFAULT_NODE_FILES_ROOT });
  });
});
