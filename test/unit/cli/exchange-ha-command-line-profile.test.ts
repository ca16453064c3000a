/**
 * The real tools' own options of `exchange-ha setup` as the connection profile they stand for: every option in its
 * field, the profile's defaults, plain LDAP with a bind DN allowed (with its warning) as before profiles, a value the
 * profile refuses named by its option; and the node files of that profile (the default root `\\{node}\{drive}$`)
 * reach the same administrative-share paths the options always did (`adminSharePath`).
 */
import { describe, expect, it, vi } from 'vitest';
import type { FsLocator } from '../../../src-main/nodes/fs-node-files';

const locators = vi.hoisted(() => [] as FsLocator[]);
vi.mock('../../../src-main/nodes/fs-node-files', async (original) => {
  const actual = await original<typeof import('../../../src-main/nodes/fs-node-files')>();
  return {
    ...actual,
    createFsNodeFiles: (...args: Parameters<typeof actual.createFsNodeFiles>) => {
      locators.push(args[0]);
      return actual.createFsNodeFiles(...args);
    },
  };
});

import type { RealToolArguments } from '../../../src-main/cli/exchange-ha/arguments';
import { COMMAND_LINE_PROFILE_NAME, commandLineProfile } from '../../../src-main/cli/exchange-ha/command-line-profile';
import { DT_PASSWORD_ENV } from '../../../src-main/cli/exchange-ha/password-options';
import { UsageError } from '../../../src-main/cli/usage-error';
import { adminSharePath } from '../../../src-main/nodes/unc-path';
import { parseWindowsPath } from '../../../src-main/nodes/windows-path';
import { connectionProfileWarnings } from '../../../src-main/profile/connection-profile-schema';
import { createTemplateNodeFiles, DEFAULT_NODE_FILES_ROOT } from '../../../src-main/profile/node-files-root';

const BASE: RealToolArguments = {
  clusterExe: 'cluster.exe',
  dtclExe: 'dtcl.exe',
  dtUser: 'CORP\\dtadmin',
  dtPassword: { from: 'env', variable: DT_PASSWORD_ENV },
  ldapUrl: 'ldaps://dc1.corp.example',
  startTls: false,
};

function refusal(real: RealToolArguments): string {
  try {
    commandLineProfile(real);
  } catch (e) {
    if (e instanceof UsageError) return e.message;
    throw e;
  }
  throw new Error('accepted');
}

describe('the real tools options as a connection profile', () => {
  it('puts every option in its field; the node files through the administrative shares', () => {
    expect(
      commandLineProfile({
        ...BASE,
        clusterExe: 'C:\\Windows\\cluster.exe',
        dtclExe: 'D:\\DT\\dtcl.exe',
        bindDn: 'CN=Admin,DC=corp',
        bindPassword: { from: 'file', file: '/s/bind.pw' },
        caFile: '/work/ca.pem',
      }),
    ).toEqual({
      format: 'exchange-ha-connection-profile',
      version: 1,
      name: COMMAND_LINE_PROFILE_NAME,
      directory: { url: 'ldaps://dc1.corp.example', startTls: false, caFile: '/work/ca.pem', bindDn: 'CN=Admin,DC=corp', allowPlainLdapPassword: false },
      tools: { clusterExe: 'C:\\Windows\\cluster.exe', dtclExe: 'D:\\DT\\dtcl.exe' },
      doubleTake: { user: 'CORP\\dtadmin' },
      nodeFiles: { root: DEFAULT_NODE_FILES_ROOT },
    });
    expect(COMMAND_LINE_PROFILE_NAME).toBe('Command line');
  });

  it('ldap:// with --starttls, anonymous: no warning', () => {
    const profile = commandLineProfile({ ...BASE, ldapUrl: 'ldap://dc1.corp.example', startTls: true, caFile: '/ca.pem' });
    expect(profile.directory).toMatchObject({ url: 'ldap://dc1.corp.example', startTls: true, caFile: '/ca.pem' });
    expect(connectionProfileWarnings(profile)).toEqual([]);
  });

  it('plain ldap:// with --bind-dn stays allowed, as before profiles, and carries the warning that the password crosses in clear', () => {
    const profile = commandLineProfile({ ...BASE, ldapUrl: 'ldap://corp.example', bindDn: 'CN=Admin,DC=corp', bindPassword: { from: 'env', variable: 'X' } });
    expect(profile.directory.allowPlainLdapPassword).toBe(true);
    const warnings = connectionProfileWarnings(profile);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('the bind password of CN=Admin,DC=corp crosses the network in clear');
    expect(commandLineProfile({ ...BASE, ldapUrl: 'ldap://corp.example' }).directory.allowPlainLdapPassword).toBe(false);
  });

  it('a value the profile refuses is a usage error naming the option', () => {
    expect(refusal({ ...BASE, ldapUrl: 'ldaps://dc_1.corp.example' })).toMatch(/^--ldap-url: Give ldaps:\/\/HOST\[:PORT\]/);
    expect(refusal({ ...BASE, dtUser: 'x'.repeat(300) })).toContain('--dt-user: The Double-Take user can be at most 256 characters.');
    expect(refusal({ ...BASE, clusterExe: 'cluster\u0007.exe', dtclExe: 'dtcl\u0000.exe' })).toBe(
      "the real tools' options cannot be used:\n  --cluster-exe: The cluster.exe path must not contain control characters.\n  --dtcl-exe: The dtcl.exe path must not contain control characters.",
    );
  });
});

describe("the profile's default node files root is the administrative share the options used", () => {
  it('maps every node and path as adminSharePath does', async () => {
    locators.length = 0;
    createTemplateNodeFiles(commandLineProfile(BASE).nodeFiles.root);
    const locator = locators[0];
    if (locator === undefined) throw new Error('no locator');
    for (const [node, path] of [
      ['SRC1', 'C:\\Program Files\\DoubleTake\\online.dtcl'],
      ['TGT2', 'E:\\Exchsrvr\\mdbdata\\priv1.edb'],
      ['SRC2', 'D:\\a b\\c.d\\e'],
    ] as const) {
      expect(await locator.locate(node, parseWindowsPath(path))).toBe(adminSharePath(node, path));
    }
    // A drive's root: the same share, without the final backslash.
    expect(`${await locator.locate('SRC2', parseWindowsPath('E:\\'))}\\`).toBe(adminSharePath('SRC2', 'E:\\'));
  });
});
