import { describe, expect, it } from 'vitest';
import { createDirectorySession, describeDirectoryFailure } from '../../../src-main/cli/directory-session';
import type { DirectoryConnection } from '../../../src-main/cli/exchfailover-arguments';
import type { LdaptsDirectoryOptions } from '../../../src-main/directory/ldapts-directory';
import { DirectoryError, type DirectoryPort } from '../../../src-main/directory/port';

const CONNECTION: DirectoryConnection = {
  url: 'ldaps://dc1.lab.local',
  bindDn: 'admin@lab.local',
  password: 'pw',
  passwordSource: 'user-option',
  startTls: false,
  caFile: '/etc/ca.pem',
};

function directory(name: string, closed: string[]): DirectoryPort {
  const unused = (): never => {
    throw new Error('unused');
  };
  return { rootDse: unused, search: unused, modify: unused, add: unused, delete: unused, close: async () => void closed.push(name) };
}

describe('createDirectorySession', () => {
  it('hands the probed directory to the first connect, opens fresh ones after, closes them all', async () => {
    const opened: LdaptsDirectoryOptions[] = [];
    const closed: string[] = [];
    const session = createDirectorySession(CONNECTION, async (options) => {
      opened.push(options);
      return directory(`d${opened.length}`, closed);
    });
    await session.probe();
    const first = await session.connect();
    const second = await session.connect();
    expect(first).not.toBe(second);
    expect(opened).toHaveLength(2);
    expect(opened[0]).toEqual({ url: 'ldaps://dc1.lab.local', bindDn: 'admin@lab.local', password: 'pw', caFile: '/etc/ca.pem', connections: 8, pageSize: 1000 });
    await session.closeAll();
    expect(closed.sort()).toEqual(['d1', 'd2']);
  });
});

describe('describeDirectoryFailure', () => {
  it('says what to do for the usual failures', () => {
    expect(describeDirectoryFailure(new DirectoryError('invalid-credentials', 'x', 49), CONNECTION)).toContain('invalid credentials');
    expect(describeDirectoryFailure(new DirectoryError('strong-auth-required', 'x', 8), CONNECTION)).toContain('use an ldaps:// URL or --starttls');
    expect(describeDirectoryFailure(new DirectoryError('tls', 'self-signed certificate'), CONNECTION)).toContain('--ca-file');
    expect(describeDirectoryFailure(new DirectoryError('no-such-object', 'search X: No Such Object'), CONNECTION)).toBe(
      'the directory at ldaps://dc1.lab.local: no such object: search X: No Such Object',
    );
  });
});
